"""Page-shaped reads of notifications and escalations, each a bounded number of queries."""

from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from cases import access
from cases.models import Case, CaseMilestone

from .models import Delivery

NOTIFICATIONS_PER_PAGE = 20
DIGEST_OVERDUE_LIMIT = 25


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Delivery.objects.unread().filter(recipient=user).count()


def notifications(user) -> QuerySet[Delivery]:
    """The user's notifications, newest first."""
    return (
        Delivery.objects.notifications()
        .filter(recipient=user)
        .select_related("case__employee")
        .order_by("-sent_at", "-pk")
    )


def notifications_page(user, page_number) -> Page:
    """One page of the user's notifications: a count and one query for the rows."""
    return Paginator(notifications(user), NOTIFICATIONS_PER_PAGE).get_page(page_number)


def _open_milestones(cases: QuerySet[Case]) -> QuerySet[CaseMilestone]:
    return CaseMilestone.objects.filter(
        case__in=cases.filter(status=Case.Status.OPEN),
        applies=True,
        completed_at=None,
        not_required_reason="",
    )


def _escalated() -> Exists:
    """The milestone, with its current due date, was escalated to HR."""
    return Exists(
        Delivery.objects.filter(
            case_id=OuterRef("case_id"),
            milestone_key=OuterRef("key"),
            due=OuterRef("due"),
            kind__in=[Delivery.Kind.ESCALATION, Delivery.Kind.ESCALATION_COPY],
        )
    )


def open_escalations(user, *, limit: int | None = 50) -> list[CaseMilestone]:
    """Escalated milestones in the user's HR scope that are still not done, the oldest first.

    For HR's dashboard: whoever has HR access for the unit sees them, also HR who joined
    after the escalation was sent. Done, not required, moved or closed: no longer shown.
    """
    cases = access.visible_cases(user, access.Action.VIEW_AUDIT)  # VIEW_AUDIT: the HR scope only
    rows = (
        _open_milestones(cases)
        .filter(_escalated())
        .select_related("case__employee__unit", "case__employee__manager")
        .order_by("due", "pk")
    )
    return list(rows[:limit] if limit else rows)


def digest_summary(user, *, today: date | None = None) -> dict:
    """The weekly digest's figures for one HR user's scope, JSON-ready."""
    today = today or timezone.localdate()
    cases = access.visible_cases(user, access.Action.VIEW_AUDIT, on=today)
    milestones = _open_milestones(cases)
    overdue = milestones.filter(due__lt=today).select_related("case__employee").order_by("due", "pk")
    overdue_count = overdue.count()
    return {
        "open_cases": cases.filter(status=Case.Status.OPEN).count(),
        "overdue": overdue_count,
        "due_this_week": milestones.filter(due__gte=today, due__lte=today + timedelta(days=6)).count(),
        "escalated": milestones.filter(due__lt=today).filter(_escalated()).count(),
        "overdue_list": [
            {
                "case": m.case_id,
                "employee": m.case.employee.first_name,
                "milestone": m.key,
                "due": m.due.isoformat(),
                "days_overdue": (today - m.due).days,
            }
            for m in overdue[:DIGEST_OVERDUE_LIMIT]
        ],
        "more": max(0, overdue_count - DIGEST_OVERDUE_LIMIT),
    }
