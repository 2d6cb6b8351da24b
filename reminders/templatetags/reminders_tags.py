from django import template
from django.utils import timezone

from reminders import selectors, texts

register = template.Library()


@register.simple_tag
def open_escalations(user) -> list:
    """Escalated milestones in the user's HR scope (reminders.selectors.open_escalations)."""
    return selectors.open_escalations(user) if user.is_authenticated else []


@register.filter
def milestone_name(key: str) -> str:
    return texts.milestone_title(key)


@register.filter
def days_overdue(due) -> int:
    return (timezone.localdate() - due).days


@register.filter
def relative_day(days) -> str:
    """"in 3 days", "today", "3 days ago" for a number of days from the day it was sent."""
    try:
        return texts.when(int(days))
    except (TypeError, ValueError):
        return ""
