"""Employer periods (R9–R11)."""

from deadlines import CaseWarning, EmployerPeriod
from deadlines.days import resolve_runs, sick_blocks
from deadlines.employer_period import EmployerPeriodSpan, employer_periods

from .helpers import d, holiday, period, sick, timeline, work


def ends(*periods) -> list[str | None]:
    return [
        None if c.employer_period_end is None else c.employer_period_end.isoformat() for c in timeline(*periods).cases
    ]


def test_16_calendar_days_from_the_first_sick_day() -> None:
    assert ends(sick("2026-01-05", "2026-03-31")) == ["2026-01-20"]  # EX1
    assert ends(sick("2026-01-10", "2026-03-31")) == ["2026-01-25"]  # R11: may end on a Sunday


def test_egenmelding_and_graded_days_count() -> None:
    assert ends(period("egenmelding", "2026-01-05", "2026-01-07"), sick("2026-01-08", "2026-01-31", 40)) == [
        "2026-01-20"
    ]


def test_fewer_than_16_days_give_no_end() -> None:
    assert ends(sick("2026-01-05", "2026-01-19")) == [None]
    # Holiday after sickness counts only if sickness follows it (R10a).
    assert ends(sick("2026-01-05", "2026-01-19"), holiday("2026-01-20", "2026-01-31")) == [None]


def test_parked_holiday_counts_when_sickness_follows() -> None:
    assert ends(
        sick("2026-01-05", "2026-01-09"), holiday("2026-01-10", "2026-01-14"), sick("2026-01-15", "2026-01-31")
    ) == ["2026-01-20"]
    # ...and the 16th day can be a holiday day.
    assert ends(
        sick("2026-01-05", "2026-01-09"), holiday("2026-01-10", "2026-01-31"), sick("2026-02-01", "2026-02-10")
    ) == ["2026-01-20"]


def test_parked_holiday_becomes_opphold_when_work_follows() -> None:
    assert ends(
        sick("2026-01-05", "2026-01-09"),
        holiday("2026-01-10", "2026-01-14"),
        work("2026-01-15", "2026-01-17"),
        sick("2026-01-18", "2026-01-31"),
    ) == ["2026-01-28"]


def test_an_uncovered_weekend_between_sick_days_is_bridged() -> None:
    # EX7a: parked, then sickness follows.
    assert ends(sick("2026-01-05", "2026-01-09"), sick("2026-01-12", "2026-01-23")) == ["2026-01-20"]
    # EX7b: a work day follows, so the weekend is opphold.
    assert ends(
        sick("2026-01-05", "2026-01-09"), work("2026-01-12", "2026-01-12"), sick("2026-01-13", "2026-01-31")
    ) == ["2026-01-23"]


def test_16_opphold_days_start_a_new_employer_period_inside_the_case() -> None:
    t = timeline(
        sick("2026-04-01", "2026-04-20"),
        holiday("2026-04-21", "2026-04-30"),
        work("2026-05-01", "2026-05-10"),
        sick("2026-05-11", "2026-06-30"),
    )
    (case,) = t.cases
    assert case.employer_period_end == d("2026-04-16")  # R11: the first one
    assert case.warnings == (CaseWarning.NEW_EMPLOYER_PERIOD_WITHIN_CASE,)  # R10a


def test_15_opphold_days_keep_the_employer_period_going() -> None:
    assert ends(
        sick("2026-01-05", "2026-01-10"), work("2026-01-11", "2026-01-25"), sick("2026-01-26", "2026-02-20")
    ) == ["2026-02-04"]


def test_a_new_case_gets_a_new_employer_period() -> None:
    assert ends(
        sick("2026-01-05", "2026-01-23"), work("2026-01-24", "2026-02-12"), sick("2026-02-13", "2026-03-31")
    ) == ["2026-01-20", "2026-02-28"]  # EX4


def test_parked_gap_that_splits_cases_carries_the_employer_period_over() -> None:
    # Sick Mon–Fri, uncovered weekend, two weeks' holiday, sick again: two cases (A5), but
    # for the employer period the 16 days are parked and sickness follows, so they count.
    t = timeline(
        sick("2026-01-05", "2026-01-09"), holiday("2026-01-12", "2026-01-25"), sick("2026-01-26", "2026-03-01")
    )
    first, second = t.cases
    assert first.employer_period == EmployerPeriod(d("2026-01-05"), d("2026-01-20"))
    assert first.employer_period_end == d("2026-01-20")  # R11: the 16th day of the period starting in it
    assert second.employer_period == first.employer_period  # in force at its start
    assert second.employer_period_end is None  # none starts inside it (R11)
    assert second.warnings == ()


def test_employer_periods_report_days_per_block() -> None:
    blocks = sick_blocks(
        resolve_runs(
            [
                sick("2026-01-05", "2026-01-09"),
                work("2026-01-10", "2026-01-12"),
                sick("2026-01-13", "2026-02-10"),
                work("2026-02-11", "2026-03-01"),
                sick("2026-03-02", "2026-03-03"),
            ]
        )
    )
    result = employer_periods(blocks)
    o = lambda text: d(text).toordinal()  # noqa: E731
    assert result.periods == [
        EmployerPeriodSpan(o("2026-01-05"), o("2026-01-23"), 0),
        EmployerPeriodSpan(o("2026-03-02"), None, 2),
    ]
    assert result.ep_days == [5, 11, 2]
    assert result.counted == [5, 16, 2]
