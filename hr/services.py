"""Writes of the HR pages: the organisation's routine and the quality self-assessment. Each is logged."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import deadlines
from audit.services import audit_record
from kernel.errors import DomainError
from organisation.models import Organisation

from . import routine
from .models import QualityAnswer, QualityRound, RoutineStep, RoutineStepChange
from .quality import STATEMENT_KEYS

# Far enough for "letter 3 months before the max date" and "meeting within 52 weeks", not further.
MAX_OFFSET = {
    RoutineStep.OffsetUnit.DAYS: 3 * 366,
    RoutineStep.OffsetUnit.WEEKS: 3 * 53,
    RoutineStep.OffsetUnit.MONTHS: 36,
}
STEP_FIELDS = [
    "name_nb",
    "name_en",
    "anchor",
    "anchor_milestone",
    "offset",
    "offset_unit",
    "responsible",
    "reminder_nb",
    "reminder_en",
]


class RoutineError(DomainError):
    pass


def today() -> date:
    return timezone.localdate()


def _snapshot(step: RoutineStep) -> dict:
    return {name: getattr(step, name) for name in [*STEP_FIELDS, "active"]} | {"active_from": str(step.active_from)}


def _validate(step: RoutineStep) -> None:
    if not step.name_nb.strip() or not step.name_en.strip():
        raise RoutineError(_("Give the step a name in both languages."), "name_required", "name_nb")
    if step.anchor == RoutineStep.Anchor.MILESTONE:
        if step.anchor_milestone not in {str(k) for k in deadlines.MilestoneKey}:
            raise RoutineError(
                _("Choose the statutory milestone the step is counted from."), "anchor_required", "anchor_milestone"
            )
    else:
        step.anchor_milestone = ""
    if step.anchor == RoutineStep.Anchor.CASE_START and step.offset < 1:
        raise RoutineError(
            _("Counted from the first day of absence, the step must come on day 1 or later."),
            "offset_too_small",
            "amount",
        )
    if abs(step.offset) > MAX_OFFSET[step.offset_unit]:
        raise RoutineError(_("The step is more than three years away. Check the number."), "offset_too_large", "amount")
    if not step.reminder_nb.strip() or not step.reminder_en.strip():
        raise RoutineError(_("Write the reminder text in both languages."), "reminder_required", "reminder_nb")


def _log(step: RoutineStep, by, action: str, before: dict) -> None:
    after = _snapshot(step)
    RoutineStepChange.objects.create(
        step=step, by=by if by is not None and by.is_authenticated else None, action=action, before=before, after=after
    )
    audit_record(
        actor=by,
        action=f"routine.step_{action}",
        obj=step,
        detail={"before": before, "after": after} if before else {"after": after},
    )


@transaction.atomic
def routine_step_create(*, organisation: Organisation, by, **fields) -> RoutineStep:
    """Add a step to the organisation's routine; open cases get it from today."""
    step = RoutineStep(
        organisation=organisation,
        created_by=by,
        changed_by=by,
        active_from=today(),
        **{k: v for k, v in fields.items() if k in STEP_FIELDS},
    )
    _validate(step)
    step.save()
    _log(step, by, RoutineStepChange.Action.CREATED, {})
    routine.apply_to_open_cases(organisation_id=organisation.pk, on=today(), by=by)
    return step


@transaction.atomic
def routine_step_update(*, step: RoutineStep, by, **fields) -> RoutineStep:
    """Change a step from today: milestones not yet due follow it, earlier ones keep their date."""
    step = RoutineStep.objects.select_for_update().get(pk=step.pk)
    before = _snapshot(step)
    for name in STEP_FIELDS:
        if name in fields:
            setattr(step, name, fields[name])
    _validate(step)
    if _snapshot(step) | {"active_from": before["active_from"]} == before:
        return step  # nothing changed
    # A new name or text shows everywhere at once; new timing applies from today.
    timing_changed = any(
        before[name] != getattr(step, name) for name in ["anchor", "anchor_milestone", "offset", "offset_unit"]
    )
    if timing_changed:
        step.active_from = today()
    step.changed_by = by
    step.save()
    _log(step, by, RoutineStepChange.Action.CHANGED, before)
    if timing_changed:
        routine.apply_to_open_cases(organisation_id=step.organisation_id, on=today(), by=by)
    return step


@transaction.atomic
def routine_step_set_active(*, step: RoutineStep, active: bool, by) -> RoutineStep:
    """Take a step out of use (its milestones not yet due stop applying), or into use again from today."""
    step = RoutineStep.objects.select_for_update().get(pk=step.pk)
    if step.active == active:
        return step
    before = _snapshot(step)
    step.active = active
    step.active_from = today()
    step.changed_by = by
    step.save()
    _log(step, by, RoutineStepChange.Action.RESUMED if active else RoutineStepChange.Action.ENDED, before)
    routine.apply_to_open_cases(organisation_id=step.organisation_id, on=today(), by=by)
    return step


# Quality self-assessment ----------------------------------------------------------


@transaction.atomic
def quality_round_create(
    *, organisation: Organisation, held_on: date, participants: str = "", note: str = "", by
) -> QualityRound:
    """Start a round with every statement unrated."""
    rnd = QualityRound.objects.create(
        organisation=organisation, held_on=held_on, participants=participants, note=note, created_by=by
    )
    QualityAnswer.objects.bulk_create(QualityAnswer(round=rnd, statement=key) for key in STATEMENT_KEYS)
    audit_record(actor=by, action="quality.round_created", obj=rnd, detail={"held_on": str(held_on)})
    return rnd


@transaction.atomic
def quality_round_save(
    *, rnd: QualityRound, by, held_on: date, participants: str, note: str, answers: dict[str, dict]
) -> QualityRound:
    """Save the round's ratings, measures, responsible persons and dates."""
    rnd.held_on, rnd.participants, rnd.note = held_on, participants, note
    rnd.save(update_fields=["held_on", "participants", "note"])
    stored = {a.statement: a for a in rnd.answers.all()}
    changed = []
    for key in STATEMENT_KEYS:
        values = answers.get(key)
        if values is None:
            continue
        answer = stored.get(key) or QualityAnswer(round=rnd, statement=key)
        score = values.get("score")
        if score is not None and not 1 <= score <= 5:
            raise DomainError(_("A rating is from 1 to 5."), "invalid_score")
        answer.score = score
        answer.measures = values.get("measures", "")
        answer.responsible = values.get("responsible", "")
        answer.due = values.get("due")
        answer.save()
        changed.append(key)
    audit_record(actor=by, action="quality.round_saved", obj=rnd, detail={"statements": changed})
    return rnd
