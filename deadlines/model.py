"""Input and output values of the deadline engine: frozen dataclasses with validation.

Norwegian terms: sykmelding (`Period` of kind sick), egenmelding (self-certification),
oppfølgingstilfelle (`Case`), arbeidsgiverperiode (`EmployerPeriod`), maksdato (`MaxDateEstimate`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from deadlines import explain, legal
from deadlines.codes import (
    CaseWarning,
    DeadlineError,
    EgenmeldingReason,
    ErrorCode,
    EventType,
    MilestoneKey,
    PeriodKind,
    Reason,
    Topic,
)
from deadlines.dates import check_supported


def check_date(value: object, field: str, code: ErrorCode) -> dt.date:
    """Return `value` if it is a supported `date` (not a datetime), else raise `code`."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise DeadlineError(code, f"expected a date, got {value!r}", field)
    check_supported(value, field, code)
    return value


def check_grade(grade: object) -> int:
    """R-IN2: return the grade if it is an integer 0 or 20–100, else raise invalid_grade."""
    if not isinstance(grade, int) or isinstance(grade, bool) or not 0 <= grade <= 100:
        raise DeadlineError(ErrorCode.INVALID_GRADE, f"grade must be an integer 0 or 20–100, got {grade!r}", "grade")
    if 1 <= grade <= 19:
        raise DeadlineError(
            ErrorCode.INVALID_GRADE,
            f"grade {grade} is below 20 %, which NAV rejects (use 0 for full activity)",
            "grade",
        )
    return grade


@dataclass(frozen=True, slots=True)
class Period:
    """An absence period from `start` to `end`, both inclusive (section 1, R-IN1, R-IN2).

    `grade` matters only for `sick`: 100 by default, 0 is full activity (a work day).
    """

    kind: PeriodKind
    start: dt.date
    end: dt.date
    grade: int = 100

    def __post_init__(self) -> None:
        try:
            kind = PeriodKind(self.kind)
        except (ValueError, TypeError):
            raise DeadlineError(ErrorCode.UNKNOWN_KIND, f"unknown kind {self.kind!r}", "kind") from None
        object.__setattr__(self, "kind", kind)
        check_date(self.start, "start", ErrorCode.INVALID_PERIOD)
        check_date(self.end, "end", ErrorCode.INVALID_PERIOD)
        if self.start > self.end:
            raise DeadlineError(
                ErrorCode.INVALID_PERIOD, f"start {self.start.isoformat()} is after end {self.end.isoformat()}", "start"
            )
        check_grade(self.grade)

    @property
    def days(self) -> int:
        """Number of calendar days in the period."""
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event; `dm2` is the date NAV set for dialogmøte 2 (R22, R23a)."""

    type: EventType
    date: dt.date

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "type", EventType(self.type))
        except (ValueError, TypeError):
            raise DeadlineError(ErrorCode.INVALID_INPUT, f"unknown event type {self.type!r}", "type") from None
        check_date(self.date, "date", ErrorCode.INVALID_INPUT)

    @classmethod
    def dm2(cls, day: dt.date) -> Event:
        """Return a dialogmøte 2 event on `day`."""
        return cls(EventType.DM2, day)


@dataclass(frozen=True, slots=True)
class Milestone:
    """One follow-up milestone of a case (R17a–R23)."""

    key: MilestoneKey
    due: dt.date
    applies: bool
    reason: Reason | None
    case_start: dt.date
    dm2_date: dt.date | None = None  # the scheduled DM2, for dialogue_meeting_2 and plan_to_nav

    @property
    def statutory(self) -> bool:
        """False for the first conversation, which is only recommended (R17a)."""
        return self.key is not MilestoneKey.FIRST_CONVERSATION

    @property
    def informational(self) -> bool:
        """True for NAV's meeting-need query, which sets no employer deadline (R21)."""
        return self.key is MilestoneKey.NAV_MEETING_NEED_QUERY

    def title(self, lang: str = "nb") -> str:
        """Return the milestone's name."""
        return legal.milestone_title(self.key, lang)

    def legal_basis(self, lang: str = "nb") -> str:
        """Return the legal basis shown with the date."""
        return legal.legal_basis(self.key, lang)

    def reason_text(self, lang: str = "nb") -> str | None:
        """Return the reason in plain words, or None when there is no reason."""
        return None if self.reason is None else legal.reason_text(self.reason, lang)

    def explain(self, lang: str = "nb") -> str:
        """Return one sentence on how the due date was reached."""
        return explain.explain_milestone(self, lang)


@dataclass(frozen=True, slots=True)
class EmployerPeriod:
    """An employer period (arbeidsgiverperiode): `end` is its 16th day, or None (R9–R11)."""

    start: dt.date
    end: dt.date | None


@dataclass(frozen=True, slots=True)
class MaxDateEstimate:
    """The estimated max date (maksdato) of a case and how it was reached (R27–R29a)."""

    date: dt.date
    exhausted: bool  # the quota ran out on or before the case end (R28)
    quota_start: dt.date  # first NAV day of the quota that `date` ends
    used_at_case_end: int  # NAV days of that quota used by the case end
    case_end: dt.date  # 100 % sickness is assumed from the day after (R28)


@dataclass(frozen=True, slots=True)
class Case:
    """A follow-up case (oppfølgingstilfelle) with its milestones (R2–R4, R11, R28)."""

    start: dt.date
    end: dt.date
    sick_days: int
    employer_period_end: dt.date | None
    # The first employer period that starts inside the case; if none does, the one
    # in force at the case start (only after a gap of parked days, A5).
    employer_period: EmployerPeriod
    max_date_estimate: MaxDateEstimate
    milestones: tuple[Milestone, ...]
    warnings: tuple[CaseWarning, ...]
    open: bool | None  # None when no `today` was given (R4)
    dm2_date: dt.date | None  # R23a

    @property
    def max_date(self) -> dt.date:
        """Return the estimated max date (R28)."""
        return self.max_date_estimate.date

    @property
    def employer_period_carried_over(self) -> bool:
        """True when the employer period in force started in an earlier case (A5).

        Then `employer_period_end` is null although the employer does not pay it all: the
        period ended before this case, and NAV days continue.
        """
        return self.employer_period.start < self.start

    @property
    def milestones_by_due(self) -> tuple[Milestone, ...]:
        """Return the milestones in order of due date, as the app lists them (section 7)."""
        return tuple(sorted(self.milestones, key=lambda m: m.due))

    def milestone(self, key: MilestoneKey | str) -> Milestone:
        """Return the milestone with `key`."""
        key = MilestoneKey(key)
        return next(m for m in self.milestones if m.key is key)

    def runs_on(self, day: dt.date) -> bool:
        """Return whether the case runs on `day` (R4), gaps inside the case included."""
        return self.start <= day <= self.end

    def explain_employer_period(self, lang: str = "nb") -> str:
        """Return one sentence on how the employer period end was reached."""
        return explain.explain_employer_period(self, lang)

    def explain_max_date(self, lang: str = "nb") -> str:
        """Return one sentence on how the max date was estimated."""
        return explain.explain_max_date(self.max_date_estimate, lang)

    def warning_texts(self, lang: str = "nb") -> tuple[str, ...]:
        """Return the warnings in plain words."""
        return tuple(legal.warning_text(w, lang) for w in self.warnings)

    @staticmethod
    def legal_basis(topic: Topic | str, lang: str = "nb") -> str:
        """Return the legal basis of the case rule, employer period or max date."""
        return legal.legal_basis(Topic(topic), lang)


@dataclass(frozen=True, slots=True)
class Timeline:
    """All cases of one employee, in date order; `today` only decides `Case.open`."""

    cases: tuple[Case, ...]
    today: dt.date | None = None

    def case_on(self, day: dt.date) -> Case | None:
        """Return the case that runs on `day`, if any."""
        return next((c for c in self.cases if c.runs_on(day)), None)


@dataclass(frozen=True, slots=True)
class DateRange:
    """Calendar days from `start` to `end`, both inclusive (egenmelding history and proposal)."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        check_date(self.start, "start", ErrorCode.INVALID_PERIOD)
        check_date(self.end, "end", ErrorCode.INVALID_PERIOD)
        if self.start > self.end:
            raise DeadlineError(
                ErrorCode.INVALID_PERIOD, f"start {self.start.isoformat()} is after end {self.end.isoformat()}", "start"
            )

    @property
    def days(self) -> int:
        """Number of calendar days."""
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class EgenmeldingPolicy:
    """An employer's extension of egenmelding inside the employer period (R16)."""

    max_days_per_occasion: int = 3
    max_days_per_12_months: int | None = None

    def __post_init__(self) -> None:
        per = self.max_days_per_occasion
        if not isinstance(per, int) or isinstance(per, bool) or not 1 <= per <= 16:
            raise DeadlineError(
                ErrorCode.INVALID_POLICY, f"must be an integer 1–16, got {per!r}", "max_days_per_occasion"
            )
        year = self.max_days_per_12_months
        if year is not None and (not isinstance(year, int) or isinstance(year, bool) or year < 1):
            raise DeadlineError(
                ErrorCode.INVALID_POLICY, f"must be a positive integer or null, got {year!r}", "max_days_per_12_months"
            )


@dataclass(frozen=True, slots=True)
class EgenmeldingUsage:
    """Egenmelding used in the 12 months up to a day, as a decision for the next day counts it (R15, R16)."""

    occasions_12m: int  # occasions that start in the window; adjacent or overlapping entries are one
    days_12m: int  # egenmelding days in the window
    may_withdraw: bool  # R15: 4 or more occasions; the employer *may* withdraw the right
    window_start: dt.date  # first day of the window (A8: the day after `from − 12 months`)


# R16: the old IA rule (8 days per occasion, 24 per 12 months) is only a preset.
IA_POLICY = EgenmeldingPolicy(max_days_per_occasion=8, max_days_per_12_months=24)


@dataclass(frozen=True, slots=True)
class EgenmeldingDecision:
    """How many days of a proposed absence the employee may self-certify (R12–R16)."""

    allowed: bool
    days_allowed: int
    last_day_allowed: dt.date | None
    reason: EgenmeldingReason
    occasions_12m: int
    may_withdraw: bool  # R15: the employer *may* withdraw the right; not automatic
    proposed: DateRange
    right_from: dt.date  # R12: employment start + 2 months
    cap: int  # days per occasion: 3 or the policy's
    aggregated_days: int  # R14: earlier egenmelding days counted in
    quota_left: int | None  # R16: policy days left in the 12 months, if the policy has a quota

    def reason_text(self, lang: str = "nb") -> str:
        """Return the result in plain words."""
        return legal.egenmelding_reason_text(self.reason, lang)

    def explain(self, lang: str = "nb") -> str:
        """Return one sentence on how the result was reached."""
        return explain.explain_egenmelding(self, lang)

    @staticmethod
    def legal_basis(lang: str = "nb") -> str:
        """Return the legal basis of egenmelding."""
        return legal.legal_basis(Topic.EGENMELDING, lang)
