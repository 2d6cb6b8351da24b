"""The deadline engine: sick-leave follow-up deadlines by the rules of deadline-rules.md.

Pure Python; imports nothing from Django and never reads the clock (pass `today`).
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
from deadlines.egenmelding import egenmelding_decision
from deadlines.explain import format_date
from deadlines.legal import legal_basis, milestone_title, reason_text, warning_text
from deadlines.model import (
    IA_POLICY,
    Case,
    DateRange,
    EgenmeldingDecision,
    EgenmeldingPolicy,
    EmployerPeriod,
    Event,
    MaxDateEstimate,
    Milestone,
    Period,
    Timeline,
)
from deadlines.timeline import compute_timeline

__all__ = [
    "IA_POLICY",
    "Case",
    "CaseWarning",
    "DateRange",
    "DayClass",
    "DeadlineError",
    "EgenmeldingDecision",
    "EgenmeldingPolicy",
    "EgenmeldingReason",
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
    "format_date",
    "legal_basis",
    "milestone_title",
    "reason_text",
    "warning_text",
]
