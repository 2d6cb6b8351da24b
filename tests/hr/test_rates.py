"""The sick-leave rate on hand-computed examples; no database.

Working days are counted by hand from the calendar: Monday to Friday, minus
Norwegian public holidays.
"""

from datetime import date

import pytest

from hr.rates import (
    Absence,
    Employment,
    Figures,
    agreed_days,
    case_is_long,
    employee_figures,
    merge,
    months,
    runs_beyond_eight_weeks,
    sick_leave_rate,
)

FULL_TIME_SINCE_2020 = Employment(date(2020, 1, 1), None, 100)


def test_full_sick_leave_one_week_in_january():
    # January 2025: 23 weekdays, 1 January (Wednesday) off: 22 agreed days. Sick Mon 6 – Fri 10 January: 5 days.
    result = employee_figures(
        FULL_TIME_SINCE_2020,
        date(2025, 1, 1),
        date(2025, 1, 31),
        absences=[Absence(date(2025, 1, 6), date(2025, 1, 10))],
    )
    assert result.agreed == 22
    assert result.lost == 5
    assert result.rate == pytest.approx(22.727, abs=0.001)


def test_graded_sick_leave_in_a_part_time_position():
    # March 2025: 21 working days. 80 % position: 16.8 agreed days.
    # 50 % sick Mon 3 – Fri 14 March: 10 days × 0.5 × 0.8 = 4 lost days; 4 / 16.8 = 23.81 %.
    employment = Employment(date(2020, 1, 1), None, 80)
    result = employee_figures(
        employment,
        date(2025, 3, 1),
        date(2025, 3, 31),
        absences=[Absence(date(2025, 3, 3), date(2025, 3, 14), grade=50)],
    )
    assert result.agreed == pytest.approx(16.8)
    assert result.lost == pytest.approx(4.0)
    assert result.rate == pytest.approx(23.810, abs=0.001)


def test_a_sick_note_across_a_month_boundary_counts_in_each_month():
    # Sick Mon 27 January – Fri 7 February 2025 (100 %).
    absence = [Absence(date(2025, 1, 27), date(2025, 2, 7), long=False)]
    january = employee_figures(FULL_TIME_SINCE_2020, date(2025, 1, 1), date(2025, 1, 31), absences=absence)
    february = employee_figures(FULL_TIME_SINCE_2020, date(2025, 2, 1), date(2025, 2, 28), absences=absence)
    assert (january.agreed, january.lost) == (22, 5)  # 27–31 January
    assert (february.agreed, february.lost) == (20, 5)  # 3–7 February; February 2025 has 20 weekdays
    both = january + february
    assert both.rate == pytest.approx(10 / 42 * 100)
    whole = employee_figures(FULL_TIME_SINCE_2020, date(2025, 1, 1), date(2025, 2, 28), absences=absence)
    assert whole == both


def test_leap_day_is_a_working_day():
    # February 2024: 29 days, 21 weekdays. Self-certified Thu 29 February – Fri 1 March, 60 % position.
    employment = Employment(date(2020, 1, 1), None, 60)
    absence = [Absence(date(2024, 2, 29), date(2024, 3, 1), self_certified=True)]
    february = employee_figures(employment, date(2024, 2, 1), date(2024, 2, 29), absences=absence)
    assert february.agreed == pytest.approx(21 * 0.6)
    assert february.lost_self == pytest.approx(0.6)
    assert february.lost_doctor == 0
    assert february.rate == pytest.approx(1 / 21 * 100)


def test_easter_days_are_neither_agreed_nor_lost():
    # April 2025: 22 weekdays minus 17, 18 and 21 April: 19. Sick 14–25 April: 14, 15, 16, 22, 23, 24, 25 = 7.
    result = employee_figures(
        FULL_TIME_SINCE_2020,
        date(2025, 4, 1),
        date(2025, 4, 30),
        absences=[Absence(date(2025, 4, 14), date(2025, 4, 25))],
    )
    assert (result.agreed, result.lost) == (19, 7)


def test_registered_holiday_wins_over_the_sick_note():
    # Sick 3–14 March 2025, holiday 10–14 March: 21 − 5 = 16 agreed days, 5 lost.
    result = employee_figures(
        FULL_TIME_SINCE_2020,
        date(2025, 3, 1),
        date(2025, 3, 31),
        absences=[Absence(date(2025, 3, 3), date(2025, 3, 14))],
        time_off=[(date(2025, 3, 10), date(2025, 3, 14))],
    )
    assert (result.agreed, result.lost) == (16, 5)


def test_only_days_of_the_employment_count():
    # Employed from Mon 17 March 2025: 17–31 March has 11 working days.
    employment = Employment(date(2025, 3, 17), None, 100)
    result = employee_figures(
        employment, date(2025, 3, 1), date(2025, 3, 31), absences=[Absence(date(2025, 3, 24), date(2025, 4, 4))]
    )
    assert (result.agreed, result.lost) == (11, 6)  # 24–31 March
    ended = Employment(date(2020, 1, 1), date(2025, 2, 28), 100)
    assert employee_figures(ended, date(2025, 3, 1), date(2025, 3, 31)) == Figures()


def test_full_activity_on_a_sick_note_loses_nothing():
    result = employee_figures(
        FULL_TIME_SINCE_2020,
        date(2025, 3, 1),
        date(2025, 3, 31),
        absences=[Absence(date(2025, 3, 3), date(2025, 3, 14), grade=0)],
    )
    assert result.lost == 0


def test_splits_add_up_to_the_rate():
    # Self-certified Mon–Wed 3–5 March (short case), then a sick note 10–21 March at 100 % in a long case.
    result = employee_figures(
        FULL_TIME_SINCE_2020,
        date(2025, 3, 1),
        date(2025, 3, 31),
        absences=[
            Absence(date(2025, 3, 3), date(2025, 3, 5), self_certified=True, long=False),
            Absence(date(2025, 3, 10), date(2025, 3, 21), long=True),
        ],
    )
    assert (result.lost_self, result.lost_doctor, result.lost_short, result.lost_long) == (3, 10, 3, 10)
    assert result.rate_of("self") + result.rate_of("doctor") == pytest.approx(result.rate)
    assert result.rate_of("short") + result.rate_of("long") == pytest.approx(13 / 21 * 100)


def test_a_group_adds_days_before_dividing():
    # A: full time, no absence (21 days). B: 50 % position, sick 3–14 March (10 days × 0.5 = 5 lost).
    # 5 / (21 + 10.5) = 15.87 %, not the average of 0 % and 47.6 %.
    a = employee_figures(FULL_TIME_SINCE_2020, date(2025, 3, 1), date(2025, 3, 31))
    b = employee_figures(
        Employment(date(2020, 1, 1), None, 50),
        date(2025, 3, 1),
        date(2025, 3, 31),
        absences=[Absence(date(2025, 3, 3), date(2025, 3, 14))],
    )
    group = Figures()
    group.add(a)
    group.add(b)
    assert group.agreed == 31.5
    assert group.rate == pytest.approx(15.873, abs=0.001)
    assert agreed_days(150, date(2025, 3, 1), date(2025, 3, 31)) == 31.5


def test_no_agreed_days_gives_no_rate():
    assert sick_leave_rate(0, 0) is None
    assert Figures().rate is None


def test_months_are_clipped_to_the_last_day():
    assert months(date(2024, 11, 15), date(2025, 2, 10)) == [
        (date(2024, 11, 1), date(2024, 11, 30)),
        (date(2024, 12, 1), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 1, 31)),
        (date(2025, 2, 1), date(2025, 2, 10)),
    ]
    assert months(date(2024, 2, 1), date(2024, 2, 29)) == [(date(2024, 2, 1), date(2024, 2, 29))]


def test_merge_joins_touching_and_overlapping_intervals():
    assert merge(
        [
            (date(2025, 3, 10), date(2025, 3, 12)),
            (date(2025, 3, 1), date(2025, 3, 9)),
            (date(2025, 3, 11), date(2025, 3, 20)),
            (date(2025, 4, 1), date(2025, 4, 1)),
        ]
    ) == [(date(2025, 3, 1), date(2025, 3, 20)), (date(2025, 4, 1), date(2025, 4, 1))]


def test_short_is_at_most_sixteen_days_and_eight_weeks_is_day_57():
    assert not case_is_long(date(2025, 3, 1), date(2025, 3, 16))
    assert case_is_long(date(2025, 3, 1), date(2025, 3, 17))
    start = date(2025, 1, 1)  # day 57 is 26 February
    assert runs_beyond_eight_weeks(start, date(2025, 2, 26), date(2025, 2, 1), date(2025, 2, 28))
    assert not runs_beyond_eight_weeks(start, date(2025, 2, 25), date(2025, 2, 1), date(2025, 2, 28))
    assert not runs_beyond_eight_weeks(start, date(2025, 6, 1), date(2025, 1, 1), date(2025, 1, 31))
