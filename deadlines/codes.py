"""Stable codes of the deadline engine: kinds, classes, keys, reasons, errors.

The string values are part of the vector format (docs/deadline-rules.md, docs/vectors-format.md)
and of stored data, so they never change.
"""

from __future__ import annotations

from enum import StrEnum


class PeriodKind(StrEnum):
    """Kind of an absence period (section 1 of the spec)."""

    SICK = "sick"  # sykmelding, grade 0 or 20–100
    EGENMELDING = "egenmelding"  # self-certification
    HOLIDAY = "holiday"  # ferie
    LEAVE = "leave"  # permisjon
    WORK = "work"  # at work
    TRAVEL_GRANT = "travel_grant"  # reisetilskudd
    TREATMENT_DAYS = "treatment_days"  # behandlingsdager (the period)
    PENDING = "pending"  # avventende sykmelding


class DayClass(StrEnum):
    """Class of one calendar day for the case (R1)."""

    SICK = "sick"
    HOLIDAY = "holiday"
    WORK = "work"
    UNCOVERED = "uncovered"


class EventType(StrEnum):
    """Type of a dated event; only dialogmøte 2 so far (R23a)."""

    DM2 = "dm2"


class MilestoneKey(StrEnum):
    """The seven milestones of every case (section 4), in the spec's order."""

    FIRST_CONVERSATION = "first_conversation"
    FOLLOWUP_PLAN = "followup_plan"
    DIALOGUE_MEETING_1 = "dialogue_meeting_1"
    ACTIVITY_REQUIREMENT = "activity_requirement"
    NAV_MEETING_NEED_QUERY = "nav_meeting_need_query"
    DIALOGUE_MEETING_2 = "dialogue_meeting_2"
    PLAN_TO_NAV = "plan_to_nav"


class Reason(StrEnum):
    """Why a milestone does not apply, or applies with a remark (section 4)."""

    CASE_ENDED_BEFORE_DUE = "case_ended_before_due"
    GRADED_MAY_BE_UNNECESSARY = "graded_may_be_unnecessary"
    NOT_FULLY_ABSENT = "not_fully_absent"
    NOT_FULLY_SICK_ON_DUE = "not_fully_sick_on_due"


class CaseWarning(StrEnum):
    """Warnings on a case, listed in this order when both occur."""

    NEW_EMPLOYER_PERIOD_WITHIN_CASE = "new_employer_period_within_case"  # R10a
    AGE_RULES_NOT_APPLIED = "age_rules_not_applied"  # R29a


class Topic(StrEnum):
    """Things with a legal basis besides the milestones."""

    CASE = "case"  # R3: the 16-day rule
    EMPLOYER_PERIOD = "employer_period"  # R9–R11
    MAX_DATE = "max_date"  # R27–R29a
    EGENMELDING = "egenmelding"  # section 6


class EgenmeldingReason(StrEnum):
    """Result of an egenmelding decision (section 6)."""

    OK = "ok"
    CAPPED = "capped"
    EMPLOYMENT_UNDER_2_MONTHS = "employment_under_2_months"
    WITHDRAWN = "withdrawn"
    POLICY_12_MONTH_QUOTA_USED = "policy_12_month_quota_used"
    NO_DAYS_LEFT_IN_16_DAY_WINDOW = "no_days_left_in_16_day_window"


class ErrorCode(StrEnum):
    """Stable codes of rejected input (R-IN1, R-IN2, docs/vectors-format.md)."""

    UNKNOWN_KIND = "unknown_kind"
    INVALID_PERIOD = "invalid_period"
    INVALID_GRADE = "invalid_grade"
    INVALID_POLICY = "invalid_policy"
    INVALID_INPUT = "invalid_input"


class Lang(StrEnum):
    """Languages of the texts: Norwegian bokmål and English."""

    NB = "nb"
    EN = "en"

    @classmethod
    def of(cls, lang: str) -> Lang:
        """Return the language for a code such as "nb", "no", "en" or "en-gb"."""
        base = str(lang).lower().replace("_", "-").split("-")[0]
        if base in ("nb", "no"):
            return cls.NB
        if base == "en":
            return cls.EN
        raise DeadlineError(ErrorCode.INVALID_INPUT, f"unsupported language {lang!r} (use 'nb' or 'en')")


class DeadlineError(ValueError):
    """Input the rules reject; `code` is stable, `field` names where, `detail` (and `str()`) says what."""

    def __init__(self, code: ErrorCode, message: str, field: str | None = None) -> None:
        self.code = ErrorCode(code)
        self.field = field
        self.message = message
        # e.g. "periods[0]: 'to' 2026-01-05 is before 'from' 2026-03-31"
        self.detail = f"{field}: {message}" if field else message
        super().__init__(self.detail)
