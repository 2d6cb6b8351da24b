"""Page-shaped reads for HR: the deadline dashboard and the compliance figures, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate

import deadlines
from cases.models import DUE_SOON_DAYS, Case, CaseMilestone
from organisation.models import Employee, Unit

from . import permissions, routine
from .groups import Breakdown, breakdown

# R4: a case stays open until 16 days after its last day of absence.
OPEN_AFTER_END = timedelta(days=16)


class State:
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    UPCOMING = "upcoming"
    NONE = "none"

    ALL = (OVERDUE, DUE_SOON, UPCOMING, NONE)


@dataclass(frozen=True)
class DashboardFilters:
    unit: Unit | None = None
    manager: int | None = None  # the nearest manager's employee id
    kind: str = ""  # a milestone key: show each case's next open milestone of this kind
    state: str = ""  # one of State.ALL


def open_milestones() -> QuerySet[CaseMilestone]:
    """Milestones that still need doing: apply, not done, not assessed as not required."""
    return CaseMilestone.objects.needing_action()


def open_cases(user, *, today: date) -> QuerySet[Case]:
    """Open cases in the user's HR scope (absent now, or back at work for at most 16 days)."""
    return permissions.scope_cases(user, on=today).open().filter(end__gte=today - OPEN_AFTER_END)


def _state_filter(state: str, today: date) -> Q:
    soon = today + timedelta(days=DUE_SOON_DAYS)
    return {
        State.OVERDUE: Q(next_due__lt=today),
        State.DUE_SOON: Q(next_due__gte=today, next_due__lte=soon),
        State.UPCOMING: Q(next_due__gt=soon),
        State.NONE: Q(next_due__isnull=True),
    }[state]


def dashboard_cases(user, filters: DashboardFilters, *, today: date) -> QuerySet[Case]:
    """Open cases with their next milestone (`next_due`, `next_key`), overdue first, every filter but the state."""
    cases = open_cases(user, today=today).select_related("employee__unit", "employee__manager")
    if filters.kind:
        # Each case's next open milestone of one kind: a subquery per case, for this filter only.
        following = open_milestones().filter(case=OuterRef("pk"), key=filters.kind).order_by("due", "pk")
        cases = cases.annotate(
            next_due=Subquery(following.values("due")[:1]), next_key=Subquery(following.values("key")[:1])
        ).filter(next_due__isnull=False)
    else:
        # The next milestone is stored on the case (Case.refresh_next_milestone), indexed with the status.
        cases = cases.annotate(next_due=F("next_milestone_due"), next_key=F("next_milestone_key"))
    if filters.unit is not None:
        cases = cases.filter(employee__unit__path__startswith=filters.unit.path)
    if filters.manager is not None:
        cases = cases.filter(employee__manager_id=filters.manager)
    return cases


@dataclass
class Dashboard:
    counts: dict[str, int]  # "open" and each state
    page: Page  # of cases, annotated with next_due and next_key


def dashboard(cases: QuerySet[Case], state: str, *, today: date, number, per_page: int) -> Dashboard:
    """The counts and one page of rows in two queries, however many cases there are.

    The first reads each case's id and next due date in the page's order; the counts and the
    page's ids come from it. The second reads the page's cases with what the rows show, so the
    joins for names, units and managers are made for those rows only.
    """
    order = dashboard_rows(cases, "", today=today)
    keys = list(order.values_list("pk", "next_due"))
    counts = dict.fromkeys(("open", *State.ALL), 0)
    chosen = []
    for pk, due in keys:
        row_state = state_of(due, today)
        counts[row_state] += 1
        if not state or row_state == state:
            chosen.append(pk)
    counts["open"] = len(keys)
    page = Paginator(chosen, per_page).get_page(number)
    shown = cases.filter(pk__in=list(page.object_list)).in_bulk()
    page.object_list = [shown[pk] for pk in page.object_list]
    return Dashboard(counts, page)


def dashboard_rows(cases: QuerySet[Case], state: str, *, today: date) -> QuerySet[Case]:
    """The rows to show (and export): one state (or all), the most overdue first, nothing due last."""
    if state:
        cases = cases.filter(_state_filter(state, today))
    return cases.order_by(F("next_due").asc(nulls_last=True), "employee__last_name", "employee__first_name", "pk")


def state_of(due: date | None, today: date) -> str:
    if due is None:
        return State.NONE
    if due < today:
        return State.OVERDUE
    if due <= today + timedelta(days=DUE_SOON_DAYS):
        return State.DUE_SOON
    return State.UPCOMING


def managers(user, *, today: date) -> list[tuple[int, str]]:
    """Managers of the employees with open cases in the user's scope, for the filter: (id, name)."""
    ids = open_cases(user, today=today).exclude(employee__manager=None).values("employee__manager")
    return [
        (pk, f"{first} {last}")
        for pk, first, last in Employee.objects.filter(pk__in=ids)
        .order_by("last_name", "first_name")
        .values_list("pk", "first_name", "last_name")
    ]


# Compliance -----------------------------------------------------------------------

# NAV's question about a meeting (R21) sets the employer no deadline: it is not counted.
NOT_COUNTED = {str(deadlines.MilestoneKey.NAV_MEETING_NEED_QUERY)}


@dataclass
class Tally:
    on_time: int = 0
    late: int = 0
    overdue: int = 0  # not done, and the due date has passed
    pending: int = 0  # not done, not yet due
    not_required: int = 0

    @property
    def counted(self) -> int:
        """The milestones whose outcome is known: done on time, done late, or overdue."""
        return self.on_time + self.late + self.overdue

    def share(self, part: str) -> float | None:
        return getattr(self, part) / self.counted * 100 if self.counted else None

    def add(self, other: Tally) -> None:
        for name in ("on_time", "late", "overdue", "pending", "not_required"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Compliance:
    keys: list[str]  # milestone kinds: the statutory ones in the spec's order, then the routine's steps
    by_key: dict[str, Tally]
    total: Tally
    parts: Breakdown
    by_group: list[dict[str, Tally]] = field(default_factory=list)  # per group: key -> tally, "" = all kinds
    start: date | None = None
    end: date | None = None
    employees: list[tuple[int, int]] = field(default_factory=list)  # (id, organisation) of those counted


def compliance(
    user, *, start: date, end: date, today: date, focus: Unit | None = None, scope: list[Unit] | None = None
) -> Compliance:
    """How many milestones due from start to end were done on time, late, or are still overdue.

    A milestone done by an act with its own date (conversation held, meeting held, plan approved,
    sent to NAV) counts by that date (`done_on`), not by the day it was recorded.
    """
    milestones = CaseMilestone.objects.filter(
        case__in=permissions.scope_cases(user, on=today), applies=True, due__gte=start, due__lte=end
    ).exclude(key__in=NOT_COUNTED)
    if focus is not None:
        milestones = milestones.filter(case__employee__unit__path__startswith=focus.path)
    done = Q(completed_at__isnull=False)
    open_ = Q(completed_at__isnull=True, not_required_reason="")
    milestones = milestones.annotate(done_day=Coalesce("done_on", TruncDate("completed_at")))
    rows = (
        milestones.order_by()
        .values("case__employee__unit_id", "key")
        .annotate(
            on_time=Count("pk", filter=done & Q(done_day__lte=F("due"))),
            late=Count("pk", filter=done & Q(done_day__gt=F("due"))),
            overdue=Count("pk", filter=open_ & Q(due__lt=today)),
            pending=Count("pk", filter=open_ & Q(due__gte=today)),
            not_required=Count("pk", filter=Q(completed_at__isnull=True) & ~Q(not_required_reason="")),
        )
        .values_list("case__employee__unit_id", "key", "on_time", "late", "overdue", "pending", "not_required")
    )
    if scope is None:
        scope = list(permissions.scope_units(user).order_by("path"))
    parts = breakdown(scope, focus)
    indexes = parts.group_indexes()
    # Sums per (group or None, key); the unit's rows are many, the groups few.
    sums: dict[tuple[int | None, str], list[int]] = {}
    for unit_id, key, *counts in rows:
        into = sums.setdefault((indexes.get(unit_id), key), [0, 0, 0, 0, 0])
        for i, count in enumerate(counts):
            into[i] += count
    by_key: dict[str, Tally] = {}
    by_group: list[dict[str, Tally]] = [{} for _ in parts.groups]
    total = Tally()
    for (index, key), counts in sums.items():
        tally = Tally(*counts)
        by_key.setdefault(key, Tally()).add(tally)
        total.add(tally)
        if index is not None:
            by_group[index][key] = tally
            by_group[index].setdefault("", Tally()).add(tally)
    order = {str(k): i for i, k in enumerate(deadlines.MilestoneKey)}
    keys = sorted(by_key, key=lambda k: (order.get(k, len(order)), routine.step_id(k) or 0, k))
    # Whose milestones the tallies count: a unit of one shows that one person's sick leave (the read is logged).
    employees = list(
        milestones.order_by().values_list("case__employee_id", "case__employee__organisation_id").distinct()
    )
    return Compliance(keys, by_key, total, parts, by_group, start, end, employees)
