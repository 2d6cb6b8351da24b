"""Calendar arithmetic on day ordinals."""

from datetime import date, timedelta

import pytest

from deadlines.codes import DeadlineError, ErrorCode
from deadlines.dates import (
    add_months,
    add_years,
    check_supported,
    first_weekday,
    is_weekend,
    last_weekday,
    nth_weekday,
    weekdays_between,
)

MONDAY = date(2026, 1, 5).toordinal()


def brute_weekdays(first: int, last: int) -> int:
    return sum(1 for o in range(first, last + 1) if date.fromordinal(o).weekday() < 5)


def test_is_weekend_matches_the_calendar() -> None:
    for o in range(MONDAY - 10, MONDAY + 30):
        assert is_weekend(o) == (date.fromordinal(o).weekday() >= 5)


@pytest.mark.parametrize("first_offset", range(7))
def test_weekdays_between_matches_counting_day_by_day(first_offset: int) -> None:
    first = MONDAY + first_offset
    for length in range(0, 40):
        assert weekdays_between(first, first + length - 1) == brute_weekdays(first, first + length - 1)


def test_weekdays_between_an_empty_range_is_zero() -> None:
    assert weekdays_between(MONDAY + 5, MONDAY + 4) == 0


@pytest.mark.parametrize("first_offset", range(7))
def test_nth_weekday_is_the_inverse_of_counting(first_offset: int) -> None:
    first = MONDAY + first_offset
    for n in range(1, 30):
        day = nth_weekday(first, n)
        assert not is_weekend(day)
        assert brute_weekdays(first, day) == n


def test_first_and_last_weekday() -> None:
    saturday, sunday = MONDAY + 5, MONDAY + 6
    assert first_weekday(saturday) == first_weekday(sunday) == MONDAY + 7
    assert first_weekday(MONDAY + 2) == MONDAY + 2
    assert last_weekday(saturday) == last_weekday(sunday) == MONDAY + 4
    assert last_weekday(MONDAY + 3) == MONDAY + 3


def test_248_weekdays_from_wednesday_2026_01_21_end_on_friday_2027_01_01() -> None:
    # EX1: NAV days from Wed 2026-01-21; New Year's Day on a weekday counts (R0.6).
    assert date.fromordinal(nth_weekday(date(2026, 1, 21).toordinal(), 248)) == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 1), 2, date(2026, 3, 1)),
        (date(2025, 12, 31), 2, date(2026, 2, 28)),  # R12: a missing day becomes the month's last
        (date(2027, 12, 31), 2, date(2028, 2, 29)),
        (date(2026, 10, 31), 2, date(2026, 12, 31)),
        (date(2026, 11, 30), 2, date(2027, 1, 30)),
        (date(2027, 2, 1), -12, date(2026, 2, 1)),
        (date(2028, 2, 29), -12, date(2027, 2, 28)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_add_years_moves_29_february_to_28_february() -> None:
    assert add_years(date(1960, 2, 29), 67) == date(2027, 2, 28)
    assert add_years(date(1960, 2, 28), 67) == date(2027, 2, 28)
    assert add_years(date(1964, 2, 29), 64) == date(2028, 2, 29)


def test_check_supported_rejects_dates_outside_the_range() -> None:
    check_supported(date(2026, 1, 1), "x", ErrorCode.INVALID_PERIOD)
    with pytest.raises(DeadlineError) as error:
        check_supported(date(1899, 12, 31), "periods[0].from", ErrorCode.INVALID_PERIOD)
    assert error.value.code is ErrorCode.INVALID_PERIOD
    assert error.value.field == "periods[0].from"
    with pytest.raises(DeadlineError):
        check_supported(date(2999, 12, 31) + timedelta(days=1), "x", ErrorCode.INVALID_INPUT)
