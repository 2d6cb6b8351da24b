"""Writes to absence periods and cases. Web, API and Celery all come through here.

The deadline engine decides the cases: every change of an employee's periods
runs `cases_sync`, which groups the periods into cases (16-day rule), keeps
the milestone due dates equal to the engine's and logs every moved deadline.
"""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

import deadlines
from audit.services import audit_record
from kernel.errors import DomainError
from organisation.models import Employee

from . import extensions
from .models import SICK_NOTE_KINDS, TIME_OFF_KINDS, AbsencePeriod, Case, CaseActivity, CaseMilestone, Conversation

# Registering further ahead than this is almost certainly a typing error.
MAX_DAYS_AHEAD = 366
MAX_DAYS_BACK = 3 * 365


class PeriodError(DomainError):
    pass


class MilestoneError(DomainError):
    pass


def today() -> date:
    return timezone.localdate()


# Periods --------------------------------------------------------------------


def _validate_period(period: AbsencePeriod, *, on: date) -> None:
    employee = period.employee
    if period.end < period.start:
        raise PeriodError(_("The end date is before the start date."), "invalid_period", "end")
    if period.kind == AbsencePeriod.Kind.SICK:
        if not (period.grade == 0 or 20 <= period.grade <= 100):
            raise PeriodError(
                _("The sick-leave grade must be 100, between 20 and 99 for graded sick leave, or 0 for full activity."),
                "invalid_grade",
                "grade",
            )
    else:
        period.grade = 100
    if period.start < employee.employment_start:
        raise PeriodError(
            _("The period starts before the employment started (%(date)s).")
            % {"date": date_format(employee.employment_start, "SHORT_DATE_FORMAT")},
            "before_employment",
            "start",
        )
    if period.end > on + timedelta(days=MAX_DAYS_AHEAD):
        raise PeriodError(_("The period ends more than a year ahead. Check the dates."), "too_far_ahead", "end")
    if period.start < on - timedelta(days=MAX_DAYS_BACK):
        raise PeriodError(_("The period starts more than three years ago. Check the dates."), "too_far_back", "start")
    family = SICK_NOTE_KINDS if period.kind in SICK_NOTE_KINDS else TIME_OFF_KINDS
    clash = (
        AbsencePeriod.objects.filter(employee=employee, kind__in=family, start__lte=period.end, end__gte=period.start)
        .exclude(pk=period.pk)
        .order_by("start")
        .first()
    )
    if clash is not None:
        raise PeriodError(
            _("The period overlaps %(kind)s %(start)s – %(end)s. Change that one, or choose other dates.")
            % {
                "kind": clash.get_kind_display().lower(),
                "start": date_format(clash.start, "SHORT_DATE_FORMAT"),
                "end": date_format(clash.end, "SHORT_DATE_FORMAT"),
            },
            "overlap",
            "start",
        )
    try:
        period.as_engine_period()
    except deadlines.DeadlineError as error:
        raise PeriodError(_("The period is not valid: %(problem)s") % {"problem": error}, str(error.code)) from None


def _lock(employee: Employee) -> Employee:
    """Serialise changes to one employee's periods and cases."""
    return Employee.objects.select_for_update().get(pk=employee.pk)


@transaction.atomic
def period_register(
    *,
    employee: Employee,
    kind: str,
    start: date,
    end: date,
    grade: int = 100,
    extends: AbsencePeriod | None = None,
    by=None,
    source: str = AbsencePeriod.Source.REGISTERED,
) -> AbsencePeriod:
    """Register a sick note, self-certification, holiday or leave, and update the cases."""
    employee = _lock(employee)
    period = AbsencePeriod(
        employee=employee,
        kind=kind,
        start=start,
        end=end,
        grade=grade,
        extends=extends,
        registered_by=by if by is not None and by.is_authenticated else None,
        source=source,
    )
    _validate_period(period, on=today())
    period.save()
    audit_record(
        actor=by,
        action="period.create",
        employee=employee,
        obj=period,
        detail={"kind": kind, "start": str(start), "end": str(end), "grade": period.grade},
    )
    cases = cases_sync(employee=employee, by=by)
    case = _case_containing(cases, period)
    if case is not None:
        _activity(
            case, by, CaseActivity.Kind.PERIOD_ADDED, kind=kind, start=str(start), end=str(end), grade=period.grade
        )
    return period


@transaction.atomic
def period_update(*, period: AbsencePeriod, start: date, end: date, grade: int, kind: str, by=None) -> AbsencePeriod:
    employee = _lock(period.employee)
    before = {"kind": period.kind, "start": str(period.start), "end": str(period.end), "grade": period.grade}
    period.kind, period.start, period.end, period.grade = kind, start, end, grade
    _validate_period(period, on=today())
    period.save()
    after = {"kind": kind, "start": str(start), "end": str(end), "grade": period.grade}
    audit_record(
        actor=by, action="period.update", employee=employee, obj=period, detail={"before": before, "after": after}
    )
    cases = cases_sync(employee=employee, by=by)
    case = _case_containing(cases, period)
    if case is not None:
        _activity(case, by, CaseActivity.Kind.PERIOD_CHANGED, before=before, after=after)
    return period


@transaction.atomic
def period_delete(*, period: AbsencePeriod, by=None) -> None:
    employee = _lock(period.employee)
    detail = {"kind": period.kind, "start": str(period.start), "end": str(period.end), "grade": period.grade}
    affected = list(Case.objects.current().filter(employee=employee, start__lte=period.end, end__gte=period.start))
    audit_record(actor=by, action="period.delete", employee=employee, obj=period, detail=detail)
    period.delete()
    for case in affected:
        _activity(case, by, CaseActivity.Kind.PERIOD_REMOVED, **detail)
    cases_sync(employee=employee, by=by)


def _case_containing(cases: list[Case], period: AbsencePeriod) -> Case | None:
    return next((c for c in cases if c.start <= period.end and period.start <= c.end), None)


# Cases ----------------------------------------------------------------------


def employee_timeline(
    employee: Employee,
    *,
    on: date | None = None,
    periods: list[AbsencePeriod] | None = None,
    dm2_dates: list[date] | None = None,
) -> deadlines.Timeline:
    """The engine's view of one employee's periods."""
    if periods is None:
        periods = list(employee.absence_periods.all())
    if dm2_dates is None:
        dm2_dates = list(employee.cases.current().exclude(dm2_date=None).values_list("dm2_date", flat=True))
    return deadlines.compute_timeline(
        [p.as_engine_period() for p in periods],
        today=on or today(),
        events=[deadlines.Event.dm2(d) for d in dm2_dates],
    )


def _activity(case: Case, by, activity: str, **detail) -> CaseActivity:
    return CaseActivity.objects.create(
        case=case, actor=by if by is not None and by.is_authenticated else None, kind=activity, detail=detail
    )


def _merge_into(target: Case, other: Case, by) -> None:
    """Move everything that belongs to `other` onto `target` (a new period joined them)."""
    target_milestones = {m.key: m for m in target.milestones.all()}
    for milestone in other.milestones.all():
        kept = target_milestones.get(milestone.key)
        if kept is not None and not kept.completed_at and milestone.completed_at:
            for field in ["completed_at", "completed_by", "completed_note", "fulfilled_by_type", "fulfilled_by_id"]:
                setattr(kept, field, getattr(milestone, field))
            kept.save()
    for relation in Case._meta.related_objects:
        if relation.one_to_many and relation.related_model is not CaseMilestone:
            relation.related_model._base_manager.filter(**{relation.field.name: other}).update(
                **{relation.field.name: target}
            )
    if other.dm2_date and not target.dm2_date:
        target.dm2_date = other.dm2_date
    _activity(target, by, CaseActivity.Kind.MERGED, start=str(other.start))
    other.delete()


def cases_sync(*, employee: Employee, by=None, on: date | None = None) -> list[Case]:
    """Bring the stored cases and milestones of one employee in line with the engine."""
    on = on or today()
    timeline = employee_timeline(employee, on=on)
    existing = list(employee.cases.current().order_by("start"))
    claimed: set[int] = set()
    result: list[Case] = []
    for engine_case in timeline.cases:
        overlapping = [
            c for c in existing if c.pk not in claimed and c.start <= engine_case.end and engine_case.start <= c.end
        ]
        if overlapping:
            case = overlapping[0]
            for other in overlapping[1:]:
                _merge_into(case, other, by)
                claimed.add(other.pk)
            created = False
        else:
            case = Case(employee=employee, start=engine_case.start, end=engine_case.end)
            created = True
        case.start, case.end = engine_case.start, engine_case.end
        case.sick_days = engine_case.sick_days
        case.employer_period_end = engine_case.employer_period_end
        case.max_date_estimate = engine_case.max_date
        case.warnings = [str(w) for w in engine_case.warnings]
        case.status = Case.Status.OPEN if engine_case.open else Case.Status.CLOSED
        case.save()
        claimed.add(case.pk)
        if created:
            _activity(case, by, CaseActivity.Kind.OPENED, start=str(case.start))
            audit_record(actor=by, action="case.create", employee=employee, obj=case)
        _sync_milestones(case, engine_case, by)
        result.append(case)
    for case in existing:
        if case.pk not in claimed:
            case.status = Case.Status.VOID
            case.save(update_fields=["status", "updated_at"])
            _activity(case, by, CaseActivity.Kind.VOIDED)
            audit_record(actor=by, action="case.void", employee=employee, obj=case)
    return result


def _sync_milestones(case: Case, engine_case: deadlines.Case, by) -> None:
    stored = {m.key: m for m in case.milestones.all()}
    for milestone in engine_case.milestones:
        row = stored.get(str(milestone.key))
        reason = str(milestone.reason) if milestone.reason else ""
        if row is None:
            CaseMilestone.objects.create(
                case=case,
                key=str(milestone.key),
                due=milestone.due,
                applies=milestone.applies,
                reason=reason,
                statutory=milestone.statutory,
            )
            continue
        if row.due != milestone.due:
            _activity(
                case, by, CaseActivity.Kind.DEADLINE_MOVED, key=row.key, before=str(row.due), after=str(milestone.due)
            )
        if row.applies != milestone.applies:
            _activity(
                case, by, CaseActivity.Kind.APPLIES_CHANGED, key=row.key, applies=milestone.applies, reason=reason
            )
        if (row.due, row.applies, row.reason) != (milestone.due, milestone.applies, reason):
            row.due, row.applies, row.reason = milestone.due, milestone.applies, reason
            row.save(update_fields=["due", "applies", "reason"])
    # Milestones of the apps built on cases (the organisation's routine steps), after the statutory ones.
    for provider in extensions.milestone_providers():
        provider.sync_case(case, engine_case, by=by, on=today())
    Case.objects.filter(pk=case.pk).refresh_next_milestone()


@transaction.atomic
def case_set_dm2_date(*, case: Case, dm2_date: date | None, by) -> Case:
    """Record the date NAV set for dialogue meeting 2; plan_to_nav follows it (R23)."""
    case.dm2_date = dm2_date
    case.save(update_fields=["dm2_date", "updated_at"])
    audit_record(
        actor=by,
        action="case.dm2_date",
        employee=case.employee,
        obj=case,
        detail={"dm2_date": str(dm2_date) if dm2_date else None},
    )
    cases_sync(employee=case.employee, by=by)
    case.refresh_from_db()
    return case


@transaction.atomic
def case_set_max_date_from_nav(*, case: Case, max_date: date | None, by) -> Case:
    case.max_date_from_nav = max_date
    case.save(update_fields=["max_date_from_nav", "updated_at"])
    audit_record(
        actor=by,
        action="case.max_date",
        employee=case.employee,
        obj=case,
        detail={"max_date_from_nav": str(max_date) if max_date else None},
    )
    # Routine steps counted from the max date follow NAV's date.
    cases_sync(employee=case.employee, by=by)
    case.refresh_from_db()
    return case


# Milestones -----------------------------------------------------------------


def _milestone(case: Case, key: str) -> CaseMilestone:
    milestone = case.milestones.select_for_update().filter(key=key).first()
    if milestone is None:
        raise MilestoneError(_("This case has no such milestone."), "unknown_milestone")
    return milestone


@transaction.atomic
def milestone_complete(
    *, case: Case, key: str, by, fulfilled_by: models.Model | None = None, note: str = "", done_on: date | None = None
) -> CaseMilestone:
    """Mark a milestone done, linked to what fulfilled it. Done once: later records do not move it.

    `done_on` is the day the act happened (held on, sent on); it defaults to today.
    """
    milestone = _milestone(case, key)
    if milestone.completed_at:
        return milestone
    milestone.completed_at = timezone.now()
    milestone.done_on = done_on or timezone.localdate()
    milestone.completed_by = by
    milestone.completed_note = note[:500]
    if fulfilled_by is not None:
        milestone.fulfilled_by_type = ContentType.objects.get_for_model(fulfilled_by)
        milestone.fulfilled_by_id = fulfilled_by.pk
    milestone.save()
    Case.objects.filter(pk=case.pk).refresh_next_milestone()
    _activity(case, by, CaseActivity.Kind.MILESTONE_DONE, key=key, note=note[:500])
    audit_record(
        actor=by,
        action="milestone.done",
        employee=case.employee,
        obj=milestone,
        detail={"key": key, "done_on": str(milestone.done_on)},
    )
    return milestone


@transaction.atomic
def milestone_done_on_change(*, case: Case, key: str, by, done_on: date) -> CaseMilestone:
    """Correct the day a done milestone was done (e.g. a held-on date typed wrong); audited with both dates."""
    milestone = CaseMilestone.objects.select_for_update().get(pk=_milestone(case, key).pk)
    if not milestone.completed_at:
        raise MilestoneError(_("The milestone is not done yet."), "not_done")
    if done_on > timezone.localdate():
        raise MilestoneError(_("The date cannot be in the future."), "in_future", "done_on")
    before = milestone.done_date
    if before == done_on:
        return milestone
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    audit_record(
        actor=by,
        action="milestone.done_on_change",
        employee=case.employee,
        obj=milestone,
        detail={"key": key, "before": str(before), "after": str(done_on)},
    )
    return milestone


@transaction.atomic
def milestone_not_required(*, case: Case, key: str, by, reason: str) -> CaseMilestone:
    """Record the manager's written assessment that a milestone is not needed (e.g. "åpenbart unødvendig")."""
    reason = reason.strip()
    if not reason:
        raise MilestoneError(_("Write why the milestone is not required."), "reason_required", "reason")
    milestone = _milestone(case, key)
    if milestone.completed_at:
        raise MilestoneError(_("The milestone is already done."), "already_done")
    milestone.not_required_reason = reason
    milestone.not_required_at = timezone.now()
    milestone.not_required_by = by
    milestone.save()
    Case.objects.filter(pk=case.pk).refresh_next_milestone()
    _activity(case, by, CaseActivity.Kind.MILESTONE_NOT_REQUIRED, key=key, reason=reason)
    audit_record(actor=by, action="milestone.not_required", employee=case.employee, obj=milestone, detail={"key": key})
    return milestone


@transaction.atomic
def milestone_reopen(*, case: Case, key: str, by) -> CaseMilestone:
    """Undo "done" or "not required", e.g. after a mistake."""
    milestone = _milestone(case, key)
    milestone.completed_at = milestone.not_required_at = None
    milestone.completed_by = milestone.not_required_by = None
    milestone.completed_note = milestone.not_required_reason = ""
    milestone.fulfilled_by_type = None
    milestone.fulfilled_by_id = None
    milestone.save()
    Case.objects.filter(pk=case.pk).refresh_next_milestone()
    _activity(case, by, CaseActivity.Kind.NOTE, key=key, reopened=True)
    audit_record(actor=by, action="milestone.reopen", employee=case.employee, obj=milestone, detail={"key": key})
    return milestone


# Conversations --------------------------------------------------------------


@transaction.atomic
def conversation_record(*, case: Case, by, **fields) -> Conversation:
    """Record a follow-up conversation; the first one fulfils the first-conversation milestone."""
    conversation = Conversation(case=case, recorded_by=by, **fields)
    conversation.full_clean(exclude=["case", "recorded_by"])
    conversation.save()
    _activity(case, by, CaseActivity.Kind.CONVERSATION, kind=conversation.kind, held_on=str(conversation.held_on))
    audit_record(actor=by, action="conversation.create", employee=case.employee, obj=conversation)
    if conversation.kind == Conversation.Kind.FIRST:
        milestone_complete(
            case=case,
            key=str(deadlines.MilestoneKey.FIRST_CONVERSATION),
            by=by,
            fulfilled_by=conversation,
            done_on=conversation.held_on,
        )
    return conversation
