"""Day classification (R-IN3, R1, R5) and sick blocks."""

from datetime import date

from deadlines import DayClass
from deadlines.days import Run, SickBlock, SickDays, resolve_runs, sick_blocks

from .helpers import d, holiday, period, sick, work

S, H, W, U = DayClass.SICK, DayClass.HOLIDAY, DayClass.WORK, DayClass.UNCOVERED


def o(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def runs(*periods) -> list[tuple[str, str, DayClass, int]]:
    return [
        (date.fromordinal(r.start).isoformat(), date.fromordinal(r.end).isoformat(), r.day_class, r.grade)
        for r in resolve_runs(periods)
    ]


def test_no_periods_no_runs() -> None:
    assert resolve_runs([]) == []


def test_each_kind_gives_its_day_class() -> None:
    # Table of section 1 and R5.
    cases = {
        ("sick", 100): (S, 100),
        ("sick", 40): (S, 40),
        ("sick", 0): (W, 0),
        ("egenmelding", 100): (S, 100),
        ("holiday", 100): (H, 0),
        ("leave", 100): (H, 0),
        ("work", 100): (W, 0),
        ("travel_grant", 100): (W, 0),
        ("treatment_days", 100): (W, 0),
        ("pending", 100): (U, 0),
    }
    for (kind, grade), (cls, cls_grade) in cases.items():
        assert runs(period(kind, "2026-01-05", "2026-01-06", grade)) == [
            ("2026-01-05", "2026-01-06", cls, cls_grade)
        ], kind


def test_uncovered_days_between_periods_form_a_run() -> None:
    assert runs(sick("2026-01-05", "2026-01-09"), sick("2026-01-12", "2026-01-13")) == [
        ("2026-01-05", "2026-01-09", S, 100),
        ("2026-01-10", "2026-01-11", U, 0),
        ("2026-01-12", "2026-01-13", S, 100),
    ]


def test_adjacent_periods_of_the_same_class_and_grade_merge() -> None:
    assert runs(period("egenmelding", "2026-01-05", "2026-01-07"), sick("2026-01-08", "2026-01-20")) == [
        ("2026-01-05", "2026-01-20", S, 100)
    ]
    assert runs(sick("2026-01-05", "2026-01-07"), sick("2026-01-08", "2026-01-20", 50)) == [
        ("2026-01-05", "2026-01-07", S, 100),
        ("2026-01-08", "2026-01-20", S, 50),
    ]


def test_higher_priority_decides_an_overlap() -> None:
    # R-IN3: holiday = leave > work > sick = egenmelding > travel_grant = treatment_days > pending.
    assert runs(sick("2026-01-05", "2026-01-20"), holiday("2026-01-10", "2026-01-12")) == [
        ("2026-01-05", "2026-01-09", S, 100),
        ("2026-01-10", "2026-01-12", H, 0),
        ("2026-01-13", "2026-01-20", S, 100),
    ]
    assert runs(work("2026-01-05", "2026-01-20"), sick("2026-01-10", "2026-01-12")) == [
        ("2026-01-05", "2026-01-20", W, 0)
    ]
    assert runs(period("treatment_days", "2026-01-05", "2026-01-20"), sick("2026-01-10", "2026-01-10")) == [
        ("2026-01-05", "2026-01-09", W, 0),
        ("2026-01-10", "2026-01-10", S, 100),
        ("2026-01-11", "2026-01-20", W, 0),
    ]
    assert runs(period("pending", "2026-01-05", "2026-01-08"), period("travel_grant", "2026-01-07", "2026-01-08")) == [
        ("2026-01-05", "2026-01-06", U, 0),
        ("2026-01-07", "2026-01-08", W, 0),
    ]


def test_partly_overlapping_periods_and_a_hole_between_them() -> None:
    # R-IN3: the holiday starts inside the sick note and ends after it; one day of overlap
    # is enough; a day no period covers between overlapping periods is uncovered, grade 0.
    assert runs(sick("2026-01-05", "2026-01-15"), holiday("2026-01-10", "2026-01-20")) == [
        ("2026-01-05", "2026-01-09", S, 100),
        ("2026-01-10", "2026-01-20", H, 0),
    ]
    assert runs(sick("2026-01-05", "2026-01-10"), holiday("2026-01-10", "2026-01-15")) == [
        ("2026-01-05", "2026-01-09", S, 100),
        ("2026-01-10", "2026-01-15", H, 0),
    ]
    assert runs(
        sick("2026-01-05", "2026-01-10"), holiday("2026-01-08", "2026-01-09"), sick("2026-01-13", "2026-01-14")
    ) == [
        ("2026-01-05", "2026-01-07", S, 100),
        ("2026-01-08", "2026-01-09", H, 0),
        ("2026-01-10", "2026-01-10", S, 100),
        ("2026-01-11", "2026-01-12", U, 0),
        ("2026-01-13", "2026-01-14", S, 100),
    ]
    assert (
        resolve_runs(
            [sick("2026-01-05", "2026-01-10"), holiday("2026-01-08", "2026-01-09"), sick("2026-01-13", "2026-01-14")]
        )[3].grade
        == 0
    )


def test_between_equal_priorities_the_later_period_in_the_list_wins() -> None:
    first = sick("2026-01-05", "2026-01-20", 100)
    second = sick("2026-01-10", "2026-01-12", 50)
    assert runs(first, second)[1] == ("2026-01-10", "2026-01-12", S, 50)
    assert runs(second, first) == [("2026-01-05", "2026-01-20", S, 100)]
    assert runs(sick("2026-01-05", "2026-01-20", 0), period("egenmelding", "2026-01-05", "2026-01-20")) == [
        ("2026-01-05", "2026-01-20", S, 100)
    ]
    assert runs(holiday("2026-01-05", "2026-01-20"), period("leave", "2026-01-05", "2026-01-20")) == [
        ("2026-01-05", "2026-01-20", H, 0)
    ]


def test_sick_blocks_describe_the_gap_before_and_the_holiday_after() -> None:
    blocks = sick_blocks(
        resolve_runs(
            [
                holiday("2026-01-01", "2026-01-04"),  # R3: before the first sick day, ignored
                sick("2026-01-05", "2026-01-09"),
                sick("2026-01-10", "2026-01-11", 50),
                holiday("2026-01-12", "2026-01-14"),
                sick("2026-01-15", "2026-01-16"),
                # Sat 01-17 and Sun 01-18 uncovered: weekend only, no work day (R10)
                sick("2026-01-19", "2026-01-20"),
                work("2026-01-21", "2026-01-21"),
                holiday("2026-01-22", "2026-01-23"),
                sick("2026-01-24", "2026-01-24"),
                holiday("2026-01-25", "2026-01-26"),
            ]
        )
    )
    assert blocks == [
        SickBlock(o("2026-01-05"), o("2026-01-11"), None, False, 3),
        SickBlock(o("2026-01-15"), o("2026-01-16"), 3, False, 0),
        SickBlock(o("2026-01-19"), o("2026-01-20"), 2, False, 0),
        SickBlock(o("2026-01-24"), o("2026-01-24"), 3, True, 2, o("2026-01-21")),
    ]


def test_an_uncovered_weekday_is_work_in_the_gap() -> None:
    # Fri 01-09 sick, Sat–Mon uncovered, Tue sick.
    blocks = sick_blocks(resolve_runs([sick("2026-01-05", "2026-01-09"), sick("2026-01-13", "2026-01-14")]))
    assert blocks[1].work_in_gap


def test_an_uncovered_weekend_alone_is_not_work_in_the_gap() -> None:
    # R10, A5: Sat–Sun uncovered between two sick weeks is parked, Sun–Mon is not.
    weekend = sick_blocks(resolve_runs([sick("2026-01-05", "2026-01-09"), sick("2026-01-12", "2026-01-14")]))
    assert not weekend[1].work_in_gap and weekend[1].renewing_before is None
    monday = sick_blocks(resolve_runs([sick("2026-01-05", "2026-01-10"), sick("2026-01-13", "2026-01-14")]))
    assert monday[1].work_in_gap and monday[1].renewing_before == d("2026-01-12").toordinal()


def test_sick_day_lookups() -> None:
    lookups = SickDays(
        resolve_runs(
            [sick("2026-01-05", "2026-01-09", 60), work("2026-01-10", "2026-01-12"), sick("2026-01-13", "2026-01-14")]
        )
    )
    assert lookups.grade_on(o("2026-01-06")) == 60
    assert lookups.grade_on(o("2026-01-11")) is None
    assert lookups.grade_on(o("2026-01-14")) == 100
    assert lookups.latest_grade(o("2026-01-11")) == 60  # R19: the latest sick day on or before
    assert lookups.latest_grade(o("2026-01-20")) == 100
    assert lookups.latest_grade(o("2026-01-04")) is None


def test_runs_are_typed_tuples() -> None:
    (run,) = resolve_runs([sick("2026-01-05", "2026-01-06")])
    assert run == Run(o("2026-01-05"), o("2026-01-06"), S, 100)
