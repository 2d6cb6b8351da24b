from django import template

from .. import services
from ..selectors import PlanSummary, plan_summary

register = template.Library()


@register.simple_tag
def followup_plan_summary(case, today=None) -> PlanSummary:
    """The plan's state for the case page: `{% followup_plan_summary case today as plan %}`."""
    return plan_summary(case, on=today)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def may_change_measure(measure, user) -> bool:
    """`{% if measure|may_change_measure:user %}`: the service's own rule, to offer Edit and Remove."""
    return services.measure_change_refusal(measure, user) is None


@register.filter
def may_decide_measure(measure, user) -> bool:
    """`{% if measure|may_decide_measure:user %}`: the service's own rule, to offer Agree and Not relevant."""
    return services.measure_decide_refusal(measure, user) is None
