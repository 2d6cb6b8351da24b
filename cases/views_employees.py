from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from audit.services import audit_record

from . import access

PAGE_SIZE = 25


@login_required
def employee_list(request):
    """Employees the user may see, searchable and paginated."""
    employees = (
        access.visible_employees(request.user)
        .select_related("unit", "manager")
        .order_by("last_name", "first_name", "pk")
    )
    query = request.GET.get("q", "").strip()
    if query:
        employees = employees.filter(
            Q(first_name__icontains=query) | Q(last_name__icontains=query) | Q(employee_number__iexact=query)
        )
    page = Paginator(employees, PAGE_SIZE).get_page(request.GET.get("page"))
    access.record_list_read(request, page.object_list)
    return render(request, "organisation/employee_list.html", {"page": page, "query": query})


@login_required
def employee_detail(request, pk: str):
    employee = access.get_employee_or_404(request.user, pk)
    cases = access.visible_cases(request.user).filter(employee=employee).order_by("-start")
    # The national identity number in full for HR only (the read is logged); others see it masked.
    national_id = ""
    if employee.national_id_encrypted:
        if access.can(request.user, access.Action.VIEW_NATIONAL_ID, employee):
            national_id = employee.national_id
            audit_record(actor=request.user, action="employee.view_national_id", employee=employee, obj=employee)
        else:
            national_id = employee.national_id_masked
    return render(
        request,
        "organisation/employee_detail.html",
        {
            "employee": employee,
            "cases": cases,
            "national_id": national_id,
            "can_change": access.can(request.user, access.Action.CHANGE, employee),
        },
    )
