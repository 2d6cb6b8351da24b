"""The rules every write to a plan shares: the error, who writes, locking, audit, withdrawn approvals."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

import deadlines
from audit.services import audit_record
from cases import access
from cases.models import Case
from kernel.errors import DomainError

from ..models import (
    FollowupPlan,
    PlanVersion,
)

PLAN_MILESTONE = str(deadlines.MilestoneKey.FOLLOWUP_PLAN)
PLAN_TO_NAV_MILESTONE = str(deadlines.MilestoneKey.PLAN_TO_NAV)

TASK_FIELDS = ("title", "description", "assessment", "adjustments", "adjustment_description")
ASSESSMENT_FIELDS = ("assessment", "adjustments", "adjustment_description")
MEASURE_FIELDS = ("description", "responsible", "start", "end", "status", "task", "comment")
EMPLOYEE_MEASURE_FIELDS = ("description", "responsible", "start", "end", "task", "comment")


class PlanError(DomainError):
    pass


def today() -> date:
    return timezone.localdate()


def _name(user) -> str:
    employee = access.employee_of(user)
    return employee.full_name if employee is not None else user.get_username()


def is_case_employee(user, case: Case) -> bool:
    """The user is the employee the case is about (who takes part, never writes as employer)."""
    return user.is_authenticated and case.employee.user_id == user.pk


def _record(by, action: str, plan_or_version, **detail):
    plan = plan_or_version if isinstance(plan_or_version, FollowupPlan) else plan_or_version.plan
    return audit_record(
        actor=by, action=action, employee=plan.case.employee, obj=plan_or_version, detail=detail or None
    )


def draft_refusal(version: PlanVersion) -> PlanError | None:
    """Why the version can no longer be changed, or None while it is a draft."""
    if not version.is_draft:
        return PlanError(
            _("This version is completed and can no longer be changed. Start a new version."), "version_frozen"
        )
    return None


def _lock(version: PlanVersion) -> PlanVersion:
    """The version, locked for this transaction, if it is still a draft."""
    locked = PlanVersion.objects.select_for_update().select_related("plan__case__employee").get(pk=version.pk)
    if (refusal := draft_refusal(locked)) is not None:
        raise refusal
    return locked


def _as_employer(version: PlanVersion, by) -> None:
    if is_case_employee(by, version.plan.case):
        raise PlanError(_("Only the employer writes this part of the plan."), "employer_only")


def _content_changed(version: PlanVersion, by) -> None:
    """Withdraw the approvals given so far: they were given to other content."""
    version.updated_by = by
    version.save(update_fields=["updated_by", "updated_at"])
    withdrawn = [str(a.role) for a in version.approvals.all()]
    if withdrawn:
        version.approvals.all().delete()
        _record(by, "plan.approvals_withdrawn", version, roles=withdrawn)
