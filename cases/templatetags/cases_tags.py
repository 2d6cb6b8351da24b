from datetime import date

from django import template

from cases.titles import milestone_title

register = template.Library()


@register.filter
def isodate(value: str | None) -> date | None:
    """An ISO date from the activity log's JSON, for the date filter."""
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


register.filter(milestone_title)


@register.filter
def person(user) -> str:
    """A user's name as colleagues know it: the employee's full name, else the user name."""
    if user is None:
        return "–"
    employee = getattr(user, "employee", None)
    return employee.full_name if employee is not None else user.get_username()
