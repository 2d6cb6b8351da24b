"""Norwegian public holidays (offentlige høytidsdager) and working days. Pure Python, no Django.

The sick-leave rate counts agreed working days the way Statistics Norway (SSB)
does: Monday to Friday, except public holidays. The holidays are those of the
lov om 1. og 17. mai som høgtidsdager and the helligdagsfredloven: fixed dates,
and the Christian holidays that move with Easter. Easter Sunday, Whit Sunday
and Sundays in general fall on a weekend and so never change the count.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from functools import lru_cache

# (month, day, nb, en)
FIXED = [
    (1, 1, "Første nyttårsdag", "New Year's Day"),
    (5, 1, "Offentlig høytidsdag", "Labour Day"),
    (5, 17, "Grunnlovsdag", "Constitution Day"),
    (12, 25, "Første juledag", "Christmas Day"),
    (12, 26, "Andre juledag", "Boxing Day"),
]
# (days from Easter Sunday, nb, en)
EASTER_BASED = [
    (-3, "Skjærtorsdag", "Maundy Thursday"),
    (-2, "Langfredag", "Good Friday"),
    (0, "Første påskedag", "Easter Sunday"),
    (1, "Andre påskedag", "Easter Monday"),
    (39, "Kristi himmelfartsdag", "Ascension Day"),
    (49, "Første pinsedag", "Whit Sunday"),
    (50, "Andre pinsedag", "Whit Monday"),
]


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=256)
def public_holidays(year: int) -> dict[date, tuple[str, str]]:
    """The public holidays of a year: date -> (nb name, en name)."""
    holidays = {date(year, month, day): (nb, en) for month, day, nb, en in FIXED}
    easter = easter_sunday(year)
    for offset, nb, en in EASTER_BASED:
        holidays[easter + timedelta(days=offset)] = (nb, en)
    return dict(sorted(holidays.items()))


def is_public_holiday(day: date) -> bool:
    return day in public_holidays(day.year)


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a public holiday."""
    return day.weekday() < 5 and not is_public_holiday(day)


def _weekdays(start: date, end: date) -> int:
    """Mondays to Fridays from start to end, both included (0 if end is before start)."""
    if end < start:
        return 0
    days = (end - start).days + 1
    weeks, rest = divmod(days, 7)
    first = start.weekday()
    return weeks * 5 + sum(1 for i in range(rest) if (first + i) % 7 < 5)


@lru_cache(maxsize=64)
def _weekday_holidays(first_year: int, last_year: int) -> list[date]:
    return sorted(d for year in range(first_year, last_year + 1) for d in public_holidays(year) if d.weekday() < 5)


@lru_cache(maxsize=65536)
def working_days(start: date, end: date) -> int:
    """Working days from start to end, both included: weekdays that are not public holidays."""
    if end < start:
        return 0
    holidays = _weekday_holidays(start.year, end.year)
    return _weekdays(start, end) - (bisect_right(holidays, end) - bisect_left(holidays, start))
