from django import template

from .. import formatting, selectors

register = template.Library()


@register.simple_tag
def meetings_overview(case, user, today=None):
    """The meeting section's data for the case page: `{% meetings_overview case user today as overview %}`."""
    return selectors.case_overview(case, user=user, today=today)


@register.filter
def meeting_when(meeting) -> str:
    return formatting.meeting_when(meeting)


@register.filter
def meeting_where(meeting) -> str:
    return formatting.meeting_where(meeting)
