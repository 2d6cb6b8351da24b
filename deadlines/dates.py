"""Calendar arithmetic on day ordinals (`date.toordinal()`), without per-day loops.

Ordinal 1 is Monday 0001-01-01, so `(o - 1) % 7` is the weekday (0 = Monday).
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from deadlines.codes import DeadlineError, ErrorCode

# Every input date must lie in this range, so that all computed dates (max date
# estimates, DM2 − 7, ± 12 months) stay inside Python's date range.
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2999, 12, 31)


def is_weekend(o: int) -> bool:
    """Return whether ordinal `o` is a Saturday or Sunday."""
    return (o - 1) % 7 >= 5


def _weekdays_before(o: int) -> int:
    """Number of Monday–Friday days with ordinal below `o`."""
    weeks, rest = divmod(o - 1, 7)
    return 5 * weeks + min(rest, 5)


def weekdays_between(first: int, last: int) -> int:
    """Number of Monday–Friday days in `[first, last]` (R0.6: holidays on weekdays count)."""
    if last < first:
        return 0
    return _weekdays_before(last + 1) - _weekdays_before(first)


def nth_weekday(first: int, n: int) -> int:
    """Ordinal of the `n`-th (1-based) Monday–Friday day on or after `first`."""
    weeks, rest = divmod(_weekdays_before(first) + n - 1, 5)
    return 1 + 7 * weeks + rest


def first_weekday(first: int) -> int:
    """Ordinal of the first Monday–Friday day on or after `first`."""
    return nth_weekday(first, 1)


def last_weekday(last: int) -> int:
    """Ordinal of the last Monday–Friday day on or before `last`."""
    return last - max(0, (last - 1) % 7 - 4)


def add_months(day: date, months: int) -> date:
    """Return `day` moved by whole calendar months; a missing day becomes the month's last (R12)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def add_years(day: date, years: int) -> date:
    """Return `day` moved by whole years; 29 February becomes 28 February (as R12)."""
    return add_months(day, 12 * years)


def check_supported(day: date, field: str, code: ErrorCode) -> None:
    """Reject a date outside MIN_DATE..MAX_DATE with `code`, naming `field`."""
    if not MIN_DATE <= day <= MAX_DATE:
        raise DeadlineError(
            code,
            f"date {day.isoformat()} is outside the supported range {MIN_DATE.isoformat()}..{MAX_DATE.isoformat()}",
            field,
        )
