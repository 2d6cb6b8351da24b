"""Telling the other party when someone hands over, comments on or approves a plan.

The manager's acts notify the employee; the employee's acts notify the manager
responsible on the day (acting manager during a delegation). The notification
links straight to the version and holds only who acted and the version number,
never the plan's text, so its e-mail carries no health data.
"""

from django.urls import reverse
from django.utils import timezone

from reminders.models import Delivery
from reminders.recipients import responsible_manager
from reminders.services import event_notify

from .models import PlanVersion


def version_path(version: PlanVersion) -> str:
    return reverse(
        "followup_plans:version",
        kwargs={"case_pk": version.plan.case_id, "plan_pk": version.plan_id, "number": version.number},
    )


def other_party(version: PlanVersion, by):
    """Who is told about `by`'s act: the employee, or the employee's responsible manager."""
    employee = version.plan.case.employee
    if employee.user_id and employee.user_id == by.pk:
        recipient = responsible_manager(employee, on=timezone.localdate())
    else:
        recipient = employee.user
    if recipient is None or recipient.pk == by.pk:
        return None
    return recipient


def notify_other_party(*, version: PlanVersion, by, kind: str, event, actor_name: str) -> Delivery | None:
    """Record (and after commit send) the notification of one act; `event` is its audit event."""
    return event_notify(
        kind=kind,
        case=version.plan.case,
        recipient=other_party(version, by),
        key=f"plan:{event.pk}",
        data={"url": version_path(version), "number": version.number, "actor": actor_name},
    )
