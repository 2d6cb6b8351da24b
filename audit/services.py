import logging

from django.conf import settings
from django.db import models

from . import actions
from .middleware import current_ip
from .models import AuditEvent

logger = logging.getLogger(__name__)


class UnregisteredAction(ValueError):
    """An action that is not in `audit.actions.AuditAction`: a typo, or a new action not yet listed."""


def check_action(action: str) -> str:
    """The action, if it is registered in `audit.actions`.

    With AUDIT_STRICT_ACTIONS (on in DEBUG and in the tests) an unregistered action raises, so it is found while
    writing the code. In production it is logged as an error and recorded all the same: an audit event is never
    lost because of its name; the page then shows its code.
    """
    if not actions.is_registered(action):
        if settings.AUDIT_STRICT_ACTIONS:
            raise UnregisteredAction(f"Audit action {action!r} is not registered in audit/actions.py.")
        logger.error("Audit action %r is not registered in audit/actions.py", action)
    return str(action)


def audit_record(
    *,
    actor,
    action: actions.AuditAction | str,
    employee=None,
    obj: models.Model | None = None,
    detail: dict | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    """Append one event to the audit log: who, what, when and from which address."""
    actor = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=actor.get_username() if actor else "",
        action=check_action(action),
        employee=employee,
        employee_label=employee.full_name if employee else "",
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        ip_address=ip_address or current_ip.get(),
        detail=detail or {},
    )


def audit_record_many(*, actor, entries, batch_size: int = 2000) -> int:
    """Append many events of one actor in a few INSERTs (one per `batch_size`): dicts of action, employee, obj, detail."""
    actor = actor if actor is not None and actor.is_authenticated else None
    ip_address = current_ip.get()
    events = [
        AuditEvent(
            actor=actor,
            actor_label=actor.get_username() if actor else "",
            action=check_action(entry["action"]),
            employee=entry.get("employee"),
            employee_label=entry["employee"].full_name if entry.get("employee") else "",
            object_type=entry["obj"]._meta.label_lower if entry.get("obj") is not None else "",
            object_id=str(entry["obj"].pk) if entry.get("obj") is not None else "",
            ip_address=ip_address,
            detail=entry.get("detail") or {},
        )
        for entry in entries
    ]
    AuditEvent.objects.bulk_create(events, batch_size=batch_size)
    return len(events)


def audit_list_read(*, actor, page: str, employees, detail: dict | None = None) -> list[AuditEvent]:
    """Log one read of a list that shows employees: who, which page, which employees — in one INSERT.

    `employees` gives (employee id, organisation id) pairs. The ids go in one row as an array
    (detail["employees"]), whatever the length of the list; a list shown across organisations is one row
    per organisation, still one statement, so HR of each reads only its own. An empty list is not logged.
    """
    by_organisation: dict[int, set[int]] = {}
    for employee_id, organisation_id in employees:
        by_organisation.setdefault(organisation_id, set()).add(employee_id)
    if not by_organisation:
        return []
    actor = actor if actor is not None and actor.is_authenticated else None
    ip_address = current_ip.get()
    return AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor=actor,
                actor_label=actor.get_username() if actor else "",
                action=check_action("list.read"),
                ip_address=ip_address,
                detail={"page": page, "organisation": organisation_id, "employees": sorted(ids), **(detail or {})},
            )
            for organisation_id, ids in sorted(by_organisation.items())
        ]
    )
