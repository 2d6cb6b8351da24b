"""Starting a plan, "not needed", and the next version of a completed one."""

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import audit_record
from cases import access
from cases.models import Case
from cases.services import MilestoneError, milestone_not_required, milestone_reopen

from ..models import (
    FollowupPlan,
    PlanMeasure,
    PlanTask,
    PlanVersion,
)
from .base import (
    MEASURE_FIELDS,
    PLAN_MILESTONE,
    TASK_FIELDS,
    PlanError,
    _record,
    is_case_employee,
    today,
)

# Plans ----------------------------------------------------------------------


def _default_contact(case: Case, by) -> dict:
    """The person who writes the plan is its contact person, or else the employee's manager."""
    person = access.employee_of(by)
    if person is None or person.pk == case.employee_id:
        person = case.employee.manager
    if person is None:
        return {}
    return {"contact_person_name": person.full_name, "contact_person_email": person.email}


@transaction.atomic
def plan_start(*, case: Case, by) -> PlanVersion:
    """Start the case's plan: version 1 as a draft. Returns the draft if one exists."""
    if is_case_employee(by, case):
        raise PlanError(_("The employer starts the follow-up plan."), "employer_only")
    case = Case.objects.select_for_update().get(pk=case.pk)
    plan = case.followup_plans.first()
    if plan is None:
        plan = FollowupPlan.objects.create(case=case, created_by=by)
        _record(by, "plan.create", plan)
    draft = plan.versions.drafts().first()
    if draft is not None:
        return draft
    if plan.versions.completed().exists():
        raise PlanError(_("The plan has a completed version. Start a new version from it."), "has_completed")
    # Starting a plan overrides an earlier "not needed".
    _reopen_if_not_needed(case, by)
    version = PlanVersion.objects.create(
        plan=plan, number=1, created_by=by, updated_by=by, period_start=today(), **_default_contact(case, by)
    )
    _record(by, "plan.version_create", version, number=1)
    return version


def plan_milestone(case: Case):
    """The case's follow-up-plan milestone (every case has one; None only for odd data)."""
    return case.milestones.filter(key=PLAN_MILESTONE).first()


@transaction.atomic
def plan_mark_not_needed(*, case: Case, by, reason: str) -> None:
    """Record the manager's written assessment that a plan is obviously unnecessary (åpenbart unødvendig).

    It is the milestone's state; a completed plan version cannot be undone this way.
    """
    if is_case_employee(by, case):
        raise PlanError(_("Only the employer can decide that a plan is not needed."), "employer_only")
    if PlanVersion.objects.completed().filter(plan__case=case).exists():
        raise PlanError(_("The plan has a completed version, so it cannot be marked not needed."), "has_completed")
    if plan_milestone(case) is None:
        raise PlanError(_("This case has no follow-up plan deadline."), "no_milestone")
    try:
        milestone_not_required(case=case, key=PLAN_MILESTONE, by=by, reason=reason)
    except MilestoneError as error:
        raise PlanError(error.message, error.code, error.field) from None
    audit_record(actor=by, action="plan.not_needed", employee=case.employee, obj=case)


def _reopen_if_not_needed(case: Case, by) -> None:
    milestone = plan_milestone(case)
    if milestone is not None and milestone.not_required_reason and not milestone.completed_at:
        milestone_reopen(case=case, key=PLAN_MILESTONE, by=by)
        audit_record(actor=by, action="plan.needed_again", employee=case.employee, obj=case)


@transaction.atomic
def plan_needed_again(*, case: Case, by) -> None:
    """A plan is needed after all: the case's milestone is open again."""
    if is_case_employee(by, case):
        raise PlanError(_("Only the employer can change this."), "employer_only")
    _reopen_if_not_needed(case, by)


@transaction.atomic
def version_new(*, plan: FollowupPlan, by) -> PlanVersion:
    """Start the next version as a copy of the last completed one."""
    if is_case_employee(by, plan.case):
        raise PlanError(_("The employer starts a new version."), "employer_only")
    plan = FollowupPlan.objects.select_for_update().get(pk=plan.pk)
    draft = plan.versions.drafts().first()
    if draft is not None:
        return draft
    last = plan.versions.completed().order_by("-number").first()
    if last is None:
        raise PlanError(_("There is no completed version to start from."), "no_completed")
    number = plan.versions.order_by("-number").values_list("number", flat=True).first() + 1
    copy = PlanVersion(
        plan=plan,
        number=number,
        copied_from=last,
        created_by=by,
        updated_by=by,
        **{f: getattr(last, f) for f in PlanVersion.CONTENT_FIELDS},
    )
    copy.save()
    tasks = {}
    for task in last.tasks.all():
        tasks[task.pk] = PlanTask.objects.create(
            version=copy,
            key=task.key,
            position=task.position,
            assessed_by=task.assessed_by,
            **{f: getattr(task, f) for f in TASK_FIELDS},
        )
    for measure in last.measures.all():
        PlanMeasure.objects.create(
            version=copy,
            key=measure.key,
            position=measure.position,
            proposed_by=measure.proposed_by,
            task=tasks.get(measure.task_id),
            **{f: getattr(measure, f) for f in MEASURE_FIELDS if f != "task"},
        )
    _record(by, "plan.version_create", copy, number=number, copied_from=last.number)
    return copy
