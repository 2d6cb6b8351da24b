"""Benchmark the deadline engine: timelines of seeded random sick leave, on one core.

Run by hand from the repository root (not part of the test suite):

    .venv/bin/python bench/engine.py [--count 100000] [--seed 2026] [--profile]

Each generated employee has one episode of sick leave: maybe egenmelding first, one to
four sick periods (mostly 100 %, some graded, a few 0 %), gaps at work or uncovered,
holidays on top of or after the sickness, sometimes a DM2 date. Some gaps are 16 days
or longer, so an employee can have several cases. Generation is not timed.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deadlines import Event, Period, PeriodKind, compute_timeline  # noqa: E402

Employee = tuple[list[Period], date, list[Event]]


def _length(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.5:
        return rng.randint(1, 14)
    if roll < 0.8:
        return rng.randint(15, 60)
    return rng.randint(61, 365)


def _grade(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.70:
        return 100
    if roll < 0.95:
        return rng.choice((20, 40, 50, 60, 80))
    return 0


def employee(rng: random.Random) -> Employee:
    """Return one employee's periods, a `today` and DM2 events."""
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(4 * 365))
    periods: list[Period] = []
    if rng.random() < 0.3:
        days = rng.randint(1, 3)
        periods.append(Period(PeriodKind.EGENMELDING, day, day + timedelta(days=days - 1)))
        day += timedelta(days=days)
    for _ in range(rng.randint(1, 4)):
        length = _length(rng)
        end = day + timedelta(days=length - 1)
        periods.append(Period(PeriodKind.SICK, day, end, _grade(rng)))
        if rng.random() < 0.2:  # holiday on top of the sick leave or straight after it
            first = day + timedelta(days=rng.randrange(length + 1))
            periods.append(Period(PeriodKind.HOLIDAY, first, first + timedelta(days=rng.randint(1, 21))))
        gap = rng.random()
        if gap < 0.6:
            day = end + timedelta(days=1)
        elif gap < 0.8:
            days = rng.randint(1, 15)
            periods.append(Period(PeriodKind.WORK, end + timedelta(days=1), end + timedelta(days=days)))
            day = end + timedelta(days=days + 1)
        elif gap < 0.9:
            days = rng.randint(16, 60)
            periods.append(Period(PeriodKind.WORK, end + timedelta(days=1), end + timedelta(days=days)))
            day = end + timedelta(days=days + 1)
        else:  # uncovered
            day = end + timedelta(days=rng.randint(2, 30))
    first_day = periods[0].start
    today = first_day + timedelta(days=rng.randrange((day - first_day).days + 60))
    events = [Event.dm2(first_day + timedelta(days=rng.randint(120, 200)))] if rng.random() < 0.1 else []
    return periods, today, events


def run(employees: list[Employee]) -> tuple[int, float]:
    """Compute every timeline; return the number of cases and the seconds it took."""
    cases = 0
    start = time.perf_counter()
    for periods, today, events in employees:
        cases += len(compute_timeline(periods, today=today, events=events).cases)
    return cases, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="employees to generate (default 100000)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--profile", action="store_true", help="print the 15 costliest functions")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    rng = random.Random(args.seed)
    employees = [employee(rng) for _ in range(args.count)]
    run(employees[:2000])  # warm up
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
    cases, seconds = run(employees)
    if args.profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
    print(f"Python {platform.python_version()} on {platform.machine()}, one core")
    print(f"{args.count} employees, {cases} cases in {seconds:.2f} s")
    print(f"{cases / seconds:,.0f} cases per second ({args.count / seconds:,.0f} timelines per second)")


if __name__ == "__main__":
    main()
