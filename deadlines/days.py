"""Day classification (R-IN3, R1, R5) as runs of days, and the sick blocks built from them.

Everything works on day ordinals and intervals, never on one Python object per day.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from deadlines.codes import DayClass, PeriodKind
from deadlines.dates import last_weekday, weekdays_between
from deadlines.model import Period

# R-IN3: what actually happened (holiday, back at work) beats what the sykmelding allowed.
PRIORITY: dict[PeriodKind, int] = {
    PeriodKind.HOLIDAY: 4,
    PeriodKind.LEAVE: 4,
    PeriodKind.WORK: 3,
    PeriodKind.SICK: 2,
    PeriodKind.EGENMELDING: 2,
    PeriodKind.TRAVEL_GRANT: 1,
    PeriodKind.TREATMENT_DAYS: 1,
    PeriodKind.PENDING: 0,
}

_CLASS: dict[PeriodKind, DayClass] = {
    PeriodKind.EGENMELDING: DayClass.SICK,  # counts as 100 % sick
    PeriodKind.HOLIDAY: DayClass.HOLIDAY,
    PeriodKind.LEAVE: DayClass.HOLIDAY,  # R3
    PeriodKind.WORK: DayClass.WORK,
    PeriodKind.TRAVEL_GRANT: DayClass.WORK,  # R5, even with a grade
    PeriodKind.TREATMENT_DAYS: DayClass.WORK,  # R5: the period; a single day is recorded as sick
    PeriodKind.PENDING: DayClass.UNCOVERED,  # R5: avventende is ignored
}


class Run(NamedTuple):
    """Days `start..end` (ordinals, inclusive) of one class; `grade` is 20–100 for sick runs, else 0."""

    start: int
    end: int
    day_class: DayClass
    grade: int


def day_class(period: Period) -> tuple[DayClass, int]:
    """Return the day class and grade a period gives its days (table of section 1, R5)."""
    if period.kind is PeriodKind.SICK:
        # R5: a 0 % sykmelding (full activity) is a work day.
        return (DayClass.SICK, period.grade) if period.grade else (DayClass.WORK, 0)
    cls = _CLASS[period.kind]
    return cls, 100 if cls is DayClass.SICK else 0


def resolve_runs(periods: Sequence[Period]) -> list[Run]:
    """Return maximal runs of equal class and grade, in date order, from the first to the last covered day.

    R-IN3: where periods overlap, the higher priority wins, and between equal priorities
    the later period in the list. Days no period covers form UNCOVERED runs (R1).
    """
    items = sorted(
        (p.start.toordinal(), p.end.toordinal(), PRIORITY[p.kind], index, *day_class(p))
        for index, p in enumerate(periods)
    )
    if not items:
        return []
    runs: list[Run] = []

    def add(start: int, end: int, cls: DayClass, grade: int) -> None:
        if runs:
            last = runs[-1]
            if last.end + 1 < start:  # R1: days no period covers
                last = Run(last.end + 1, start - 1, DayClass.UNCOVERED, 0)
                runs.append(last)
            if last.day_class is cls and last.grade == grade:
                runs[-1] = Run(last.start, end, cls, grade)
                return
        runs.append(Run(start, end, cls, grade))

    if all(items[i][0] > items[i - 1][1] for i in range(1, len(items))):
        for start, end, _, _, cls, grade in items:  # no overlaps: the common, fast case
            add(start, end, cls, grade)
        return runs
    bounds = sorted({item[0] for item in items} | {item[1] + 1 for item in items})
    for start, stop in pairwise(bounds):
        winner = None
        for item in items:
            if item[0] > start:
                break
            if item[1] >= start and (winner is None or item[2:4] > winner[2:4]):
                winner = item
        if winner is None:
            add(start, stop - 1, DayClass.UNCOVERED, 0)
        else:
            add(start, stop - 1, winner[4], winner[5])
    return runs


class SickBlock(NamedTuple):
    """Consecutive sick days `start..end` (any grades) and what lies around them.

    `gap_before`: days since the previous block's end (None for the first block).
    `work_in_gap`: R10, the gap holds a work day or an uncovered weekday, so it is all opphold.
    `holiday_after`: R3, holiday or leave days straight after the block.
    `renewing_before`: R29, A10, the last day of the gap before that is a work day or an
    uncovered weekday (employer-period days are known only to the employer period), or None.
    """

    start: int
    end: int
    gap_before: int | None
    work_in_gap: bool
    holiday_after: int
    renewing_before: int | None = None


def _has_weekday(run: Run) -> bool:
    return weekdays_between(run.start, run.end) > 0


def sick_blocks(runs: Sequence[Run]) -> list[SickBlock]:
    """Group runs into sick blocks, describing the gap before and the holiday after each."""
    blocks: list[SickBlock] = []
    start = end = -1  # the block being built
    gap_before: int | None = None
    work_in_gap = False
    renewing_before: int | None = None
    # What follows the block being built:
    attached, holiday_after, work_seen, renewing = False, 0, False, None
    for run in runs:
        if run.day_class is DayClass.SICK:
            if start >= 0:
                if run.start == end + 1:  # another grade, same block
                    end = run.end
                    continue
                blocks.append(SickBlock(start, end, gap_before, work_in_gap, holiday_after, renewing_before))
                gap_before, work_in_gap, renewing_before = run.start - end - 1, work_seen, renewing
            start, end = run.start, run.end
            attached, holiday_after, work_seen, renewing = True, 0, False, None
        elif start >= 0:  # R3: holiday before the first sick day is ignored
            if run.day_class is DayClass.HOLIDAY and attached:
                holiday_after += run.end - run.start + 1
            else:
                attached = False
                if run.day_class is DayClass.WORK:
                    work_seen, renewing = True, run.end
                elif run.day_class is DayClass.UNCOVERED and _has_weekday(run):
                    work_seen, renewing = True, last_weekday(run.end)
    if start >= 0:
        blocks.append(SickBlock(start, end, gap_before, work_in_gap, holiday_after, renewing_before))
    return blocks


class SickDays:
    """Grade look-ups on the sick runs, for the milestone rules (R18–R20)."""

    __slots__ = ("_runs", "_starts")

    def __init__(self, runs: Sequence[Run]) -> None:
        self._runs = [r for r in runs if r.day_class is DayClass.SICK]
        self._starts = [r.start for r in self._runs]

    def grade_on(self, day: int) -> int | None:
        """Return the grade on `day` if it is a sick day, else None."""
        i = bisect_right(self._starts, day) - 1
        if i >= 0 and day <= self._runs[i].end:
            return self._runs[i].grade
        return None

    def latest_grade(self, day: int) -> int | None:
        """Return the grade of the latest sick day on or before `day` (R19), or None."""
        i = bisect_right(self._starts, day) - 1
        return self._runs[i].grade if i >= 0 else None
