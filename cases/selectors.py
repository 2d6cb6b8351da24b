"""Page-shaped reads of cases, with a bounded number of queries."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch

import deadlines
from deadlines.days import PRIORITY

from . import access
from .models import AbsencePeriod, Case, CaseMilestone


def period_on(periods: list[AbsencePeriod], day: date) -> AbsencePeriod | None:
    """The period that decides a day (R-IN3: higher priority wins; on a tie, the later one)."""
    covering = [p for p in periods if p.start <= day <= p.end]
    if not covering:
        return None
    return max(covering, key=lambda p: (PRIORITY[deadlines.PeriodKind(p.kind)], p.registered_at, p.pk))


def next_milestone(milestones: list[CaseMilestone]) -> CaseMilestone | None:
    """The earliest milestone that still needs doing."""
    return min((m for m in milestones if m.is_open), key=lambda m: m.due, default=None)


@dataclass
class OverviewRow:
    case: Case
    day: int
    today_period: AbsencePeriod | None
    next: CaseMilestone | None
    state: str | None


def manager_overview(user, *, today: date) -> list[OverviewRow]:
    """ "Mine sykmeldte": open cases of the employees the user manages now, overdue first."""
    cases = (
        Case.objects.current()
        # R4: absent now, or back at work for at most 16 days.
        .filter(end__gte=today - timedelta(days=16))
        .filter(employee__in=access.managed_employees(user, on=today).values("pk"))
        .select_related("employee__unit")
        .prefetch_related(
            "milestones",
            Prefetch(
                "employee__absence_periods",
                queryset=AbsencePeriod.objects.filter(start__lte=today, end__gte=today),
                to_attr="today_periods",
            ),
        )
    )
    rows = []
    for case in cases:
        upcoming = next_milestone(list(case.milestones.all()))
        rows.append(
            OverviewRow(
                case=case,
                day=case.day_number(today),
                today_period=period_on(case.employee.today_periods, today),
                next=upcoming,
                state=upcoming.state(today) if upcoming else None,
            )
        )
    order = {CaseMilestone.State.OVERDUE: 0, CaseMilestone.State.DUE_SOON: 1, CaseMilestone.State.UPCOMING: 2}
    rows.sort(key=lambda r: (order.get(r.state, 3), r.next.due if r.next else date.max, r.case.employee.last_name))
    return rows
