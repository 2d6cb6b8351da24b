"""Writes to the organisation: every change goes through here."""

from django.db import transaction

from .models import Employee, Unit
from .signals import managers_changed


@transaction.atomic
def unit_save(*, unit: Unit) -> Unit:
    """Save a unit and keep the materialised paths of it and its subtree right."""
    if unit.parent_id and unit.pk and unit.parent.path.startswith(unit.path or "\0"):
        raise ValueError("A unit cannot be placed below itself.")
    old_path = unit.path
    unit.save()
    parent_path = unit.parent.path if unit.parent_id else "/"
    new_path = f"{parent_path}{unit.pk}/"
    if new_path != old_path:
        Unit.objects.filter(pk=unit.pk).update(path=new_path)
        unit.path = new_path
        if old_path:
            for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
                child.path = new_path + child.path[len(old_path) :]
                child.save(update_fields=["path"])
    return unit


@transaction.atomic
def employee_manager_set(*, employee: Employee, manager: Employee | None, source: str = "manual") -> Employee:
    """Make `manager` the employee's nearest manager; apps that follow managers (NAV) are told on commit."""
    if manager is not None and manager.pk == employee.pk:
        raise ValueError("An employee cannot be their own manager.")
    before = employee.manager_id
    employee.manager = manager
    employee.save(update_fields=["manager"])
    if before != employee.manager_id:  # the caller audits; organisation sits beside audit, not above it
        transaction.on_commit(lambda: managers_changed.send(sender=Employee, employee_ids=[employee.pk], source=source))
    return employee
