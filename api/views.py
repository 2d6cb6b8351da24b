"""The REST API: employees, units, cases with their milestones, and absence periods.

Every queryset comes from cases.access, so the API shows exactly what the
pages show to the same user; case reads are audit-logged like the pages, and
writes go through cases.services.
"""

from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from cases import access, services
from cases.access import Action
from cases.models import AbsencePeriod
from organisation.models import Unit

from .serializers import (
    MAX_ID,
    CaseDetailOut,
    CaseFilterIn,
    CaseOut,
    EmployeeFilterIn,
    EmployeeOut,
    PeriodChangeIn,
    PeriodIn,
    PeriodOut,
    UnitOut,
)

ID = OpenApiParameter("id", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, OpenApiParameter.PATH)


def _id(pk: str, what: str, user) -> int:
    """The path's id, if the database could hold it; else 404, logged like any refused object."""
    if not (pk.isascii() and pk.isdigit()) or not 1 <= int(pk) <= MAX_ID:
        raise access.refuse(user, what=what, pk=pk[:40], action=Action.VIEW)
    return int(pk)


def _query(serializer_class, request) -> dict:
    """The query parameters, checked; a bad value answers 400 with the field."""
    serializer = serializer_class(data=dict(request.query_params.items()))
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _unit_path(pk: int) -> str | None:
    return Unit.objects.filter(pk=pk).values_list("path", flat=True).first()


def visible_units(user):
    """The units of the employees the user may see, and the units above them."""
    # Without the employees' default ordering, or DISTINCT would be over names too and read every employee.
    paths = access.visible_employees(user).order_by().values_list("unit__path", flat=True).distinct()
    pks = {int(pk) for path in paths for pk in path.strip("/").split("/") if pk}
    return Unit.objects.filter(pk__in=pks)


@extend_schema(tags=["employees"])
class EmployeeViewSet(viewsets.GenericViewSet):
    serializer_class = EmployeeOut
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return (
            access.visible_employees(self.request.user)
            .select_related("unit", "manager")
            .order_by("last_name", "first_name", "pk")
        )

    @extend_schema(summary="Employees you may see", parameters=[EmployeeFilterIn])
    def list(self, request):
        query = _query(EmployeeFilterIn, request)
        employees = self.get_queryset()
        if "unit" in query:
            employees = employees.filter(unit__path__startswith=_unit_path(query["unit"]) or "-")
        if text := query.get("q", "").strip():
            employees = employees.filter(
                Q(first_name__icontains=text) | Q(last_name__icontains=text) | Q(employee_number__iexact=text)
            )
        if "active" in query:
            today = timezone.localdate()
            current = Q(employment_end__isnull=True) | Q(employment_end__gte=today)
            employees = employees.filter(current if query["active"] == "true" else ~current)
        page = self.paginate_queryset(employees)
        access.record_list_read(request, page)
        return self.get_paginated_response(EmployeeOut(page, many=True).data)

    @extend_schema(summary="One employee", parameters=[ID])
    def retrieve(self, request, pk: str):
        employee = access.get_employee_or_404(request.user, _id(pk, "employee", request.user))
        return Response(EmployeeOut(employee).data)


@extend_schema(tags=["units"])
class UnitViewSet(viewsets.GenericViewSet):
    serializer_class = UnitOut
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return visible_units(self.request.user).order_by("path")

    def _context(self, units) -> dict:
        pks = {int(pk) for unit in units for pk in unit.path.strip("/").split("/") if pk}
        return {"unit_names": dict(Unit.objects.filter(pk__in=pks).values_list("pk", "name"))}

    @extend_schema(summary="Units of the employees you may see")
    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(UnitOut(page, many=True, context=self._context(page)).data)

    @extend_schema(summary="One unit", parameters=[ID])
    def retrieve(self, request, pk: str):
        unit = self.get_queryset().filter(pk=_id(pk, "unit", request.user)).first()
        if unit is None:
            raise access.refuse(request.user, what="unit", pk=pk, action=Action.VIEW)
        return Response(UnitOut(unit, context=self._context([unit])).data)


@extend_schema(tags=["cases"])
class CaseViewSet(viewsets.GenericViewSet):
    serializer_class = CaseOut
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return (
            access.visible_cases(self.request.user)
            .select_related("employee")
            .prefetch_related("milestones")
            .order_by("-start", "pk")
        )

    @extend_schema(summary="Absence cases you may see, with milestones and their state", parameters=[CaseFilterIn])
    def list(self, request):
        query = _query(CaseFilterIn, request)
        cases = self.get_queryset()
        if "status" in query:
            cases = cases.filter(status=query["status"])
        if "employee" in query:
            cases = cases.filter(employee_id=query["employee"])
        if "unit" in query:
            cases = cases.filter(employee__unit__path__startswith=_unit_path(query["unit"]) or "-")
        page = self.paginate_queryset(cases)
        # One event for the page, as on the site's lists: which employees, and which of their cases.
        access.record_list_read(request, [case.employee for case in page], detail={"cases": [c.pk for c in page]})
        return self.get_paginated_response(CaseOut(page, many=True).data)

    @extend_schema(summary="One case, with its milestones and periods", parameters=[ID], responses=CaseDetailOut)
    def retrieve(self, request, pk: str):
        case = access.get_case_or_404(request.user, _id(pk, "case", request.user))
        return Response(CaseDetailOut(case).data)


@extend_schema(tags=["periods"])
class PeriodViewSet(viewsets.GenericViewSet):
    """Register, change and remove sick notes, holidays and leave; the deadlines follow."""

    serializer_class = PeriodOut
    lookup_value_regex = r"\d+"
    queryset = AbsencePeriod.objects.none()

    @extend_schema(summary="Register a sick note, holiday or leave", request=PeriodIn, responses={201: PeriodOut})
    def create(self, request):
        serializer = PeriodIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        employee = access.get_employee_or_404(request.user, data["employee"], Action.CHANGE)
        period = services.period_register(
            employee=employee,
            kind=data["kind"],
            start=data["start"],
            end=data["end"],
            grade=data["grade"],
            by=request.user,
            source=AbsencePeriod.Source.API,
        )
        return Response(PeriodOut(period).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Change a period", parameters=[ID], request=PeriodChangeIn, responses={200: PeriodOut})
    def partial_update(self, request, pk: str):
        period = access.get_period_or_404(request.user, _id(pk, "period", request.user), Action.CHANGE)
        serializer = PeriodChangeIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        period = services.period_update(
            period=period,
            kind=data.get("kind", period.kind),
            start=data.get("start", period.start),
            end=data.get("end", period.end),
            grade=data.get("grade", period.grade),
            by=request.user,
        )
        return Response(PeriodOut(period).data)

    @extend_schema(summary="Remove a period", parameters=[ID], responses={204: OpenApiResponse(description="Removed.")})
    def destroy(self, request, pk: str):
        period = access.get_period_or_404(request.user, _id(pk, "period", request.user), Action.CHANGE)
        services.period_delete(period=period, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@csrf_exempt  # it changes nothing; API clients get JSON, not the CSRF failure page
def not_found(request, path: str = ""):
    """Any other address under /api/ answers in JSON too."""
    return JsonResponse({"code": "not_found", "detail": _("There is no such API address.")}, status=404)
