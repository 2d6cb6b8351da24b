"""The organisation's own routine steps as milestones on the cases.

Every routine step becomes a `CaseMilestone` with the key "org-<step id>" and
statutory=False on each open case of the organisation, so the case page, the
dashboards and the reminders treat it like the statutory milestones. The
statutory milestones are the engine's and are never touched here.

"Changes apply from the day they are made" (issue 10) means:

- A step applies to a case only where it falls due on or after the day the
  step, as it stands now, took effect (`active_from`). A step created on day 40
  of a case with "check-in at day 31" is not added to that case: it did not
  exist when it fell due, so nobody is reminded of, or counted late for, it.
- Changing a step moves the due date of its milestones that are not yet due
  (never to before the day of the change); milestones already overdue under
  the earlier version keep their date until they are done or marked not
  required. Done milestones never change.
- Taking a step out of use marks its milestones that are not yet due as not
  applying ("the step was taken out of the routine"); overdue ones stay.
- Closed cases get no new steps; their existing step milestones still follow
  the case (a step after the case's last day does not apply).

Step names are read through Django's cache (`step_names`), because templates
ask for milestone titles row by row; a change of a step clears it for every
process. Cases reach this module only through `PROVIDER`, registered in
settings (`CASE_MILESTONE_PROVIDERS`, cases/extensions.py): cases never import hr.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

import deadlines
from cases.models import Case, CaseActivity, CaseMilestone

from .models import RoutineStep

KEY_PREFIX = "org-"
STEP_ENDED = "routine_step_ended"  # CaseMilestone.reason of a step taken out of use
_ENDED_BEFORE_DUE = str(deadlines.Reason.CASE_ENDED_BEFORE_DUE)


def is_step_key(key: str) -> bool:
    return key.startswith(KEY_PREFIX)


def step_id(key: str) -> int | None:
    """The routine step's id in a milestone key, or None for a statutory key."""
    if not is_step_key(key):
        return None
    try:
        return int(key[len(KEY_PREFIX) :])
    except ValueError:
        return None


# Dates ------------------------------------------------------------------------


def shift(day: date, amount: int, unit: str) -> date:
    """`day` moved by `amount` days, weeks or months (a month end is kept at the month's last day)."""
    if unit == RoutineStep.OffsetUnit.WEEKS:
        return day + timedelta(weeks=amount)
    if unit == RoutineStep.OffsetUnit.MONTHS:
        month_index = day.year * 12 + day.month - 1 + amount
        year, month = divmod(month_index, 12)
        return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
    return day + timedelta(days=amount)


@dataclass(frozen=True)
class Anchor:
    """A statutory milestone's due date on a case, and whether it applies."""

    due: date
    applies: bool
    reason: str = ""


@dataclass(frozen=True)
class Target:
    due: date
    applies: bool
    reason: str


def step_target(
    step: RoutineStep, *, case_start: date, case_end: date, max_date: date | None, anchors: Mapping[str, Anchor]
) -> Target | None:
    """When the step falls due on a case, and whether it applies; None if its anchor is unknown.

    From the first day of absence, "within N" counts day 1 as the first (as the statutory
    offsets do): day 31 is 30 days after day 1, "within 52 weeks" is day 364.
    """
    applies, reason = True, ""
    if step.anchor == RoutineStep.Anchor.CASE_START:
        due = shift(case_start, step.offset, step.offset_unit) - timedelta(days=1)
    elif step.anchor == RoutineStep.Anchor.MAX_DATE:
        if max_date is None:
            return None
        due = shift(max_date, step.offset, step.offset_unit)
    else:
        anchor = anchors.get(step.anchor_milestone)
        if anchor is None:
            return None
        due = shift(anchor.due, step.offset, step.offset_unit)
        applies, reason = anchor.applies, anchor.reason
    if applies and due > case_end:
        applies, reason = False, _ENDED_BEFORE_DUE  # R4: the case no longer runs on the due date
    return Target(due, applies, reason if not applies else "")


# Syncing steps into cases -------------------------------------------------------


@dataclass
class Plan:
    create: list[CaseMilestone]
    update: list[CaseMilestone]
    activities: list[CaseActivity]


def plan_case(
    case: Case,
    anchors: Mapping[str, Anchor],
    steps: Iterable[RoutineStep],
    rows: Mapping[str, CaseMilestone],
    *,
    on: date,
    by=None,
) -> Plan:
    """What to create and change so that the case's step milestones follow the routine on `on`."""
    plan = Plan([], [], [])
    actor = by if by is not None and by.is_authenticated else None
    for step in steps:
        row = rows.get(step.key)
        if row is not None and (row.completed_at or row.not_required_reason):
            continue  # done or assessed: history stays as it was
        if not step.active:
            if row is not None and row.applies and row.due >= on:
                row.applies, row.reason = False, STEP_ENDED
                plan.update.append(row)
            continue
        target = step_target(step, case_start=case.start, case_end=case.end, max_date=case.max_date, anchors=anchors)
        if target is None:
            continue
        if row is None:
            if case.status == Case.Status.OPEN and target.due >= step.active_from:
                plan.create.append(
                    CaseMilestone(
                        case=case,
                        key=step.key,
                        due=target.due,
                        applies=target.applies,
                        reason=target.reason,
                        statutory=False,
                    )
                )
            continue
        if row.reason == STEP_ENDED:  # back in use: as for a new step
            if target.due < step.active_from:
                continue
            due = target.due
        elif row.due < step.active_from:
            continue  # fell due under an earlier version of the step: it keeps its date
        else:
            due = max(target.due, step.active_from)
        if (row.due, row.applies, row.reason) == (due, target.applies, target.reason):
            continue
        if row.due != due:
            plan.activities.append(
                CaseActivity(
                    case=case,
                    actor=actor,
                    kind=CaseActivity.Kind.DEADLINE_MOVED,
                    detail={"key": row.key, "before": str(row.due), "after": str(due)},
                )
            )
        if row.applies != target.applies:
            plan.activities.append(
                CaseActivity(
                    case=case,
                    actor=actor,
                    kind=CaseActivity.Kind.APPLIES_CHANGED,
                    detail={"key": row.key, "applies": target.applies, "reason": target.reason},
                )
            )
        row.due, row.applies, row.reason = due, target.applies, target.reason
        plan.update.append(row)
    return plan


def _save(plan: Plan) -> None:
    CaseMilestone.objects.bulk_create(plan.create)
    CaseMilestone.objects.bulk_update(plan.update, ["due", "applies", "reason"])
    CaseActivity.objects.bulk_create(plan.activities)
    if changed := {m.case_id for m in (*plan.create, *plan.update)}:
        Case.objects.filter(pk__in=changed).refresh_next_milestone()


def _steps(organisation_id: int) -> list[RoutineStep]:
    return list(RoutineStep.objects.filter(organisation_id=organisation_id).order_by("pk"))


def sync_case(case: Case, engine_case: deadlines.Case, *, by=None, on: date) -> None:
    """Bring the routine steps of one case in line (called by cases.services after the engine's milestones)."""
    steps = _steps(case.employee.organisation_id)
    if not steps:
        return
    anchors = {str(m.key): Anchor(m.due, m.applies, str(m.reason) if m.reason else "") for m in engine_case.milestones}
    rows = {m.key: m for m in case.milestones.filter(key__startswith=KEY_PREFIX)}
    _save(plan_case(case, anchors, steps, rows, on=on, by=by))


BATCH = 500


@transaction.atomic
def apply_to_open_cases(*, organisation_id: int, on: date, by=None) -> int:
    """Apply the routine to every open case of the organisation, from the stored milestones; returns rows changed."""
    steps = _steps(organisation_id)
    changed = 0
    cases = (
        Case.objects.open().filter(employee__organisation_id=organisation_id).select_related("employee").order_by("pk")
    )
    last = 0
    while True:
        batch = list(cases.filter(pk__gt=last)[:BATCH])
        if not batch:
            break
        last = batch[-1].pk
        by_case: dict[int, list[CaseMilestone]] = {}
        for row in CaseMilestone.objects.filter(case__in=[c.pk for c in batch]):
            by_case.setdefault(row.case_id, []).append(row)
        plan = Plan([], [], [])
        for case in batch:
            rows = by_case.get(case.pk, [])
            anchors = {r.key: Anchor(r.due, r.applies, r.reason) for r in rows if not is_step_key(r.key)}
            part = plan_case(case, anchors, steps, {r.key: r for r in rows if is_step_key(r.key)}, on=on, by=by)
            plan.create += part.create
            plan.update += part.update
            plan.activities += part.activities
        _save(plan)
        changed += len(plan.create) + len(plan.update)
    return changed


# Names and texts ----------------------------------------------------------------

_NAMES_KEY = "hr.routine.step-names"
_NAMES_SECONDS = 300  # a safety net: every change of a step deletes the key at once, in every process


def forget_names(**kwargs) -> None:
    """Forget the step names (connected to RoutineStep's post_save and post_delete in apps.py)."""
    cache.delete(_NAMES_KEY)


def step_names() -> dict[int, tuple[str, str]]:
    """Every step's (nb, en) name by id, from Django's cache (shared by every process) or the database."""
    names = cache.get(_NAMES_KEY)
    if names is None:
        names = {pk: (nb, en) for pk, nb, en in RoutineStep.objects.values_list("pk", "name_nb", "name_en")}
        cache.set(_NAMES_KEY, names, _NAMES_SECONDS)
    return names


def step_title(key: str, language: str) -> str | None:
    """The step's name for an "org-<id>" key, or None if the key is not a routine step."""
    pk = step_id(key)
    if pk is None:
        return None
    names = step_names().get(pk)
    if names is None:
        return key
    return names[1] if language == "en" else names[0]


def step_for_key(key: str) -> RoutineStep | None:
    """The routine step behind an "org-<id>" milestone key, for reminders: name(), reminder(), responsible."""
    pk = step_id(key)
    return RoutineStep.objects.filter(pk=pk).first() if pk is not None else None


def describe(step: RoutineStep) -> str:
    """When the step is due, in words, in the active language: "Day 31", "3 months before the max date"."""
    unit = step.offset_unit
    if step.anchor == RoutineStep.Anchor.CASE_START:
        if unit == RoutineStep.OffsetUnit.DAYS:
            return _("On day %(n)s of the absence at the latest") % {"n": step.offset}
        if unit == RoutineStep.OffsetUnit.WEEKS:
            return _("Within %(n)s weeks of the first day of absence") % {"n": step.offset}
        return _("Within %(n)s months of the first day of absence") % {"n": step.offset}
    amount = abs(step.offset)
    units = {
        RoutineStep.OffsetUnit.DAYS: _("days"),
        RoutineStep.OffsetUnit.WEEKS: _("weeks"),
        RoutineStep.OffsetUnit.MONTHS: _("months"),
    }[unit]
    if step.anchor == RoutineStep.Anchor.MAX_DATE:
        anchor = _("the max date")
    else:
        anchor = deadlines.milestone_title(
            deadlines.MilestoneKey(step.anchor_milestone), translation.get_language() or "nb"
        )
    if step.offset == 0:
        return _("On the date of %(anchor)s") % {"anchor": anchor}
    if step.offset < 0:
        return _("%(amount)s %(units)s before %(anchor)s") % {"amount": amount, "units": units, "anchor": anchor}
    return _("%(amount)s %(units)s after %(anchor)s") % {"amount": amount, "units": units, "anchor": anchor}


def milestone_texts(milestones: Iterable[CaseMilestone], language: str) -> dict[str, dict]:
    """For the case page: title, basis, explanation and reason of each routine-step milestone, in one query."""
    rows = [m for m in milestones if m.engine_key is None]
    steps = RoutineStep.objects.in_bulk([pk for pk in (step_id(m.key) for m in rows) if pk is not None])
    texts = {}
    for row in rows:
        step = steps.get(step_id(row.key))
        texts[row.key] = {
            "title": step.name(language) if step else row.key,
            "legal_basis": _("The organisation's own routine"),
            "explanation": " ".join(
                [
                    describe(step) + ".",
                    _("Responsible: %(role)s.") % {"role": _role_in_sentence(step.get_responsible_display())},
                ]
            )
            if step
            else "",
            "reason_text": _reason_text(row.reason, language),
            "statutory": False,
            "own_routine": True,  # for the template: a badge of its own instead of "Recommended"
        }
    return texts


def _reason_text(reason: str, language: str) -> str:
    if reason == STEP_ENDED:
        return _("The step was taken out of the organisation's routine.")
    try:
        return deadlines.reason_text(deadlines.Reason(reason), language) if reason else ""
    except ValueError:
        return reason


def _role_in_sentence(label: str) -> str:
    """ "Nearest manager" reads "nearest manager" mid-sentence; an acronym such as HR stays as it is."""
    return label if label.isupper() else label.lower()


class RoutineMilestones:
    """The organisation's routine steps as a milestone provider of cases (cases/extensions.py)."""

    def owns(self, key: str) -> bool:
        return is_step_key(key)

    def sync_case(self, case: Case, engine_case: deadlines.Case, *, by, on: date) -> None:
        sync_case(case, engine_case, by=by, on=on)

    def title(self, key: str, language: str) -> str:
        return step_title(key, language) or key

    def texts(self, milestones: Iterable[CaseMilestone], language: str) -> dict[str, dict]:
        return milestone_texts(milestones, language)

    def what_to_do(self, key: str, language: str) -> str | None:
        step = step_for_key(key)
        return (step.reminder(language) or None) if step is not None else None


PROVIDER = RoutineMilestones()
