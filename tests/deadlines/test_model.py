"""Input validation (R-IN1, R-IN2) and the helpers on the result values."""

from datetime import date, datetime

import pytest

from deadlines import (
    IA_POLICY,
    DateRange,
    DeadlineError,
    EgenmeldingPolicy,
    ErrorCode,
    Event,
    EventType,
    MilestoneKey,
    Period,
    PeriodKind,
)

from .helpers import d, holiday, sick, timeline


def error_of(make) -> DeadlineError:
    with pytest.raises(DeadlineError) as error:
        make()
    return error.value


def test_a_period_takes_its_kind_as_a_string_and_defaults_to_100_percent() -> None:
    p = Period("sick", d("2026-01-05"), d("2026-01-09"))
    assert p.kind is PeriodKind.SICK
    assert p.grade == 100
    assert p.days == 5


def test_an_unknown_kind_is_rejected() -> None:
    error = error_of(lambda: Period("vacation", d("2026-01-05"), d("2026-01-09")))
    assert error.code is ErrorCode.UNKNOWN_KIND
    assert error.field == "kind"
    assert "vacation" in str(error)


def test_from_after_to_is_an_invalid_period() -> None:
    error = error_of(lambda: Period("sick", d("2026-01-10"), d("2026-01-09")))
    assert error.code is ErrorCode.INVALID_PERIOD
    assert "2026-01-10" in str(error) and "2026-01-09" in str(error)


def test_period_errors_name_the_field_and_say_why() -> None:
    error = error_of(lambda: Period("sick", d("2026-03-31"), d("2026-01-05")))
    assert (error.code, error.detail) == (ErrorCode.INVALID_PERIOD, "start: start 2026-03-31 is after end 2026-01-05")
    error = error_of(lambda: Period("sick", d("2026-03-31"), "2026-04-05"))
    assert (error.code, error.field) == (ErrorCode.INVALID_PERIOD, "end")


def test_the_supported_range_includes_both_ends() -> None:
    assert Period("sick", date(1900, 1, 1), date(1900, 1, 1)).days == 1
    assert Period("sick", date(2999, 12, 31), date(2999, 12, 31)).days == 1
    error = error_of(lambda: Period("sick", date(1899, 12, 31), date(1900, 1, 1)))
    assert (error.code, error.field) == (ErrorCode.INVALID_PERIOD, "start")
    assert "outside the supported range 1900-01-01..2999-12-31" in error.message


def test_a_one_day_period_is_valid() -> None:
    assert Period("egenmelding", d("2026-01-05"), d("2026-01-05")).days == 1


@pytest.mark.parametrize("bad", ["2026-01-05", None, datetime(2026, 1, 5, 8, 0), date(1800, 1, 1)])
def test_dates_must_be_supported_dates(bad) -> None:
    error = error_of(lambda: Period("sick", bad, d("2026-01-09")))
    assert error.code is ErrorCode.INVALID_PERIOD
    assert error.field == "start"


@pytest.mark.parametrize("grade", [1, 10, 19])
def test_grades_1_to_19_are_rejected(grade: int) -> None:
    error = error_of(lambda: sick("2026-01-05", "2026-01-09", grade))
    assert error.code is ErrorCode.INVALID_GRADE
    assert "20" in str(error)


@pytest.mark.parametrize("grade", [-1, 101, 50.0, "50", True, None])
def test_a_grade_must_be_an_integer_from_0_to_100(grade) -> None:
    assert error_of(lambda: sick("2026-01-05", "2026-01-09", grade)).code is ErrorCode.INVALID_GRADE


@pytest.mark.parametrize("grade", [0, 20, 99, 100])
def test_valid_grades(grade: int) -> None:
    assert sick("2026-01-05", "2026-01-09", grade).grade == grade


def test_events() -> None:
    assert Event.dm2(d("2026-06-17")) == Event("dm2", d("2026-06-17"))
    assert Event.dm2(d("2026-06-17")).type is EventType.DM2
    assert error_of(lambda: Event("dm3", d("2026-06-17"))).code is ErrorCode.INVALID_INPUT
    assert error_of(lambda: Event("dm2", "2026-06-17")).field == "date"


def test_date_ranges() -> None:
    assert DateRange(d("2026-03-05"), d("2026-03-08")).days == 4
    error = error_of(lambda: DateRange(d("2026-03-08"), d("2026-03-05")))
    assert (error.code, error.field) == (ErrorCode.INVALID_PERIOD, "start")
    assert error.detail == "start: start 2026-03-08 is after end 2026-03-05"
    for bad, field in ((("2026-03-05", d("2026-03-08")), "start"), ((d("2026-03-05"), "2026-03-08"), "end")):
        error = error_of(lambda bad=bad: DateRange(*bad))
        assert (error.code, error.field) == (ErrorCode.INVALID_PERIOD, field)
        assert error.message.startswith("expected a date")


def test_an_error_without_a_field_is_its_message() -> None:
    error = DeadlineError(ErrorCode.INVALID_INPUT, "nothing to compute")
    assert (error.detail, str(error), error.field) == ("nothing to compute", "nothing to compute", None)
    assert DeadlineError(ErrorCode.INVALID_INPUT, "missing", "kind").detail == "kind: missing"


def test_egenmelding_policy() -> None:
    assert EgenmeldingPolicy() == EgenmeldingPolicy(3, None)
    assert EgenmeldingPolicy(8, 24) == IA_POLICY  # R16: the old IA rule as a preset
    for bad in (0, 17, "8", True):
        error = error_of(lambda bad=bad: EgenmeldingPolicy(bad))
        assert (error.code, error.field) == (ErrorCode.INVALID_POLICY, "max_days_per_occasion")
    for bad in (0, -3, "24"):
        error = error_of(lambda bad=bad: EgenmeldingPolicy(8, bad))
        assert (error.code, error.field) == (ErrorCode.INVALID_POLICY, "max_days_per_12_months")
        assert error.message == f"must be a positive integer or null, got {bad!r}"


def test_egenmelding_policy_limits_are_1_to_16_days_and_at_least_1_a_year() -> None:
    # R16: both ends of each range are allowed.
    assert EgenmeldingPolicy(1).max_days_per_occasion == 1
    assert EgenmeldingPolicy(16).max_days_per_occasion == 16
    assert EgenmeldingPolicy(1, 1).max_days_per_12_months == 1


def test_milestone_kinds_and_texts() -> None:
    (case,) = timeline(sick("2026-01-05", "2026-03-31")).cases
    first = case.milestone("first_conversation")
    assert not first.statutory and not first.informational  # R17a: recommended
    assert case.milestone(MilestoneKey.NAV_MEETING_NEED_QUERY).informational  # R21
    assert all(m.statutory for m in case.milestones if m.key is not MilestoneKey.FIRST_CONVERSATION)
    assert first.title("en") == "First conversation"
    assert first.reason_text() is None
    ended = case.milestone("dialogue_meeting_2")
    assert ended.reason_text("nb") == "Sykefraværet var avsluttet før fristen"


def test_case_helpers() -> None:
    t = timeline(sick("2026-01-05", "2026-01-23"), sick("2026-02-03", "2026-03-31"))
    (case,) = t.cases
    assert case.runs_on(d("2026-01-28"))  # R4: a work day inside the case
    assert not case.runs_on(d("2026-04-01"))
    assert t.case_on(d("2026-01-28")) is case
    assert t.case_on(d("2026-01-04")) is None
    dues = [m.due for m in case.milestones_by_due]
    assert dues == sorted(dues)
    assert case.milestones_by_due[-2].key is MilestoneKey.PLAN_TO_NAV
    assert case.max_date == case.max_date_estimate.date


def test_an_employer_period_from_an_earlier_case_is_carried_over() -> None:
    # A5: the cases are split by an uncovered weekend and holiday, the employer period is not.
    first, second = timeline(
        sick("2026-01-05", "2026-01-23"), holiday("2026-01-26", "2026-02-09"), sick("2026-02-10", "2026-03-31")
    ).cases
    assert not first.employer_period_carried_over
    assert second.employer_period_carried_over
    assert second.employer_period_end is None
    assert second.employer_period.end == d("2026-01-20")
