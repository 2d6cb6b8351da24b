"""Difficult cases ("vanskelige sykefraværssaker"): flags raised by rules, each shown with its rule in words.

A flag says which rule of the organisation's routine holds, with the numbers behind it,
and nothing more: no diagnosis, no judgement. The employee sees the same flag and rule.

Rules (numbers from RoutineSettings):
- long_no_progress: the absence has lasted `long_absence_weeks` or more, and the latest
  completed follow-up plan's evaluation is overdue, or its latest evaluation recorded that
  the measures did not work;
- frequent: `frequent_occasions_6m` or more absence occasions in 6 months, or
  `frequent_occasions_12m` in 12 (sick notes and egenmelding; adjacent periods are one
  occasion, `deadlines.absence_occasions`); the employee's flag, on no case;
- dm1_not_held: dialogue meeting 1 is overdue and not recorded as held (nor as not required).

Flags are stored, so that HR's list across its scope is one paginated query; they are
brought up to date when a case's milestones are synced (`PROVIDER`) and daily
(`flags_refresh_all`), because time passing alone can make a rule hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import deadlines
from cases.models import AbsencePeriod, Case, CaseMilestone
from followup_plans.models import PlanEvaluation, PlanVersion
from organisation.models import Employee

from .config import settings_for
from .models import Flag, RoutineSettings

COUNTED_KINDS = (AbsencePeriod.Kind.SICK, AbsencePeriod.Kind.EGENMELDING, AbsencePeriod.Kind.PENDING)
DM1 = str(deadlines.MilestoneKey.DIALOGUE_MEETING_1)

# What the routine suggests the manager does (Kristiansand kommune: "Hva kan leder gjøre?").
MANAGER_ACTIONS = (
    gettext_lazy("Keep close and frequent dialogue with the employee."),
    gettext_lazy("Involve the occupational health service (BHT)."),
    gettext_lazy("Encourage the employee to bring a union representative or another trusted person."),
    gettext_lazy("Assess further adaptation or a trial of other work."),
    gettext_lazy("Consider the right to sick pay, and contact NAV if needed."),
)
# And the employee ("Hva kan medarbeideren gjøre?").
EMPLOYEE_ACTIONS = (
    gettext_lazy("Be open about what you can and cannot do at work."),
    gettext_lazy("Suggest solutions to the situation."),
    gettext_lazy("Invite a union representative or another trusted person."),
)


@dataclass(frozen=True)
class Finding:
    rule: str
    case_id: int | None
    detail: dict


def _long_no_progress(case: Case, config: RoutineSettings, on: date) -> Finding | None:
    weeks = config.long_absence_weeks
    if case.status != Case.Status.OPEN or (on - case.start).days + 1 < weeks * 7:
        return None
    version = (
        PlanVersion.objects.filter(plan__case=case, status=PlanVersion.Status.COMPLETED)
        .order_by("-number", "-pk")
        .first()
    )
    if version is None:
        return None
    evaluation = PlanEvaluation.objects.filter(version__plan__case=case).order_by("-evaluated_on", "-pk").first()
    if evaluation is not None and evaluation.version_id == version.pk:
        if evaluation.effect == PlanEvaluation.Effect.NONE:
            return Finding(
                Flag.Rule.LONG_NO_PROGRESS,
                case.pk,
                {"weeks": weeks, "why": "no_effect", "evaluated_on": str(evaluation.evaluated_on)},
            )
        return None
    if version.evaluation_date is not None and version.evaluation_date < on:
        return Finding(
            Flag.Rule.LONG_NO_PROGRESS,
            case.pk,
            {"weeks": weeks, "why": "evaluation_overdue", "evaluation_date": str(version.evaluation_date)},
        )
    if evaluation is not None and evaluation.effect == PlanEvaluation.Effect.NONE:
        return Finding(
            Flag.Rule.LONG_NO_PROGRESS,
            case.pk,
            {"weeks": weeks, "why": "no_effect", "evaluated_on": str(evaluation.evaluated_on)},
        )
    return None


def _dm1_not_held(case: Case, on: date) -> Finding | None:
    if case.status != Case.Status.OPEN:
        return None
    row = CaseMilestone.objects.filter(case=case, key=DM1).first()
    if row is None or not row.is_open or row.due >= on:
        return None
    return Finding(Flag.Rule.DM1_NOT_HELD, case.pk, {"due": str(row.due)})


def absence_counts(employee: Employee, *, on: date) -> tuple[int, int]:
    """Absence occasions (sick notes and egenmelding) in the 6 and 12 months up to `on`."""
    since = on - timedelta(days=400)
    history = [
        deadlines.DateRange(start, min(end, on))
        for start, end in AbsencePeriod.objects.filter(
            employee=employee, kind__in=COUNTED_KINDS, end__gte=since, start__lte=on
        ).values_list("start", "end")
    ]
    return (
        deadlines.absence_occasions(history, on=on, months=6),
        deadlines.absence_occasions(history, on=on, months=12),
    )


def _frequent(employee: Employee, config: RoutineSettings, on: date) -> Finding | None:
    six, twelve = absence_counts(employee, on=on)
    if six >= config.frequent_occasions_6m or twelve >= config.frequent_occasions_12m:
        return Finding(
            Flag.Rule.FREQUENT,
            None,
            {
                "occasions_6m": six,
                "occasions_12m": twelve,
                "limit_6m": config.frequent_occasions_6m,
                "limit_12m": config.frequent_occasions_12m,
            },
        )
    return None


def findings(employee: Employee, *, on: date, config: RoutineSettings | None = None) -> list[Finding]:
    """Every rule that holds for the employee and their current cases on a day."""
    config = config or settings_for(employee.organisation_id)
    if not config.flags_enabled:
        return []
    found = []
    frequent = _frequent(employee, config, on)
    if frequent is not None:
        found.append(frequent)
    for case in Case.objects.current().filter(employee=employee, status=Case.Status.OPEN):
        for finding in (_long_no_progress(case, config, on), _dm1_not_held(case, on)):
            if finding is not None:
                found.append(finding)
    return found


@transaction.atomic
def flags_refresh(*, employee: Employee, on: date) -> list[Flag]:
    """Raise the flags whose rule holds now and clear those whose rule no longer does; returns the open flags."""
    wanted = {(f.case_id, f.rule): f for f in findings(employee, on=on)}
    open_flags = {
        (f.case_id, f.rule): f for f in Flag.objects.select_for_update().filter(employee=employee, cleared_on=None)
    }
    for key, flag in open_flags.items():
        if key not in wanted:
            flag.cleared_on = on
            flag.save(update_fields=["cleared_on"])
        elif flag.detail != wanted[key].detail:
            flag.detail = wanted[key].detail
            flag.save(update_fields=["detail"])
    for key, finding in wanted.items():
        if key not in open_flags:
            Flag.objects.create(
                employee=employee, case_id=finding.case_id, rule=finding.rule, detail=finding.detail, raised_on=on
            )
    return list(Flag.objects.filter(employee=employee, cleared_on=None))


def flags_refresh_all(*, on: date, batch: int = 500) -> int:
    """The daily run: every employee with an absence in the last 12 months or an open case; returns how many."""
    since = on - timedelta(days=366)
    ids = set(AbsencePeriod.objects.filter(end__gte=since).values_list("employee_id", flat=True).distinct())
    ids |= set(Flag.objects.filter(cleared_on=None).values_list("employee_id", flat=True))
    count = 0
    for pk in sorted(ids):
        employee = Employee.objects.filter(pk=pk).first()
        if employee is not None:
            flags_refresh(employee=employee, on=on)
            count += 1
    return count


# Reading -------------------------------------------------------------------------


def _d(value: str) -> str:
    from django.utils import formats

    return formats.date_format(date.fromisoformat(value), "j. F Y")


def rule_text(flag: Flag) -> str:
    """The rule that raised the flag, in words, with its numbers; nothing more."""
    d = flag.detail
    if flag.rule == Flag.Rule.LONG_NO_PROGRESS:
        if d.get("why") == "no_effect":
            return _(
                "The absence has lasted %(weeks)s weeks or more, and the latest evaluation of the follow-up "
                "plan recorded that the measures did not work."
            ) % {"weeks": d.get("weeks")}
        return _(
            "The absence has lasted %(weeks)s weeks or more, and the evaluation of the follow-up plan, due "
            "%(date)s, is not recorded."
        ) % {"weeks": d.get("weeks"), "date": _d(d["evaluation_date"])}
    if flag.rule == Flag.Rule.FREQUENT:
        if d.get("occasions_6m", 0) >= d.get("limit_6m", 0):
            return _(
                "%(count)s absences (sick notes and self-certifications) in the last 6 months; the routine "
                "flags %(limit)s or more."
            ) % {"count": d.get("occasions_6m"), "limit": d.get("limit_6m")}
        return _(
            "%(count)s absences (sick notes and self-certifications) in the last 12 months; the routine "
            "flags %(limit)s or more."
        ) % {"count": d.get("occasions_12m"), "limit": d.get("limit_12m")}
    if flag.rule == Flag.Rule.DM1_NOT_HELD:
        return _("Dialogue meeting 1 was due %(date)s and is not recorded as held.") % {"date": _d(d["due"])}
    return flag.get_rule_display()


def open_flags(*, employee: Employee, case: Case | None = None) -> list[Flag]:
    """The employee's open flags (of one case and the employee's own, if a case is given)."""
    flags = Flag.objects.filter(employee=employee, cleared_on=None)
    if case is not None:
        from django.db.models import Q

        flags = flags.filter(Q(case=case) | Q(case=None))
    return list(flags)


def with_texts(flags: Iterable[Flag]) -> list[dict]:
    return [{"flag": f, "title": f.get_rule_display(), "rule": rule_text(f)} for f in flags]


class FlagRefresh:
    """Brings the flags up to date when a case's milestones are synced (cases/extensions.py); owns no keys."""

    def owns(self, key: str) -> bool:
        return False

    def sync_case(self, case: Case, engine_case: deadlines.Case, *, by, on: date) -> None:
        flags_refresh(employee=case.employee, on=on)

    def title(self, key: str, language: str) -> str:
        return key

    def texts(self, milestones, language: str) -> dict[str, dict]:
        return {}

    def what_to_do(self, key: str, language: str) -> str | None:
        return None


PROVIDER = FlagRefresh()
