from django import template

from routines import flags, selectors

register = template.Library()


@register.simple_tag
def routines_case(case, user):
    return selectors.case_section(case, user)


@register.simple_tag
def routines_employee_flags(employee):
    return {
        "flags": selectors.employee_flags(employee),
        "manager_actions": flags.MANAGER_ACTIONS,
        "employee_actions": flags.EMPLOYEE_ACTIONS,
    }
