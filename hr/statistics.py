"""Absence statistics: the sick-leave rate per month, quarter and unit group (hr/rates.py does the arithmetic).

Five queries whatever the size of the organisation: the employees employed the
whole window summed per unit in SQL, the employees who started or left inside
it, the absence periods and the cases in the window, and the units. Only
employees with absence in the window are looked at one by one.

Groups of fewer than 5 employees are suppressed (`MIN_GROUP`), and so is their
sum: when the suppressed groups of a breakdown hold 1–4 employees together, the
smallest group shown is suppressed too, or the total minus the groups shown
would give them away. A quarter or a year is suppressed for a group when one
of its months is, for the same reason.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, Sum

from cases.models import AbsencePeriod, Case
from organisation.models import Unit

from . import permissions, rates
from .groups import Breakdown, Group, breakdown
from .rates import Absence, Employment, Figures

MIN_GROUP = 5
MONTHS = 12
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

    @property
    def suppressed_any(self) -> bool:
        cells = [*self.total_months, *self.total_quarters, self.total_year]
        cells += [c for r in self.rows for c in (r.year, r.quarter)]
        return any(c.suppressed for c in cells)


@dataclass
class _Unit:
    """What one unit's staff add up to, month by month."""

    full: int = 0  # employed the whole window
    full_percentage: float = 0.0
    partial: list[tuple[date, date | None, float]] = field(default_factory=list)
    absence: dict[int, Figures] = field(default_factory=dict)  # month index -> lost days and time off
    long_cases: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))

    def employees(self, start: date, end: date) -> int:
        return self.full + sum(1 for s, e, _ in self.partial if s <= end and (e is None or e >= start))


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
    year = Period(months[0][0], months[-1][1], list(range(len(months))),
                  partial=month_periods[-1].partial)
    return month_periods, list(quarters.values()), year


def _load(user, months: list[tuple[date, date]], focus: Unit | None, today: date) -> dict[int, _Unit]:
    start, end = months[0][0], months[-1][1]
    employees = permissions.scope_employees(user)
    if focus is not None:
        employees = employees.filter(unit__path__startswith=focus.path)
    in_window = employees.filter(employment_start__lte=end).filter(
        Q(employment_end__isnull=True) | Q(employment_end__gte=start))
    whole = Q(employment_start__lte=start) & (Q(employment_end__isnull=True) | Q(employment_end__gte=end))
    units: dict[int, _Unit] = defaultdict(_Unit)
    for unit_id, count, percentage in (in_window.filter(whole).order_by().values("unit_id")
                                       .annotate(n=Count("pk"), p=Sum("position_percentage"))
                                       .values_list("unit_id", "n", "p")):
        units[unit_id].full = count
        units[unit_id].full_percentage = float(percentage)
    for unit_id, first, last, percentage in (in_window.exclude(whole).values_list(
            "unit_id", "employment_start", "employment_end", "position_percentage")):
        units[unit_id].partial.append((first, last, float(percentage)))

    employee_ids = in_window.values("pk")
    cases: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for pk, employee_id, unit_id, case_start, case_end in (
            Case.objects.current().filter(employee__in=employee_ids, start__lte=end, end__gte=start)
            .values_list("pk", "employee_id", "employee__unit_id", "start", "end")):
        cases[employee_id].append((case_start, case_end))
        so_far = min(case_end, today)
        for i, (m_start, m_end) in enumerate(months):
            if rates.runs_beyond_eight_weeks(case_start, so_far, m_start, m_end):
                units[unit_id].long_cases[i].add(pk)

    periods = (AbsencePeriod.objects
               .filter(employee__in=employee_ids, kind__in=[*SICK_KINDS, *TIME_OFF_KINDS],
                       start__lte=end, end__gte=start)
               .order_by("employee_id", "start")
               .values_list("employee_id", "kind", "start", "end", "grade", "employee__unit_id",
                            "employee__employment_start", "employee__employment_end",
                            "employee__position_percentage"))
    person: list = []
    for row in [*periods, None]:
        if person and (row is None or row[0] != person[0][0]):
            _add_absence(units, person, cases.get(person[0][0], []), months)
            person = []
        if row is not None:
            person.append(row)
    return units


def _add_absence(units: dict[int, _Unit], rows: list, cases: list[tuple[date, date]],
                 months: list[tuple[date, date]]) -> None:
    """Add one employee's lost days and time off to their unit, month by month."""
    _, _, _, _, _, unit_id, first, last, percentage = rows[0]
    employment = Employment(first, last, float(percentage))
    absences, time_off = [], []
    for _, kind, start, end, grade, *_ in rows:
        if kind in TIME_OFF_KINDS:
            time_off.append((start, end))
            continue
        case = next(((s, e) for s, e in cases if s <= start <= e), (start, end))
        absences.append(Absence(start, end, grade if kind == AbsencePeriod.Kind.SICK else 100,
                                self_certified=SICK_KINDS[kind], long=rates.case_is_long(*case)))
    unit = units[unit_id]
    for i, (m_start, m_end) in enumerate(months):
        if not any(s <= m_end and e >= m_start for _, _, s, e, *_ in rows):
            continue
        figures = rates.absence_figures(employment, m_start, m_end, absences=absences, time_off=time_off)
        unit.absence.setdefault(i, Figures()).add(figures)


def _cell(units: list[_Unit], months: list[tuple[date, date]], period: Period) -> Cell:
    figures = Figures()
    long_cases: set[int] = set()
    month_counts = []
    for i in period.months:
        m_start, m_end = months[i]
        days = rates.agreed_days(100, m_start, m_end)
        count = 0
        for unit in units:
            figures.agreed += unit.full_percentage / 100 * days
            for first, last, percentage in unit.partial:
                part = (max(first, m_start), min(last or m_end, m_end))
                if part[0] <= part[1]:
                    figures.agreed += rates.agreed_days(percentage, *part)
            if i in unit.absence:
                figures.add(unit.absence[i])
            long_cases |= unit.long_cases.get(i, set())
            count += unit.employees(m_start, m_end)
        month_counts.append(count)
    employees = sum(unit.employees(period.start, period.end) for unit in units)
    suppressed = employees < MIN_GROUP or any(c < MIN_GROUP for c in month_counts)
    return Cell(figures, employees, len(long_cases), suppressed)


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


def absence_statistics(user, *, last_month: date, today: date, focus: Unit | None = None) -> Statistics:
    """The sick-leave figures of the user's HR scope (or the unit in focus) for 12 months."""
    months = window(last_month, today)
    month_periods, quarters, year = _periods(months)
    scope = list(permissions.scope_units(user).order_by("path"))
    parts: Breakdown = breakdown(scope, focus)
    units = _load(user, months, parts.focus, today)
    everyone = list(units.values())
    by_group: list[list[_Unit]] = [[] for _ in parts.groups]
    indexes = parts.group_indexes()
    for unit_id, data in units.items():
        index = indexes.get(unit_id)
        if index is not None:
            by_group[index].append(data)
    total_year = _cell(everyone, months, year)
    latest = quarters[-1]
    total_quarters = [_cell(everyone, months, q) for q in quarters]
    year_cells = [_cell(members, months, year) for members in by_group]
    quarter_cells = [_cell(members, months, latest) for members in by_group]
    protect(year_cells, total_year)
    protect(quarter_cells, total_quarters[-1])
    return Statistics(
        months=month_periods, quarters=quarters, year=year,
        total_months=[_cell(everyone, months, m) for m in month_periods],
        total_quarters=total_quarters, total_year=total_year, focus=parts.focus,
        rows=[GroupRow(g, y, q) for g, y, q in zip(parts.groups, year_cells, quarter_cells, strict=True)],
    )
