"""How the plan views ask cases/access.py: the case first, then the plan inside it."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from audit.services import audit_record
from cases import access
from cases.access import Action
from cases.models import Case

from .models import FollowupPlan, PlanVersion
from .selectors import version_detail
from .services import is_case_employee


@dataclass
class Writer:
    """A case the user may write to the plan of, and as whom."""

    case: Case
    as_employee: bool


def case_for(request, case_pk, action: Action = Action.VIEW) -> Case:
    return access.get_case_or_404(request.user, case_pk, action)


def case_to_write(request, case_pk) -> Writer:
    """The case, if the user takes part as its employee (PARTICIPATE) or writes as employer (CHANGE).

    The employee comes first: an HR person on sick leave takes part in their own
    plan as the employee, never approves it as the employer.
    """
    user = request.user
    for action in (Action.PARTICIPATE, Action.CHANGE):
        if str(case_pk).isdigit() and access.visible_cases(user, action).filter(pk=case_pk).exists():
            case = access.get_case_or_404(user, case_pk, action)
            return Writer(case=case, as_employee=is_case_employee(user, case))
    raise access.refuse(user, what="case", pk=case_pk, action=Action.PARTICIPATE)


def case_as_employer(request, case_pk) -> Case:
    """The case, if the user writes the plan as the employer (and is not the case's own employee)."""
    case = access.get_case_or_404(request.user, case_pk, Action.CHANGE)
    if is_case_employee(request.user, case):
        raise access.refuse(request.user, what="case", pk=case_pk, action=Action.CHANGE)
    return case


def plan_of(case: Case, plan_pk) -> FollowupPlan:
    return get_object_or_404(FollowupPlan.objects.select_related("case"), case=case, pk=plan_pk)


def version_of(case: Case, plan_pk, number) -> PlanVersion:
    plan = plan_of(case, plan_pk)
    version = version_detail(plan, number)
    if version is None:
        raise Http404
    return version


def log_read(request, action: str, obj, case: Case, **detail) -> None:
    audit_record(actor=request.user, action=action, employee=case.employee, obj=obj, detail=detail or None)
