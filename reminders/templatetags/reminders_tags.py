from django import template
from django.utils import timezone

from reminders import selectors, texts

register = template.Library()


PANEL_ROWS = 50


@register.simple_tag
def open_escalations(user) -> dict:
    """Escalated milestones in the user's HR scope (reminders.selectors.open_escalations), at most 50."""
    rows = selectors.open_escalations(user, limit=PANEL_ROWS + 1) if user.is_authenticated else []
    return {"rows": rows[:PANEL_ROWS], "more": len(rows) > PANEL_ROWS}


@register.filter
def milestone_name(key: str) -> str:
    return texts.milestone_title(key)


@register.filter
def days_overdue(due) -> int:
    return (timezone.localdate() - due).days


@register.filter
def relative_day(days) -> str:
    """ "in 3 days", "today", "3 days ago" for a number of days from the day it was sent."""
    try:
        return texts.when(int(days))
    except (TypeError, ValueError):
        return ""
