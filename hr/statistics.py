"""Absence statistics: the sick-leave rate per month, quarter and unit group (hr/rates.py does the arithmetic).

A fixed number of queries whatever the size of the organisation: the employees
employed the whole window summed per unit in SQL, the employees who started or
left inside it, the cases and the absence periods in the window, and the units.
Only absence periods are looked at one by one. The result is cached for five
minutes (`CACHE_SECONDS`): the page says when its figures were calculated, so a
sick note registered a minute ago may show a little later. In a large
organisation something changes every minute, so a cache keyed on the data
would hardly ever be used.

Groups of fewer than 5 employees are suppressed (`MIN_GROUP`), and so is their
sum: when the suppressed groups of a breakdown hold 1–4 employees together, the
smallest group shown is suppressed too, or the total minus the groups shown
would give them away. A quarter or a year is suppressed for a group when one
of its months is, for the same reason.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import groupby
from operator import itemgetter

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, Sum
from django.utils import timezone

from cases.models import AbsencePeriod, Case
from organisation.models import Unit

from . import holidays, permissions, rates
from .groups import Breakdown, Group, breakdown
from .rates import Absence, Employment, Figures

MIN_GROUP = 5
MONTHS = 12
CACHE_SECONDS = 300
SICK_KINDS = {AbsencePeriod.Kind.SICK: False, AbsencePeriod.Kind.EGENMELDING: True}  # kind -> self-certified
TIME_OFF_KINDS = {AbsencePeriod.Kind.HOLIDAY, AbsencePeriod.Kind.LEAVE}


@dataclass
class Period:
    start: date
    end: date
    months: list[int]  # indexes into Statistics.months
    partial: bool = False  # the window covers only part of it
    quarter: int = 0  # 1–4 for a quarter, 0 otherwise


@dataclass
class Cell:
    """The figures of one group in one period."""

    figures: Figures
    employees: int
    long_cases: int
    suppressed: bool = False
    protected: bool = False  # big enough, but hidden so that the total cannot give a small group away

    @property
    def rate(self) -> float | None:
        return None if self.suppressed else self.figures.rate

    def rate_of(self, part: str) -> float | None:
        return None if self.suppressed else self.figures.rate_of(part)


@dataclass
class GroupRow:
    group: Group
    year: Cell
    quarter: Cell


@dataclass
class Statistics:
    months: list[Period]
    quarters: list[Period]
    year: Period
    total_months: list[Cell]
    total_quarters: list[Cell]
    total_year: Cell
    focus: Unit | None
    rows: list[GroupRow]
    calculated_at: datetime | None = None

    @property
    def suppressed_any(self) -> bool:
        cells = [*self.total_months, *self.total_quarters, self.total_year]
        cells += [c for r in self.rows for c in (r.year, r.quarter)]
        return any(c.suppressed for c in cells)


@dataclass
class _Staff:
    """What the staff of one unit, or of several merged, add up to, month by month."""

    full: int = 0  # employed the whole window
    full_percentage: float = 0.0
    partial: list[tuple[date, date | None, float]] = field(default_factory=list)
    absence: dict[int, Figures] = field(default_factory=dict)  # month index -> lost days and time off
    # Cases longer than 8 weeks: the first and last month index in which each one is.
    long_cases: list[tuple[int, int]] = field(default_factory=list)

    def employees(self, start: date, end: date) -> int:
        return self.full + sum(1 for s, e, _ in self.partial if s <= end and (e is None or e >= start))

    def merge(self, other: _Staff) -> None:
        self.full += other.full
        self.full_percentage += other.full_percentage
        self.partial += other.partial
        for i, figures in other.absence.items():
            self.absence.setdefault(i, Figures()).add(figures)
        self.long_cases += other.long_cases


class _Months:
    """A merged staff's agreed days (without absence) and head count for each month, computed once."""

    def __init__(self, staff: _Staff, months: list[tuple[date, date]]):
        self.staff = staff
        self.agreed, self.counts = [], []
        for m_start, m_end in months:
            agreed = rates.agreed_days(staff.full_percentage, m_start, m_end)
            count = staff.full
            for first, last, percentage in staff.partial:
                part = (max(first, m_start), min(last or m_end, m_end))
                if part[0] <= part[1]:
                    agreed += rates.agreed_days(percentage, *part)
                    count += 1
            self.agreed.append(agreed)
            self.counts.append(count)
        self.long_firsts = sorted(first for first, _ in staff.long_cases)
        self.long_lasts = sorted(last for _, last in staff.long_cases)

    def cell(self, period: Period) -> Cell:
        figures = Figures(agreed=sum(self.agreed[i] for i in period.months))
        for i in period.months:
            if i in self.staff.absence:
                figures.add(self.staff.absence[i])
        # A case counts once in a period if it is longer than 8 weeks in any of its months.
        first, last = period.months[0], period.months[-1]
        long_cases = (
            len(self.long_lasts)
            - bisect_left(self.long_lasts, first)
            - (len(self.long_firsts) - bisect_right(self.long_firsts, last))
        )
        employees = self.staff.employees(period.start, period.end)
        suppressed = employees < MIN_GROUP or any(self.counts[i] < MIN_GROUP for i in period.months)
        return Cell(figures, employees, long_cases, suppressed)


def window(last_month: date, today: date) -> list[tuple[date, date]]:
    """The 12 calendar months ending with `last_month`'s month, the last one counted up to today."""
    end = (last_month.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    first = last_month.replace(day=1)
    for _ in range(MONTHS - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    return rates.months(first, min(end, today))


def _periods(months: list[tuple[date, date]]) -> tuple[list[Period], list[Period], Period]:
    month_periods = []
    for i, (start, end) in enumerate(months):
        full_end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        month_periods.append(Period(start, end, [i], partial=end < full_end))
    quarters: dict[tuple[int, int], Period] = {}
    for i, (start, end) in enumerate(months):
        q = (start.month - 1) // 3 + 1
        period = quarters.setdefault((start.year, q), Period(start, end, [], quarter=q))
        period.end = end
        period.months.append(i)
    for period in quarters.values():
        period.partial = len(period.months) < 3 or any(month_periods[i].partial for i in period.months)
    year = Period(months[0][0], months[-1][1], list(range(len(months))), partial=month_periods[-1].partial)
    return month_periods, list(quarters.values()), year


def _load(user, months: list[tuple[date, date]], focus: Unit | None, today: date) -> dict[int, _Staff]:
    start, end = months[0][0], months[-1][1]
    employees = permissions.scope_employees(user)
    if focus is not None:
        employees = employees.filter(unit__path__startswith=focus.path)
    in_window = employees.filter(employment_start__lte=end).filter(
        Q(employment_end__isnull=True) | Q(employment_end__gte=start)
    )
    whole = Q(employment_start__lte=start) & (Q(employment_end__isnull=True) | Q(employment_end__gte=end))
    units: dict[int, _Staff] = defaultdict(_Staff)
    for unit_id, count, percentage in (
        in_window.filter(whole)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"), p=Sum("position_percentage"))
        .values_list("unit_id", "n", "p")
    ):
        units[unit_id].full = count
        units[unit_id].full_percentage = float(percentage)
    for unit_id, first, last, percentage in in_window.exclude(whole).values_list(
        "unit_id", "employment_start", "employment_end", "position_percentage"
    ):
        units[unit_id].partial.append((first, last, float(percentage)))

    first_month = start.year * 12 + start.month

    def index(day: date) -> int:
        return day.year * 12 + day.month - first_month

    # From the employees' side, so the scope's filter and the join are one (no IN over every employee).
    cases: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for _case_pk, employee_id, unit_id, case_start, case_end in (
        in_window.filter(cases__start__lte=end, cases__end__gte=start)
        .exclude(cases__status=Case.Status.VOID)
        .order_by()
        .values_list("cases__pk", "pk", "unit_id", "cases__start", "cases__end")
    ):
        cases[employee_id].append((case_start, case_end))
        # Longer than 8 weeks in each month it runs on from its 57th day (up to today).
        first = max(case_start + timedelta(days=rates.LONG_CASE_DAYS), start)
        last = min(case_end, today, end)
        if first <= last:
            units[unit_id].long_cases.append((index(first), index(last)))

    periods = (
        in_window.filter(
            absence_periods__kind__in=[*SICK_KINDS, *TIME_OFF_KINDS],
            absence_periods__start__lte=end,
            absence_periods__end__gte=start,
        )
        .order_by("pk", "absence_periods__start")
        .values_list(
            "pk",
            "absence_periods__kind",
            "absence_periods__start",
            "absence_periods__end",
            "absence_periods__grade",
            "unit_id",
            "employment_start",
            "employment_end",
            "position_percentage",
        )
    )
    _add_absences(units, list(periods), cases, months)
    return units


def _add_absences(
    units: dict[int, _Staff],
    rows: list,
    cases: dict[int, list[tuple[date, date]]],
    months: list[tuple[date, date]],
    *,
    exact: bool = False,
) -> None:
    """Add lost days, and time off, to each unit month by month; rows are ordered by employee.

    Employees with holiday or leave in the window (`exact`: all) go through rates.absence_figures;
    for the others, each sick period's days are counted month by month with rates.lost_days,
    which is what absence_figures counts when there is no time off (a test holds them equal).
    """
    with_time_off = {row[0] for row in rows if exact or row[1] in TIME_OFF_KINDS}
    for employee_id, group in groupby((row for row in rows if row[0] in with_time_off), key=itemgetter(0)):
        group = list(group)
        _add_absence_with_time_off(units[group[0][5]], group, cases.get(employee_id, []), months)
    first_month = months[0][0].year * 12 + months[0][0].month
    window_start, window_end = months[0][0], months[-1][1]
    working_days, case_is_long, egenmelding = holidays.working_days, rates.case_is_long, AbsencePeriod.Kind.EGENMELDING
    for employee_id, kind, start, end, grade, unit_id, first, last, percentage in rows:
        if employee_id in with_time_off:
            continue
        self_certified = kind == egenmelding
        if self_certified:
            grade = 100
        start, end = max(start, first, window_start), min(end, last or window_end, window_end)
        if start > end or grade <= 0:
            continue
        own = cases.get(employee_id, ())
        case = own[0] if len(own) == 1 else next(((s, e) for s, e in own if s <= start <= e), None)
        long = case_is_long(*(case or (start, end)))
        # rates.lost_days: working days × position percentage × grade.
        weight = float(percentage) * grade / 10000
        absence = units[unit_id].absence
        i = start.year * 12 + start.month - first_month
        last_index = end.year * 12 + end.month - first_month
        while True:
            m_start, m_end = months[i]
            lost = working_days(start if start > m_start else m_start, end if end < m_end else m_end) * weight
            figures = absence.get(i)
            if figures is None:
                figures = absence[i] = Figures()
            if self_certified:
                figures.lost_self += lost
            else:
                figures.lost_doctor += lost
            if long:
                figures.lost_long += lost
            else:
                figures.lost_short += lost
            if i == last_index:
                break
            i += 1


def _add_absence_with_time_off(
    unit: _Staff, rows: list, cases: list[tuple[date, date]], months: list[tuple[date, date]]
) -> None:
    """One employee's absence with holiday or leave: the full formula, month by month."""
    _, _, _, _, _, _, first, last, percentage = rows[0]
    employment = Employment(first, last, float(percentage))
    absences, time_off = [], []
    for _, kind, start, end, grade, *_ in rows:
        if kind in TIME_OFF_KINDS:
            time_off.append((start, end))
            continue
        case = next(((s, e) for s, e in cases if s <= start <= e), (start, end))
        absences.append(
            Absence(
                start,
                end,
                grade if kind == AbsencePeriod.Kind.SICK else 100,
                self_certified=SICK_KINDS[kind],
                long=rates.case_is_long(*case),
            )
        )
    for i, (m_start, m_end) in enumerate(months):
        if any(s <= m_end and e >= m_start for _, _, s, e, *_ in rows):
            figures = rates.absence_figures(employment, m_start, m_end, absences=absences, time_off=time_off)
            unit.absence.setdefault(i, Figures()).add(figures)


def protect(cells: list[Cell], total: Cell) -> None:
    """Suppress groups shown beside suppressed ones, so the total cannot give small groups away."""
    if total.suppressed:
        return
    while True:
        hidden = sum(c.employees for c in cells if c.suppressed)
        shown = [c for c in cells if not c.suppressed]
        if not (0 < hidden < MIN_GROUP) or not shown:
            return
        smallest = min(shown, key=lambda c: c.employees)
        smallest.suppressed = smallest.protected = True


def absence_statistics(
    user, *, last_month: date, today: date, focus: Unit | None = None, scope: list[Unit] | None = None
) -> Statistics:
    """The sick-leave figures of the user's HR scope (or the unit in focus) for 12 months.

    `scope` is the user's units in path order, if the caller has read them already.
    """
    months = window(last_month, today)
    if scope is None:
        scope = list(permissions.scope_units(user).order_by("path"))
    key = _cache_key(scope, focus, months, today)
    cached = cache.get(key)
    # Judge the age by the figures' own time stamp, not only the cache's expiry.
    if cached is not None and timezone.now() - cached.calculated_at < timedelta(seconds=CACHE_SECONDS):
        return cached
    result = _compute(user, scope, focus, months, today)
    result.calculated_at = timezone.now()
    cache.set(key, result, CACHE_SECONDS)
    return result


def _cache_key(scope: list[Unit], focus: Unit | None, months: list[tuple[date, date]], today: date) -> str:
    """The same units (so the same employees) and the same window give the same figures."""
    raw = repr(
        (
            connection.settings_dict["NAME"],
            [u.pk for u in scope],
            focus.pk if focus else None,
            months[0][0],
            months[-1][1],
            today,
        )
    )
    return "hr:statistics:" + hashlib.sha256(raw.encode()).hexdigest()


def _compute(user, scope: list[Unit], focus: Unit | None, months: list[tuple[date, date]], today: date) -> Statistics:
    month_periods, quarters, year = _periods(months)
    parts: Breakdown = breakdown(scope, focus)
    units = _load(user, months, parts.focus, today)
    by_group = [_Staff() for _ in parts.groups]
    outside = _Staff()  # staff of units in no group (none, with a unit in focus)
    indexes = parts.group_indexes()
    for unit_id, staff in units.items():
        index = indexes.get(unit_id)
        (outside if index is None else by_group[index]).merge(staff)
    groups = [_Months(staff, months) for staff in by_group]
    everyone = _Staff()
    for staff in [*by_group, outside]:
        everyone.merge(staff)
    total = _Months(everyone, months)
    total_year = total.cell(year)
    total_quarters = [total.cell(q) for q in quarters]
    year_cells = [g.cell(year) for g in groups]
    quarter_cells = [g.cell(quarters[-1]) for g in groups]
    protect(year_cells, total_year)
    protect(quarter_cells, total_quarters[-1])
    return Statistics(
        months=month_periods,
        quarters=quarters,
        year=year,
        total_months=[total.cell(m) for m in month_periods],
        total_quarters=total_quarters,
        total_year=total_year,
        focus=parts.focus,
        rows=[GroupRow(g, y, q) for g, y, q in zip(parts.groups, year_cells, quarter_cells, strict=True)],
    )
