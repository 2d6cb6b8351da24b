"""Writes to the organisation: every change goes through here."""

from django.db import transaction

from .models import Unit


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
