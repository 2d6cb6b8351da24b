"""The e-mail of a delivery: subject, plain text and HTML, rendered in the active language.

Call inside `translation.override(<the recipient's language>)`. The subject
names the step and the date, never the employee: subjects show on lock screens.
"""

from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from . import texts
from .models import Delivery


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def template_for(kind: str) -> str:
    if kind in (Delivery.Kind.BEFORE, Delivery.Kind.DUE):
        return "reminder"
    if kind in (Delivery.Kind.ESCALATION, Delivery.Kind.ESCALATION_COPY):
        return "escalation"
    if kind in Delivery.PLAN_KINDS:
        return "plan"
    if kind in Delivery.HR_TASK_KINDS:
        return "hr_task"
    return "digest"


def context_for(delivery: Delivery, *, today: date, copy_to=None, summary: dict | None = None) -> dict:
    """What the templates (e-mail and in-app) need; all of it in the active language."""
    context = {
        "delivery": delivery,
        "kind": delivery.kind,
        "recipient_name": _name(delivery.recipient),
        "settings_url": absolute(reverse("reminders:preferences")),
        "notifications_url": absolute(reverse("reminders:list")),
    }
    if delivery.is_plan_event:
        context.update(
            {
                "actor": delivery.data.get("actor", ""),
                "number": delivery.data.get("number"),
                "version_url": absolute(delivery.data.get("url", "")),
            }
        )
        return context
    if delivery.is_hr_task:
        context.update(
            {
                "title": delivery.data.get("title", ""),
                "text": delivery.data.get("text", ""),
                "task_url": absolute(delivery.data.get("url", "")),
            }
        )
        return context
    if delivery.case_id:
        days = (delivery.due - today).days
        context.update(
            {
                "employee": delivery.case.employee.first_name,  # issue 19 item 12: the first name at most
                "milestone": texts.milestone_title(delivery.milestone_key),
                "what_to_do": texts.what_to_do(delivery.milestone_key),
                "legal_basis": texts.legal_basis(delivery.milestone_key),
                "due": delivery.due,
                "days": days,
                "days_overdue": -days,
                "when": texts.when(days),
                "case_url": absolute(reverse("cases:detail", args=[delivery.case_id])),
                "copy_to": _name(copy_to) if copy_to is not None else "",
            }
        )
    else:
        summary = summary or {}
        context.update(
            {
                "summary": summary,
                "overdue_list": [
                    {
                        **row,
                        "milestone_title": texts.milestone_title(row["milestone"]),
                        "due": date.fromisoformat(row["due"]),
                        "case_url": absolute(reverse("cases:detail", args=[row["case"]])),
                    }
                    for row in summary.get("overdue_list", [])
                ],
                "week_of": delivery.due,
                "dashboard_url": absolute(reverse("hr_start")),
            }
        )
    return context


def build_message(delivery: Delivery, *, to: str, context: dict) -> EmailMultiAlternatives:
    name = template_for(delivery.kind)
    subject = " ".join(render_to_string(f"reminders/email/{name}_subject.txt", context).split())
    text = render_to_string(f"reminders/email/{name}.txt", context)
    html = render_to_string(f"reminders/email/{name}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])
    message.attach_alternative(html, "text/html")
    return message


def _name(user) -> str:
    employee = getattr(user, "employee", None)
    return employee.full_name if employee is not None else user.get_username()
