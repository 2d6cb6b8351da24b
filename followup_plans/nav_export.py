"""A completed plan in the field structure of NAV's interface for plans from HR systems.

NAV receives follow-up plans from HR systems ("LPS") as a `FollowUpPlanDTO`
(navikt/lps-oppfolgingsplan-mottak). Its text fields are free text, so our
structured tasks and measures are written out as lines. The national identity
number is not stored in this app: the integration that sends the plan adds it
from the payroll system, so it is null here.
"""

import re
from datetime import date

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import PlanMeasure, PlanTask, PlanVersion

LPS_NAME = "Sykefravær"

# (name, type, required) in NAV's order. "required" is NAV's: non-null in the DTO.
DTO_FIELDS: tuple[tuple[str, type, bool], ...] = (
    ("employeeIdentificationNumber", str, True),
    ("typicalWorkday", str, True),
    ("tasksThatCanStillBeDone", str, True),
    ("tasksThatCanNotBeDone", str, True),
    ("previousFacilitation", str, True),
    ("plannedFacilitation", str, True),
    ("otherFacilitationOptions", str, False),
    ("followUp", str, True),
    ("evaluationDate", date, True),
    ("sendPlanToNav", bool, True),
    ("needsHelpFromNav", bool, False),
    ("needsHelpFromNavDescription", str, False),
    ("sendPlanToGeneralPractitioner", bool, True),
    ("messageToGeneralPractitioner", str, False),
    ("additionalInformation", str, False),
    ("contactPersonFullName", str, True),
    ("contactPersonPhoneNumber", str, True),
    ("contactPersonEmail", str, True),
    ("employeeHasContributedToPlan", bool, True),
    ("employeeHasNotContributedToPlanDescription", str, False),
    ("lpsName", str, True),
    ("lpsEmail", str, False),
)


def _or_none(text: str) -> str | None:
    text = text.strip()
    return text or None


def _period(start, end) -> str:
    if not start and not end:
        return ""
    fmt = "SHORT_DATE_FORMAT"
    return f"{date_format(start, fmt) if start else ''}–{date_format(end, fmt) if end else ''}"


def _task_line(task: PlanTask) -> str:
    line = f"- {task.title}"
    if task.description:
        line += f": {task.description}"
    if task.assessment == PlanTask.Assessment.CAN_WITH_ADJUSTMENT:
        how = ", ".join(task.adjustments_display())
        details = "; ".join(part for part in (how, task.adjustment_description.strip()) if part)
        # Not inside the f-string: makemessages cannot find a text there, and it stayed English.
        label = _("can be done with adjustment")
        line += f" ({label}{': ' + details if details else ''})"
    return line


def _measure_line(measure: PlanMeasure) -> str:
    responsible = _("Responsible")
    parts = [f"{responsible}: {measure.get_responsible_display()}", measure.get_status_display()]
    period = _period(measure.start, measure.end)
    if period:
        parts.append(period)
    if measure.task is not None:
        for_the_task = _("for the task")
        parts.append(f"{for_the_task} «{measure.task.title}»")
    line = f"- {measure.description} ({'; '.join(parts)})"
    if measure.comment:
        comment = _("Comment")
        line += f" {comment}: {measure.comment}"
    return line


def _lines(lines: list[str]) -> str:
    return "\n".join(lines) if lines else _("None")


def followup_plan_dto(version: PlanVersion, *, language: str = "nb") -> dict:
    """The version as a FollowUpPlanDTO, its free text in the language NAV reads (Norwegian by default)."""
    tasks = list(version.tasks.all())
    measures = [m for m in version.measures.select_related("task") if m.status != PlanMeasure.Status.NOT_RELEVANT]
    can = [t for t in tasks if t.assessment in (PlanTask.Assessment.CAN, PlanTask.Assessment.CAN_WITH_ADJUSTMENT)]
    cannot = [t for t in tasks if t.assessment == PlanTask.Assessment.CANNOT]
    with translation.override(language):
        planned = _lines([_measure_line(m) for m in measures])
        if version.period_start or version.period_end:
            covers = _("The plan covers")
            planned = f"{covers} {_period(version.period_start, version.period_end)}.\n{planned}"
        return {
            "employeeIdentificationNumber": None,
            "typicalWorkday": version.typical_workday.strip(),
            "tasksThatCanStillBeDone": _lines([_task_line(t) for t in can]),
            "tasksThatCanNotBeDone": _lines([_task_line(t) for t in cannot]),
            "previousFacilitation": version.previous_adjustments.strip() or _("None"),
            "plannedFacilitation": planned,
            "otherFacilitationOptions": _or_none(version.other_options),
            "followUp": version.follow_up.strip(),
            "evaluationDate": version.evaluation_date.isoformat() if version.evaluation_date else None,
            "sendPlanToNav": version.send_to_nav,
            "needsHelpFromNav": version.needs_help_from_nav,
            "needsHelpFromNavDescription": (
                _or_none(version.help_from_nav_description) if version.needs_help_from_nav else None
            ),
            "sendPlanToGeneralPractitioner": version.send_to_gp,
            "messageToGeneralPractitioner": _or_none(version.message_to_gp),
            "additionalInformation": _or_none(version.additional_information),
            "contactPersonFullName": version.contact_person_name.strip(),
            "contactPersonPhoneNumber": version.contact_person_phone.strip(),
            "contactPersonEmail": version.contact_person_email.strip(),
            "employeeHasContributedToPlan": version.employee_contributed,
            "employeeHasNotContributedToPlanDescription": (
                None if version.employee_contributed else _or_none(version.employee_not_contributed_reason)
            ),
            "lpsName": LPS_NAME,
            "lpsEmail": None,
        }


def validate_followup_plan_dto(dto: dict, *, identity_added_later: bool = True) -> list[str]:
    """NAV's checks of a FollowUpPlanDTO; an empty list when NAV would accept it.

    The messages are NAV's own (FollowUpPlanDTO and FollowUpPlanValidator), so
    they can be matched with what NAV answers. With `identity_added_later`, a
    missing national identity number is allowed (this app does not store it).
    """
    problems: list[str] = []
    names = {name for name, _type, _required in DTO_FIELDS}
    for extra in sorted(set(dto) - names):
        problems.append(f"{extra} is not a field of FollowUpPlanDTO")
    for name, kind, required in DTO_FIELDS:
        value = dto.get(name)
        if value is None:
            if required and not (name == "employeeIdentificationNumber" and identity_added_later):
                problems.append(f"{name} is required")
            continue
        if kind is date:
            if not isinstance(value, str) or not _is_iso_date(value):
                problems.append(f"{name} must be a date (YYYY-MM-DD)")
        elif kind is bool and not isinstance(value, bool) or kind is str and not isinstance(value, str):
            problems.append(f"{name} must be a {'boolean' if kind is bool else 'string'}")
    if problems:
        return problems
    identity = dto.get("employeeIdentificationNumber")
    if identity is not None and not re.fullmatch(r"\d{11}", identity):
        problems.append("Invalid employee identification number")
    if dto.get("needsHelpFromNav") is True and not dto["sendPlanToNav"]:
        problems.append("needsHelpFromNav cannot be true if sendPlanToNav is false")
    if dto.get("needsHelpFromNav") is True and not (dto.get("needsHelpFromNavDescription") or "").strip():
        problems.append("needsHelpFromNavDescription is obligatory if needsHelpFromNav is true")
    if dto.get("needsHelpFromNav") is not True and dto.get("needsHelpFromNavDescription") is not None:
        problems.append("needsHelpFromNavDescription must be null if needsHelpFromNav is false")
    reason = dto.get("employeeHasNotContributedToPlanDescription")
    if not dto["employeeHasContributedToPlan"] and not (reason or "").strip():
        problems.append(
            "employeeHasNotContributedToPlanDescription is mandatory if employeeHasContributedToPlan = false"
        )
    if dto["employeeHasContributedToPlan"] and reason:
        problems.append(
            "employeeHasNotContributedToPlanDescription should not be set if employeeHasContributedToPlan = true"
        )
    return problems


def _is_iso_date(value: str) -> bool:
    try:
        return date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False
