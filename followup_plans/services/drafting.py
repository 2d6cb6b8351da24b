"""Writing the draft: the employer's text, work tasks, and measures (proposed, decided)."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import (
    MeasureTemplate,
    PlanMeasure,
    PlanTask,
    PlanVersion,
)
from .base import (
    ASSESSMENT_FIELDS,
    EMPLOYEE_MEASURE_FIELDS,
    MEASURE_FIELDS,
    TASK_FIELDS,
    PlanError,
    _as_employer,
    _content_changed,
    _lock,
    _record,
    is_case_employee,
)

# Who may do what to the draft: asked by the services below and by the views and pages that offer it -------


def task_add_refusal(version: PlanVersion, by) -> PlanError | None:
    """Why `by` may not add a work task, or None: the employer lists them, the employee assesses them."""
    if is_case_employee(by, version.plan.case):
        return PlanError(_("The employer lists the work tasks; you assess them."), "employer_only")
    return None


def measure_change_refusal(measure: PlanMeasure, by, *, remove: bool = False) -> PlanError | None:
    """Why `by` may not change (or remove) the measure, or None.

    The employer changes any measure; the employee only their own proposals that are not yet decided.
    """
    if is_case_employee(by, measure.version.plan.case) and (
        measure.proposed_by_id != by.pk or measure.status != PlanMeasure.Status.PROPOSED
    ):
        if remove:
            return PlanError(_("You can remove only your own proposals that are not yet decided."), "employer_only")
        return PlanError(_("You can change only your own proposals that are not yet decided."), "employer_only")
    return None


def measure_decide_refusal(measure: PlanMeasure, by) -> PlanError | None:
    """Why `by` may not agree to or decline the measure, or None.

    Only a proposal is decided; the employer decides any, the employee the ones the employer proposed
    (a measure from a template, say), not their own.
    """
    if measure.status != PlanMeasure.Status.PROPOSED:
        return PlanError(_("This measure is already decided."), "already_decided")
    if is_case_employee(by, measure.version.plan.case) and measure.proposed_by_id == by.pk:
        return PlanError(
            _("You proposed this measure yourself; your manager agrees to it or declines it."), "own_proposal"
        )
    return None


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
        raise PlanError(
            _(
                "Someone else saved the plan while you were writing. Reload the page to see their "
                "changes; copy your text first."
            ),
            "stale_revision",
        )
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
        raise PlanError(
            _("Describe the other adjustment."), "adjustment_description_required", "adjustment_description"
        )
    return fields


@transaction.atomic
def task_save(*, version: PlanVersion, by, task: PlanTask | None = None, **fields) -> PlanTask:
    """Add or change a work task. The employee may change only its assessment."""
    version = _lock(version)
    employee = is_case_employee(by, version.plan.case)
    allowed = ASSESSMENT_FIELDS if employee else TASK_FIELDS
    if task is None and (refusal := task_add_refusal(version, by)) is not None:
        raise refusal
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
    if (
        "assessment" in fields
        and before.get("assessment") != task.assessment
        or ("adjustments" in fields and before.get("adjustments") != task.adjustments)
    ):
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
        if measure is not None and (refusal := measure_change_refusal(measure, by)) is not None:
            raise refusal
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
    if template.organisation_id not in (None, version.plan.case.employee.organisation_id):
        raise PlanError(_("Choose a common adjustment from the list."), "template")
    return measure_save(
        version=version,
        by=by,
        description=template.description,
        responsible=template.responsible,
        start=version.period_start,
        end=version.period_end,
    )


@transaction.atomic
def measure_delete(*, measure: PlanMeasure, by) -> None:
    version = _lock(measure.version)
    if (refusal := measure_change_refusal(measure, by, remove=True)) is not None:
        raise refusal
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
    if (refusal := measure_decide_refusal(measure, by)) is not None:
        raise refusal
    measure.status = status
    measure.save(update_fields=["status"])
    _content_changed(version, by)
    _record(by, "plan.measure_decide", version, measure=str(measure.key), status=status)
    return measure
