"""The Norwegian public-holiday calendar and working days; no database."""

from datetime import date

import pytest

from hr.holidays import easter_sunday, is_public_holiday, is_working_day, public_holidays, working_days


@pytest.mark.parametrize(
    "year, easter",
    [
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter_sunday_matches_the_almanac(year, easter):
    assert easter_sunday(year) == easter


def test_the_holidays_of_2025():
    assert list(public_holidays(2025)) == [
        date(2025, 1, 1),
        date(2025, 4, 17),
        date(2025, 4, 18),
        date(2025, 4, 20),
        date(2025, 4, 21),
        date(2025, 5, 1),
        date(2025, 5, 17),
        date(2025, 5, 29),
        date(2025, 6, 8),
        date(2025, 6, 9),
        date(2025, 12, 25),
        date(2025, 12, 26),
    ]
    assert public_holidays(2025)[date(2025, 5, 29)] == ("Kristi himmelfartsdag", "Ascension Day")


def test_whit_monday_on_constitution_day_counts_once():
    # 2027: Easter 28 March, so Whit Monday is 17 May.
    assert date(2027, 5, 17) in public_holidays(2027)
    assert len(public_holidays(2027)) == 11


def test_weekends_and_holidays_are_not_working_days():
    assert is_public_holiday(date(2026, 4, 2))  # Maundy Thursday
    assert not is_working_day(date(2026, 4, 2))
    assert not is_working_day(date(2026, 3, 7))  # Saturday
    assert is_working_day(date(2026, 3, 9))
    assert not is_public_holiday(date(2026, 12, 24))  # Christmas Eve is not a public holiday


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (date(2025, 1, 1), date(2025, 1, 31), 22),  # 23 weekdays, New Year's Day on a Wednesday
        (date(2025, 4, 1), date(2025, 4, 30), 19),  # Easter: Thursday, Friday and Monday off
        (date(2024, 2, 1), date(2024, 2, 29), 21),  # leap year: 29 February is a Thursday
        (date(2025, 5, 1), date(2025, 5, 31), 20),  # 22 weekdays; 1 May and Ascension (Thu) off, 17 May a Saturday
        (date(2025, 1, 1), date(2025, 12, 31), 252),  # 261 weekdays, 9 holidays on weekdays
        (date(2026, 3, 9), date(2026, 3, 9), 1),
        (date(2026, 3, 7), date(2026, 3, 8), 0),
        (date(2026, 3, 9), date(2026, 3, 8), 0),
        (date(2025, 12, 22), date(2026, 1, 4), 7),  # across the new year: 25, 26 Dec and 1 Jan off
    ],
)
def test_working_days(start, end, expected):
    assert working_days(start, end) == expected


def test_working_days_agree_with_counting_day_by_day():
    from datetime import timedelta

    start = date(2023, 12, 1)
    for length in range(0, 800, 37):
        end = start + timedelta(days=length)
        by_day = sum(is_working_day(start + timedelta(days=i)) for i in range(length + 1))
        assert working_days(start, end) == by_day
