"""The sick-leave rate (sykefraværsprosent) as Statistics Norway (SSB) and NAV define it. Pure Python, no Django.

    rate = lost agreed working days (tapte dagsverk) / agreed working days (avtalte dagsverk) × 100

- An agreed working day is a working day (Monday–Friday, not a public holiday:
  hr/holidays.py) on which the person is employed, weighted by the position
  percentage: a day at 80 % is 0.8 agreed days. Days of registered holiday
  (ferie) or leave (permisjon) are not agreed days: the person was not meant to
  work them.
- A lost working day is an agreed working day covered by a sick note or a
  self-certification, weighted by the sick-leave grade and the position
  percentage: a day 50 % sick in an 80 % position is 0.4 lost days. Holiday or
  leave on the same day wins (R-IN3), so the day is neither agreed nor lost.
- Self-certified days come from self-certifications (egenmelding),
  doctor-certified days from sick notes (sykmelding). Short absence belongs to
  a case of at most 16 calendar days (the employer period), long absence to a
  longer case.

Only days up to the end of the window count: the caller clips the window at
today, so future days of a running sick note are not counted yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from hr.holidays import working_days

# A case of at most this many calendar days is short-term absence (the employer period).
SHORT_CASE_DAYS = 16
# Cases running longer than this are counted separately ("longer than 8 weeks").
LONG_CASE_DAYS = 8 * 7

Interval = tuple[date, date]


@dataclass(frozen=True)
class Employment:
    """One employment: first and last day (None: still employed) and the position percentage (1–100)."""

    start: date
    end: date | None
    percentage: float


@dataclass(frozen=True)
class Absence:
    """Sick days from start to end (both included) at a grade (0–100 %)."""

    start: date
    end: date
    grade: int = 100
    self_certified: bool = False
    long: bool = False  # the case it belongs to is longer than 16 days


@dataclass
class Figures:
    """Agreed and lost working days of a group and a period; they add up."""

    agreed: float = 0.0
    lost_self: float = 0.0
    lost_doctor: float = 0.0
    lost_short: float = 0.0
    lost_long: float = 0.0

    @property
    def lost(self) -> float:
        return self.lost_self + self.lost_doctor

    @property
    def rate(self) -> float | None:
        return sick_leave_rate(self.lost, self.agreed)

    def rate_of(self, part: str) -> float | None:
        """The rate of one part: "self", "doctor", "short" or "long"; the parts of a split add up to `rate`."""
        return sick_leave_rate(getattr(self, f"lost_{part}"), self.agreed)

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.agreed + other.agreed,
            self.lost_self + other.lost_self,
            self.lost_doctor + other.lost_doctor,
            self.lost_short + other.lost_short,
            self.lost_long + other.lost_long,
        )

    def add(self, other: Figures) -> None:
        self.agreed += other.agreed
        self.lost_self += other.lost_self
        self.lost_doctor += other.lost_doctor
        self.lost_short += other.lost_short
        self.lost_long += other.lost_long


def sick_leave_rate(lost: float, agreed: float) -> float | None:
    """Lost / agreed working days in per cent; None when no day was agreed."""
    if agreed <= 0:
        return None
    return lost / agreed * 100


def agreed_days(percentage: float, start: date, end: date) -> float:
    """Agreed working days of a position percentage (or a sum of them) from start to end."""
    return working_days(start, end) * percentage / 100


def lost_days(start: date, end: date, *, grade: int, percentage: float) -> float:
    """Lost working days of sick days from start to end with no holiday or leave among them."""
    return working_days(start, end) * percentage / 100 * grade / 100


def _clip(interval: Interval, start: date, end: date) -> Interval | None:
    first, last = max(interval[0], start), min(interval[1], end)
    return (first, last) if first <= last else None


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, non-overlapping intervals covering the same days."""
    merged: list[Interval] = []
    for first, last in sorted(intervals):
        if merged and first <= merged[-1][1] + timedelta(days=1):
            if last > merged[-1][1]:
                merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return merged


def _working_days_outside(first: date, last: date, time_off: Sequence[Interval]) -> int:
    """Working days from first to last that are not inside the (merged) time-off intervals."""
    days = working_days(first, last)
    for off in time_off:
        part = _clip(off, first, last)
        if part is not None:
            days -= working_days(*part)
    return days


def employee_figures(
    employment: Employment,
    start: date,
    end: date,
    *,
    absences: Sequence[Absence] = (),
    time_off: Iterable[Interval] = (),
) -> Figures:
    """One employee's agreed and lost working days from start to end (both included)."""
    employed = _clip((employment.start, employment.end or end), start, end)
    if employed is None:
        return Figures()
    result = absence_figures(employment, start, end, absences=absences, time_off=time_off)
    result.agreed += agreed_days(employment.percentage, *employed)
    return result


def absence_figures(
    employment: Employment,
    start: date,
    end: date,
    *,
    absences: Sequence[Absence] = (),
    time_off: Iterable[Interval] = (),
) -> Figures:
    """What absence changes in one employee's figures from start to end.

    The lost days, and, as negative agreed days, the working days of holiday and
    leave. Added to `agreed_days` of the employment it gives `employee_figures`;
    the statistics sum `agreed_days` in the database and add this only for the
    employees who were absent.
    """
    employed = _clip((employment.start, employment.end or end), start, end)
    if employed is None:
        return Figures()
    off = merge(time_off)
    weight = employment.percentage / 100
    result = Figures(agreed=-sum(working_days(*part) for part in (_clip(o, *employed) for o in off) if part) * weight)
    for absence in absences:
        sick = _clip((absence.start, absence.end), *employed)
        if sick is None or absence.grade <= 0:
            continue
        lost = _working_days_outside(*sick, off) * weight * absence.grade / 100
        if absence.self_certified:
            result.lost_self += lost
        else:
            result.lost_doctor += lost
        if absence.long:
            result.lost_long += lost
        else:
            result.lost_short += lost
    return result


def months(first: date, last: date) -> list[Interval]:
    """The calendar months from first's month to last's month, each as (first day, last day), clipped to last."""
    result = []
    month = first.replace(day=1)
    while month <= last:
        following = (month + timedelta(days=32)).replace(day=1)
        result.append((month, min(following - timedelta(days=1), last)))
        month = following
    return result


def case_is_long(start: date, end: date) -> bool:
    """Long-term absence: the case runs for more than 16 calendar days."""
    return (end - start).days + 1 > SHORT_CASE_DAYS


def runs_beyond_eight_weeks(case_start: date, case_end: date, start: date, end: date) -> bool:
    """The case runs on a day from start to end on which it is older than 8 weeks (day 57 or later)."""
    return max(case_start + timedelta(days=LONG_CASE_DAYS), start) <= min(case_end, end)
