from django import template

from ..selectors import PlanSummary, plan_summary

register = template.Library()


@register.simple_tag
def followup_plan_summary(case, today=None) -> PlanSummary:
    """The plan's state for the case page: `{% followup_plan_summary case today as plan %}`."""
    return plan_summary(case, on=today)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
