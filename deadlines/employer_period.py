"""Employer periods (arbeidsgiverperioder) over the sick blocks (R9–R11)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from deadlines.days import SickBlock

# R9: the employer pays the first 16 calendar days.
LENGTH = 16
# R10: 16 or more opphold days before a sick day start a new employer period.
RESET_GAP = 16


class EmployerPeriodSpan(NamedTuple):
    """An employer period on day ordinals; `end` is its 16th day or None (R11)."""

    start: int
    end: int | None
    first_block: int


class EmployerPeriods(NamedTuple):
    """The employer periods, and per sick block what the max date needs (R27)."""

    periods: list[EmployerPeriodSpan]
    ep_days: list[int]  # employer-period days at the start of each block
    counted: list[int]  # days counted in the running employer period after each block
    parked: list[int]  # parked gap days before each block that count as employer-period days


def employer_periods(blocks: Sequence[SickBlock]) -> EmployerPeriods:
    """Count employer-period days block by block (R10).

    Sick days count until 16 are counted. A gap between blocks is either all opphold
    (it holds a work day or an uncovered weekday: holiday and weekend days before that
    day become opphold, and those after it follow a work day), or all parked (only
    holiday, leave and uncovered weekend days): then the next day is sick, so the
    parked days count as employer-period days while fewer than 16 are counted (A4, A5).
    """
    periods: list[EmployerPeriodSpan] = []
    ep_days: list[int] = []
    counted_after: list[int] = []
    parked_days: list[int] = []
    counted = 0
    for i, block in enumerate(blocks):
        gap = block.gap_before
        parked = 0
        if gap is None or (block.work_in_gap and gap >= RESET_GAP):
            periods.append(EmployerPeriodSpan(block.start, None, i))
            counted = 0
        elif not block.work_in_gap and counted < LENGTH:
            parked = min(gap, LENGTH - counted)
            counted += parked
            if counted == LENGTH:
                periods[-1] = periods[-1]._replace(end=block.start - gap - 1 + parked)
        days = min(block.end - block.start + 1, LENGTH - counted)
        if days:
            counted += days
            if counted == LENGTH:
                periods[-1] = periods[-1]._replace(end=block.start + days - 1)
        ep_days.append(days)
        counted_after.append(counted)
        parked_days.append(parked)
    return EmployerPeriods(periods, ep_days, counted_after, parked_days)
