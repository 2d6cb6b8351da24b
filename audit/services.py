from django.db import models

from .middleware import current_ip
from .models import AuditEvent


def audit_record(
    *,
    actor,
    action: str,
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
        action=action,
        employee=employee,
        employee_label=employee.full_name if employee else "",
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        ip_address=ip_address or current_ip.get(),
        detail=detail or {},
    )
