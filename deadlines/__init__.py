"""The deadline engine: sick-leave follow-up deadlines by the rules of docs/deadline-rules.md.

Pure Python; imports nothing from Django and never reads the clock (pass `today`).

    timeline = compute_timeline([Period("sick", date(2026, 1, 5), date(2026, 3, 31))],
                                today=date(2026, 2, 1), events=[Event.dm2(date(2026, 6, 17))])
    case = timeline.cases[0]
    case.employer_period_end, case.max_date, case.open, case.warnings
    plan = case.milestone(MilestoneKey.FOLLOWUP_PLAN)
    plan.due, plan.applies, plan.reason_text("nb"), plan.legal_basis("en"), plan.explain("nb")
    case.explain_employer_period("en"), case.explain_max_date("nb"), case.legal_basis(Topic.MAX_DATE)

    decision = egenmelding_decision(employment_start=date(2025, 1, 1),
                                    proposed=DateRange(date(2026, 3, 5), date(2026, 3, 8)))
    decision.days_allowed, decision.last_day_allowed, decision.reason, decision.explain("en")
    usage = egenmelding_usage(history, on=date(2026, 3, 4))  # occasions and days in 12 months

Invalid input raises `DeadlineError` with a stable `code` and the `field` it concerns.
"""

from deadlines.codes import (
    CaseWarning,
    DayClass,
    DeadlineError,
    EgenmeldingReason,
    ErrorCode,
    EventType,
    Lang,
    MilestoneKey,
    PeriodKind,
    Reason,
    Topic,
)
from deadlines.egenmelding import absence_occasions, egenmelding_decision, egenmelding_usage
from deadlines.explain import format_date
from deadlines.legal import legal_basis, milestone_title, reason_text, warning_text
from deadlines.model import (
    IA_POLICY,
    Case,
    DateRange,
    EgenmeldingDecision,
    EgenmeldingPolicy,
    EgenmeldingUsage,
    EmployerPeriod,
    Event,
    MaxDateEstimate,
    Milestone,
    Period,
    Timeline,
)
from deadlines.timeline import compute_timeline

__all__ = [
    "absence_occasions",
    "IA_POLICY",
    "Case",
    "CaseWarning",
    "DateRange",
    "DayClass",
    "DeadlineError",
    "EgenmeldingDecision",
    "EgenmeldingPolicy",
    "EgenmeldingReason",
    "EgenmeldingUsage",
    "EmployerPeriod",
    "ErrorCode",
    "Event",
    "EventType",
    "Lang",
    "MaxDateEstimate",
    "Milestone",
    "MilestoneKey",
    "Period",
    "PeriodKind",
    "Reason",
    "Timeline",
    "Topic",
    "compute_timeline",
    "egenmelding_decision",
    "egenmelding_usage",
    "format_date",
    "legal_basis",
    "milestone_title",
    "reason_text",
    "warning_text",
]
