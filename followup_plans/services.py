"""Writes to follow-up plans. Views (and later the API) all come through here.

The rules of writing a plan together:
- only a draft changes; a completed version is frozen;
- the manager (or HR) writes the plan; the employee comments, assesses the
  work tasks and proposes measures;
- any change to the content withdraws the approvals given so far, so both
  sides always approve the same text;
- when both have approved, or the manager completed it alone with a reason,
  the version is completed; the first completed version fulfils the case's
  follow-up-plan milestone (arbeidsmiljøloven § 4-6 third paragraph).
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

import deadlines
from audit.services import audit_record
from cases import access
from cases.models import Case
from cases.services import MilestoneError, milestone_complete, milestone_not_required, milestone_reopen
from kernel.errors import DomainError
from reminders.models import Delivery

from .notifications import notify_other_party, other_party

from .models import (
    FollowupPlan,
    MeasureTemplate,
    PlanApproval,
    PlanComment,
    PlanEvaluation,
    PlanMeasure,
    PlanSharing,
    PlanTask,
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
    return audit_record(actor=by, action=action, employee=plan.case.employee, obj=plan_or_version, detail=detail or None)


def _lock(version: PlanVersion) -> PlanVersion:
    """The version, locked for this transaction, if it is still a draft."""
    locked = PlanVersion.objects.select_for_update().select_related("plan__case__employee").get(pk=version.pk)
    if not locked.is_draft:
        raise PlanError(_("This version is completed and can no longer be changed. Start a new version."),
                        "version_frozen")
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
    version = PlanVersion.objects.create(plan=plan, number=1, created_by=by, updated_by=by,
                                         period_start=today(), **_default_contact(case, by))
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


# The draft's text -----------------------------------------------------------

@transaction.atomic
def version_update(*, version: PlanVersion, by, data: dict, revision: int | None = None) -> list[str]:
    """Save the plan's own fields; returns the names of the fields that changed.

    `revision` is the one the editor started from: if someone saved in between,
    the save is refused rather than silently overwriting their text.
    """
    version = _lock(version)
    _as_employer(version, by)
    changed = [f for f in PlanVersion.CONTENT_FIELDS if f in data and getattr(version, f) != data[f]]
    if not changed:
        return []
    if revision is not None and revision != version.revision:
        raise PlanError(_("Someone else saved the plan while you were writing. Reload the page to see their "
                          "changes; copy your text first."), "stale_revision")
    for field in changed:
        setattr(version, field, data[field])
    if version.period_start and version.period_end and version.period_end < version.period_start:
        raise PlanError(_("The plan period ends before it starts."), "invalid_period", "period_end")
    version.revision += 1
    version.save()
    _content_changed(version, by)
    _record(by, "plan.update", version, fields=changed)
    return changed


# Tasks ----------------------------------------------------------------------

def _clean_adjustments(fields: dict) -> dict:
    if fields.get("assessment") != PlanTask.Assessment.CAN_WITH_ADJUSTMENT:
        fields["adjustments"] = []
    valid = set(PlanTask.Adjustment.values)
    fields["adjustments"] = [a for a in fields.get("adjustments") or [] if a in valid]
    if PlanTask.Adjustment.OTHER in fields["adjustments"] and not (fields.get("adjustment_description") or "").strip():
        raise PlanError(_("Describe the other adjustment."), "adjustment_description_required",
                        "adjustment_description")
    return fields


@transaction.atomic
def task_save(*, version: PlanVersion, by, task: PlanTask | None = None, **fields) -> PlanTask:
    """Add or change a work task. The employee may change only its assessment."""
    version = _lock(version)
    employee = is_case_employee(by, version.plan.case)
    allowed = ASSESSMENT_FIELDS if employee else TASK_FIELDS
    if task is None and employee:
        raise PlanError(_("The employer lists the work tasks; you assess them."), "employer_only")
    fields = {k: v for k, v in fields.items() if k in allowed}
    if "assessment" in fields:
        fields = _clean_adjustments(fields)
    if task is None:
        task = PlanTask(version=version, position=version.tasks.count())
    else:
        # Read it again: a form may have changed the object in memory already.
        task = version.tasks.filter(pk=task.pk).first()
        if task is None:
            raise PlanError(_("This task belongs to another version."), "wrong_version")
    before = {k: getattr(task, k) for k in fields}
    for key, value in fields.items():
        setattr(task, key, value)
    if "assessment" in fields and before.get("assessment") != task.assessment or (
            "adjustments" in fields and before.get("adjustments") != task.adjustments):
        task.assessed_by = by
    task.full_clean(exclude=["version", "assessed_by"])
    is_new = task.pk is None
    if not is_new and before == {k: getattr(task, k) for k in fields}:
        return task
    task.save()
    _content_changed(version, by)
    _record(by, "plan.task_add" if is_new else "plan.task_change", version, task=str(task.key))
    return task


@transaction.atomic
def task_delete(*, task: PlanTask, by) -> None:
    version = _lock(task.version)
    _as_employer(version, by)
    key = str(task.key)
    task.delete()
    _content_changed(version, by)
    _record(by, "plan.task_delete", version, task=key)


# Measures -------------------------------------------------------------------

@transaction.atomic
def measure_save(*, version: PlanVersion, by, measure: PlanMeasure | None = None, **fields) -> PlanMeasure:
    """Add or change a measure. The employee proposes measures; the employer decides their status."""
    version = _lock(version)
    if measure is not None:
        # Read it again: a form may have changed the object in memory already.
        measure = version.measures.filter(pk=measure.pk).first()
        if measure is None:
            raise PlanError(_("This measure belongs to another version."), "wrong_version")
    employee = is_case_employee(by, version.plan.case)
    if employee:
        if measure is not None and (measure.proposed_by_id != by.pk or measure.status != PlanMeasure.Status.PROPOSED):
            raise PlanError(_("You can change only your own proposals that are not yet decided."), "employer_only")
        fields = {k: v for k, v in fields.items() if k in EMPLOYEE_MEASURE_FIELDS}
    else:
        fields = {k: v for k, v in fields.items() if k in MEASURE_FIELDS}
    task = fields.get("task")
    if task is not None and task.version_id != version.pk:
        raise PlanError(_("Choose a work task from this plan."), "wrong_task", "task")
    if measure is None:
        measure = PlanMeasure(version=version, position=version.measures.count(), proposed_by=by)
        if employee:
            measure.status = PlanMeasure.Status.PROPOSED
    before = {k: getattr(measure, k) for k in fields}
    for key, value in fields.items():
        setattr(measure, key, value)
    if measure.start and measure.end and measure.end < measure.start:
        raise PlanError(_("The measure ends before it starts."), "invalid_period", "end")
    measure.full_clean(exclude=["version", "task", "proposed_by"])
    is_new = measure.pk is None
    if not is_new and before == {k: getattr(measure, k) for k in fields}:
        return measure
    measure.save()
    _content_changed(version, by)
    _record(by, "plan.measure_add" if is_new else "plan.measure_change", version, measure=str(measure.key))
    return measure


@transaction.atomic
def measure_from_template(*, version: PlanVersion, template: MeasureTemplate, by) -> PlanMeasure:
    """Start a measure from one of HR's templates; it is then edited like any other."""
    version = _lock(version)
    return measure_save(version=version, by=by, description=template.description,
                        responsible=template.responsible, start=version.period_start, end=version.period_end)


@transaction.atomic
def measure_delete(*, measure: PlanMeasure, by) -> None:
    version = _lock(measure.version)
    if is_case_employee(by, version.plan.case) and (
            measure.proposed_by_id != by.pk or measure.status != PlanMeasure.Status.PROPOSED):
        raise PlanError(_("You can remove only your own proposals that are not yet decided."), "employer_only")
    key = str(measure.key)
    measure.delete()
    _content_changed(version, by)
    _record(by, "plan.measure_delete", version, measure=key)


@transaction.atomic
def measure_decide(*, measure: PlanMeasure, by, status: str) -> PlanMeasure:
    """Agree to or decline a proposed measure, where either party sees it.

    The employer decides any proposal; the employee decides the ones the employer
    proposed (a measure from a template, say), not their own.
    """
    version = _lock(measure.version)
    measure = version.measures.filter(pk=measure.pk).first()
    if measure is None:
        raise PlanError(_("This measure belongs to another version."), "wrong_version")
    if status not in (PlanMeasure.Status.AGREED, PlanMeasure.Status.NOT_RELEVANT):
        raise PlanError(_("Choose whether you agree to the measure or not."), "invalid_status", "status")
    if measure.status != PlanMeasure.Status.PROPOSED:
        raise PlanError(_("This measure is already decided."), "already_decided")
    if is_case_employee(by, version.plan.case) and measure.proposed_by_id == by.pk:
        raise PlanError(_("You proposed this measure yourself; your manager agrees to it or declines it."),
                        "own_proposal")
    measure.status = status
    measure.save(update_fields=["status"])
    _content_changed(version, by)
    _record(by, "plan.measure_decide", version, measure=str(measure.key), status=status)
    return measure


# Hand-over ------------------------------------------------------------------

@transaction.atomic
def version_hand_over(*, version: PlanVersion, by) -> PlanVersion:
    """Hand the draft to the other party: the manager to the employee for review, the employee back.

    The other party is told in the app and, where their preference says so, by e-mail.
    """
    version = _lock(version)
    case = version.plan.case
    if is_case_employee(by, case):
        holder, kind = PlanVersion.Holder.EMPLOYER, Delivery.Kind.PLAN_RETURNED
        if other_party(version, by) is None:
            raise PlanError(_("Nobody is registered as your manager. Ask HR who follows you up."), "no_manager")
    else:
        holder, kind = PlanVersion.Holder.EMPLOYEE, Delivery.Kind.PLAN_REVIEW
        if other_party(version, by) is None:
            raise PlanError(_("%(name)s has no user account in the app. Go through the plan together, or complete "
                              "it without the employee.") % {"name": case.employee.full_name}, "no_account")
    version.holder = holder
    version.handed_over_at = timezone.now()
    version.save(update_fields=["holder", "handed_over_at"])
    event = _record(by, "plan.hand_over", version, to=str(holder))
    notify_other_party(version=version, by=by, kind=kind, event=event, actor_name=_name(by))
    return version


# Comments -------------------------------------------------------------------

@transaction.atomic
def comment_add(*, version: PlanVersion, by, text: str) -> PlanComment:
    """A comment on the draft; it does not change the content, so approvals stay."""
    version = _lock(version)
    text = text.strip()
    if not text:
        raise PlanError(_("Write a comment."), "comment_required", "text")
    comment = PlanComment.objects.create(version=version, author=by, author_name=_name(by),
                                         by_employee=is_case_employee(by, version.plan.case), text=text)
    event = _record(by, "plan.comment", version, comment=comment.pk)
    notify_other_party(version=version, by=by, kind=Delivery.Kind.PLAN_COMMENT, event=event,
                       actor_name=comment.author_name)
    return comment


# Approval and completion ----------------------------------------------------

EMPLOYER, EITHER = "employer", "either"


def completion_blockers(version: PlanVersion) -> list[tuple[str, str, str]]:
    """What still blocks approval: (code, who can unblock it, words for the reader)."""
    blockers = []

    def add(code: str, text: str, who: str = EMPLOYER) -> None:
        blockers.append((code, who, text))

    if not version.period_start or not version.period_end:
        add("period", _("Give the period the plan is for (from and to)."))
    if not version.typical_workday.strip():
        add("typical_workday", _("Describe the employee's typical working day."))
    tasks = list(version.tasks.all())
    if not tasks:
        add("no_tasks", _("List at least one work task."))
    elif any(not t.assessment for t in tasks):
        add("unassessed_tasks", _("Assess every work task."), EITHER)
    if any(m.status == PlanMeasure.Status.PROPOSED for m in version.measures.all()):
        add("proposed_measures", _("Decide on every proposed measure: agreed, not relevant or done."), EITHER)
    if not version.follow_up.strip():
        add("follow_up", _("Describe how the follow-up will be done."))
    if not version.evaluation_date:
        add("evaluation_date", _("Set the evaluation date."))
    # NAV's interface requires all three (contactPersonFullName, -PhoneNumber, -Email).
    if not (version.contact_person_name.strip() and version.contact_person_phone.strip()
            and version.contact_person_email.strip()):
        add("contact_person", _("Give the employer's contact person with phone number and e-mail."))
    if version.needs_help_from_nav and not version.send_to_nav:
        add("send_to_nav", _("Help from NAV is asked for through the plan: tick that the plan is sent to NAV."))
    if version.needs_help_from_nav and not version.help_from_nav_description.strip():
        add("help_from_nav_description", _("Describe what you need help from NAV with."))
    if not version.employee_contributed and not version.employee_not_contributed_reason.strip():
        add("employee_not_contributed_reason", _("Write why the employee did not take part."))
    return blockers


def completion_problems(version: PlanVersion) -> list[str]:
    """What is still missing before the version can be approved, in words for the reader."""
    return [text for _code, _who, text in completion_blockers(version)]


def _check_complete(version: PlanVersion) -> None:
    problems = completion_problems(version)
    if problems:
        raise PlanError(" ".join(problems), "incomplete")


@transaction.atomic
def version_approve(*, version: PlanVersion, by) -> PlanVersion:
    """Approve the draft as the employee or as the employer; with both, the version is completed."""
    version = _lock(version)
    employee = is_case_employee(by, version.plan.case)
    role = PlanApproval.Role.EMPLOYEE if employee else PlanApproval.Role.EMPLOYER
    if employee and not version.employee_contributed:
        raise PlanError(_("The plan says you did not take part. Ask your manager to correct that before you "
                          "approve."), "not_contributed")
    if not employee and not version.employee_contributed:
        raise PlanError(_("The employee did not take part: complete the plan without the employee's approval "
                          "instead."), "not_contributed")
    _check_complete(version)
    if version.approvals.filter(role=role).exists():
        raise PlanError(_("You have already approved this version."), "already_approved")
    approval = PlanApproval.objects.create(version=version, role=role, by=by, by_name=_name(by))
    event = _record(by, "plan.approve", version, role=str(role))
    kind = Delivery.Kind.PLAN_APPROVED
    if version.approvals.count() == len(PlanApproval.Role):
        _complete(version, by)
        kind = Delivery.Kind.PLAN_COMPLETED
    notify_other_party(version=version, by=by, kind=kind, event=event, actor_name=approval.by_name)
    return version


@transaction.atomic
def approval_withdraw(*, version: PlanVersion, by) -> PlanVersion:
    """Take back one's own approval of a draft, e.g. to ask for a change."""
    version = _lock(version)
    role = PlanApproval.Role.EMPLOYEE if is_case_employee(by, version.plan.case) else PlanApproval.Role.EMPLOYER
    deleted, _count = version.approvals.filter(role=role).delete()
    if deleted:
        _record(by, "plan.approval_withdrawn", version, role=str(role))
    return version


@transaction.atomic
def version_complete_without_employee(*, version: PlanVersion, by, reason: str) -> PlanVersion:
    """The employee cannot take part: the employer completes the plan alone, with the reason recorded."""
    version = _lock(version)
    _as_employer(version, by)
    reason = reason.strip()
    if not reason:
        raise PlanError(_("Write why the employee could not take part."), "reason_required", "reason")
    version.employee_contributed = False
    version.employee_not_contributed_reason = reason
    version.save(update_fields=["employee_contributed", "employee_not_contributed_reason", "updated_at"])
    _check_complete(version)
    version.approvals.all().delete()
    PlanApproval.objects.create(version=version, role=PlanApproval.Role.EMPLOYER, by=by, by_name=_name(by),
                                without_employee=True)
    _record(by, "plan.approve", version, role=str(PlanApproval.Role.EMPLOYER), without_employee=True)
    _complete(version, by)
    return version


def _complete(version: PlanVersion, by) -> None:
    version.status = PlanVersion.Status.COMPLETED
    version.completed_at = timezone.now()
    version.save(update_fields=["status", "completed_at", "updated_at"])
    _record(by, "plan.complete", version, number=version.number)
    case = version.plan.case
    first = not PlanVersion.objects.completed().filter(plan__case=case).exclude(pk=version.pk).exists()
    if first and case.milestones.filter(key=PLAN_MILESTONE).exists():
        # The duty is the employer's: the milestone is done by whoever approved for the employer.
        employer = version.approvals.filter(role=PlanApproval.Role.EMPLOYER).exclude(by=None).first()
        milestone_complete(case=case, key=PLAN_MILESTONE, by=employer.by if employer else by, fulfilled_by=version,
                           note=_("Follow-up plan version %(number)s completed.") % {"number": version.number})


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
    copy = PlanVersion(plan=plan, number=number, copied_from=last, created_by=by, updated_by=by,
                       **{f: getattr(last, f) for f in PlanVersion.CONTENT_FIELDS})
    copy.save()
    tasks = {}
    for task in last.tasks.all():
        tasks[task.pk] = PlanTask.objects.create(
            version=copy, key=task.key, position=task.position, assessed_by=task.assessed_by,
            **{f: getattr(task, f) for f in TASK_FIELDS},
        )
    for measure in last.measures.all():
        PlanMeasure.objects.create(
            version=copy, key=measure.key, position=measure.position, proposed_by=measure.proposed_by,
            task=tasks.get(measure.task_id), **{f: getattr(measure, f) for f in MEASURE_FIELDS if f != "task"},
        )
    _record(by, "plan.version_create", copy, number=number, copied_from=last.number)
    return copy


# After completion: sharing and evaluation -----------------------------------

def _completed(version: PlanVersion) -> PlanVersion:
    if not version.is_completed:
        raise PlanError(_("Only a completed version can be sent or evaluated."), "not_completed")
    return version


@transaction.atomic
def sharing_record(*, version: PlanVersion, by, recipient: str, sent_on: date, nav_reason: str = "",
                   note: str = "") -> PlanSharing:
    """Record that the plan was sent to the employee's doctor or to NAV."""
    _completed(version)
    _as_employer(version, by)
    completed_on = timezone.localdate(version.completed_at)
    if sent_on < completed_on:
        raise PlanError(_("The plan was completed on %(date)s; it cannot have been sent before that.")
                        % {"date": date_format(completed_on, "SHORT_DATE_FORMAT")}, "before_completed", "sent_on")
    if sent_on > today():
        raise PlanError(_("Record the sending when it has happened."), "in_future", "sent_on")
    if recipient == PlanSharing.Recipient.NAV and not nav_reason:
        raise PlanError(_("Say why the plan was sent to NAV."), "nav_reason_required", "nav_reason")
    if recipient != PlanSharing.Recipient.NAV:
        nav_reason = ""
    sharing = PlanSharing.objects.create(version=version, recipient=recipient, sent_on=sent_on,
                                         nav_reason=nav_reason, note=note.strip(), recorded_by=by)
    _record(by, "plan.sent", version, recipient=recipient, sent_on=str(sent_on))
    case = version.plan.case
    # NAV's circular: the updated plan reaches NAV at the latest one week before dialogue meeting 2.
    if nav_reason == PlanSharing.NavReason.BEFORE_DIALOGUE_MEETING:
        milestone = case.milestones.filter(key=PLAN_TO_NAV_MILESTONE).first()
        if milestone is not None and not milestone.completed_at:
            milestone_complete(case=case, key=PLAN_TO_NAV_MILESTONE, by=by, fulfilled_by=sharing, done_on=sent_on)
    return sharing


@transaction.atomic
def evaluation_record(*, version: PlanVersion, by, evaluated_on: date, effect: str, why: str,
                      next_steps: str) -> PlanEvaluation:
    """Record the evaluation of a completed version: its effect, why, and what comes next."""
    _completed(version)
    _as_employer(version, by)
    if evaluated_on > today():
        raise PlanError(_("Record the evaluation when it has taken place."), "in_future", "evaluated_on")
    evaluation = PlanEvaluation(version=version, evaluated_on=evaluated_on, effect=effect, why=why.strip(),
                                next_steps=next_steps.strip(), by=by)
    evaluation.full_clean(exclude=["version", "by"])
    evaluation.save()
    _record(by, "plan.evaluate", version, effect=effect)
    return evaluation


# Measure templates ----------------------------------------------------------

@transaction.atomic
def template_save(*, template: MeasureTemplate, by) -> MeasureTemplate:
    """HR adds or changes a measure template."""
    if access.Role.HR not in access.roles(by):
        raise PlanError(_("Only HR keeps the measure templates."), "hr_only")
    is_new = template.pk is None
    template.full_clean()
    template.save()
    audit_record(actor=by, action="plan.template_add" if is_new else "plan.template_change", obj=template)
    return template
