"""Data for the self-certification parts of the start pages (templates/self_certification/*_start.html)."""

from django import template
from django.utils import timezone

import deadlines
from audit.services import audit_record
from cases import access

from .. import selectors
from ..texts import day, language

register = template.Library()

START_PAGE_ROWS = 10


@register.simple_tag(takes_context=True)
def self_certifications_pending(context) -> dict:
    """Reports waiting for the signed-in manager's confirmation: the first few, and how many in all."""
    user = context["user"]
    reports = selectors.pending_for(user)
    rows = list(reports[:START_PAGE_ROWS])
    total = len(rows) if len(rows) < START_PAGE_ROWS else reports.count()
    if rows:
        audit_record(actor=user, action="self_certification.pending_list", detail={"reports": [r.pk for r in rows]})
    return {"rows": rows, "total": total, "more": total > len(rows)}


@register.simple_tag(takes_context=True)
def self_certification_start(context) -> dict:
    """The employee's recent reports and any withdrawal of the right, for their start page."""
    employee = access.employee_of(context["user"])
    if employee is None:
        return {"employee": None}
    today = context.get("today") or timezone.localdate()
    return {
        "employee": employee,
        "recent": list(selectors.own_self_certifications(employee)[:3]),
        "withdrawals": list(selectors.current_and_future_withdrawals(employee, today=today)),
        "right_from": selectors.right_from(employee),
        "has_right": selectors.right_from(employee) <= today,
    }


@register.simple_tag(takes_context=True)
def self_certification_hr_summary(context) -> dict:
    """For HR's start page: how many may lose the right, and how many reports wait."""
    user = context["user"]
    today = context.get("today") or timezone.localdate()
    may_withdraw = sum(1 for _pk, usage in selectors.hr_usage(user, today=today) if usage.may_withdraw)
    return {"may_withdraw": may_withdraw, "pending": selectors.pending_for(user).count()}


@register.filter
def longdate(value) -> str:
    """A date as the rules' sentences write it: "5. mars 2026" (nb), "5 March 2026" (en)."""
    return day(value) if value else ""


@register.filter
def weekdaydate(value) -> str:
    """As `longdate`, with the weekday: "torsdag 5. mars 2026"."""
    return deadlines.format_date(value, language(), weekday=True) if value else ""
