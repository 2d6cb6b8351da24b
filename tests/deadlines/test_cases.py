"""Follow-up cases: joining, closing, holiday (R2–R4)."""

from deadlines.cases import CaseSpan, build_cases
from deadlines.days import resolve_runs, sick_blocks

from .helpers import d, holiday, period, sick, timeline, work


def spans(*periods) -> list[tuple[str, str, int]]:
    return [(c.start.isoformat(), c.end.isoformat(), c.sick_days) for c in timeline(*periods).cases]


def test_no_sick_day_no_case() -> None:
    assert spans() == []
    assert (
        spans(
            work("2026-01-05", "2026-01-31"),
            period("travel_grant", "2026-02-01", "2026-02-10"),
            sick("2026-02-11", "2026-02-20", 0),
            holiday("2026-03-01", "2026-03-10"),
        )
        == []
    )


def test_15_work_days_join_and_16_close_the_case() -> None:
    assert spans(
        sick("2026-03-02", "2026-03-06"), work("2026-03-07", "2026-03-21"), sick("2026-03-22", "2026-03-23")
    ) == [("2026-03-02", "2026-03-23", 7)]
    assert spans(
        sick("2026-03-02", "2026-03-06"), work("2026-03-07", "2026-03-22"), sick("2026-03-23", "2026-03-24")
    ) == [("2026-03-02", "2026-03-06", 5), ("2026-03-23", "2026-03-24", 2)]


def test_holiday_straight_after_sickness_extends_the_case() -> None:
    # R3: counts as sick days; the gap is counted only after it.
    assert spans(
        sick("2026-06-01", "2026-06-14"),
        period("leave", "2026-06-15", "2026-06-30"),
        holiday("2026-07-01", "2026-07-05"),
        work("2026-07-06", "2026-07-20"),
        sick("2026-07-21", "2026-07-21"),
    ) == [("2026-06-01", "2026-07-21", 36)]


def test_holiday_after_a_work_day_counts_toward_the_gap() -> None:
    assert spans(
        sick("2026-06-01", "2026-06-14"),
        work("2026-06-15", "2026-06-15"),
        holiday("2026-06-16", "2026-06-30"),
        sick("2026-07-01", "2026-07-02"),
    ) == [("2026-06-01", "2026-06-14", 14), ("2026-07-01", "2026-07-02", 2)]


def test_an_uncovered_weekend_ends_the_attachment_of_holiday() -> None:
    # A5: uncovered weekend days are gap days for the case, so holiday after them is too.
    assert spans(
        sick("2026-01-05", "2026-01-09"), holiday("2026-01-12", "2026-01-25"), sick("2026-01-26", "2026-01-27")
    ) == [("2026-01-05", "2026-01-09", 5), ("2026-01-26", "2026-01-27", 2)]


def test_holiday_before_the_first_sick_day_is_ignored() -> None:
    assert spans(holiday("2026-01-01", "2026-01-04"), sick("2026-01-05", "2026-01-06")) == [
        ("2026-01-05", "2026-01-06", 2)
    ]


def test_work_days_inside_a_case_do_not_count_as_sick_days() -> None:
    assert spans(
        sick("2026-01-05", "2026-01-09"), work("2026-01-10", "2026-01-20"), sick("2026-01-21", "2026-01-22", 50)
    ) == [("2026-01-05", "2026-01-22", 7)]


def test_a_case_is_open_until_16_days_after_its_end() -> None:
    # R4: open while today <= end + 16.
    p = sick("2026-01-05", "2026-03-31")
    assert timeline(p, today="2026-04-16").cases[0].open is True
    assert timeline(p, today="2026-04-17").cases[0].open is False
    assert timeline(p, today="2026-01-01").cases[0].open is True
    assert timeline(p).cases[0].open is None


def test_build_cases_reports_block_indices() -> None:
    blocks = sick_blocks(
        resolve_runs(
            [
                sick("2026-01-05", "2026-01-09"),
                sick("2026-01-12", "2026-01-13"),
                work("2026-01-14", "2026-02-10"),
                sick("2026-02-11", "2026-02-11"),
            ]
        )
    )
    assert build_cases(blocks) == [
        CaseSpan(d("2026-01-05").toordinal(), d("2026-01-13").toordinal(), 7, 0, 1),
        CaseSpan(d("2026-02-11").toordinal(), d("2026-02-11").toordinal(), 1, 2, 2),
    ]
    assert build_cases([]) == []
