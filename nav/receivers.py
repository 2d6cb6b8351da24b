"""Following the organisation: a change of nearest manager or a delegation makes NAV's leader follow.

Connected in NavConfig.ready(). Each receiver only schedules `leaders_sync` after the commit;
the sync decides whether anything must be told to NAV (an outbox row), so a save that did not
change the leader tells NAV nothing.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from organisation.models import Delegation, Employee
from organisation.signals import managers_changed


def _sync_later(employee_ids, reason: str) -> None:
    from .leaders import leaders_sync

    ids = list(employee_ids)
    if ids:
        transaction.on_commit(lambda: leaders_sync(employee_ids=ids, reason=reason))


def employee_saved(sender, instance: Employee, created: bool, update_fields=None, **kwargs) -> None:
    if created or kwargs.get("raw"):
        return  # a new employee has no sick leave NAV knows yet
    if update_fields is not None and not {"manager", "manager_id"} & set(update_fields):
        return
    _sync_later([instance.pk], "manual")


def managers_were_changed(sender, employee_ids, source: str = "manual", **kwargs) -> None:
    from .leaders import leaders_sync

    leaders_sync(employee_ids=list(employee_ids), reason=source)


def delegation_changed(sender, instance: Delegation, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    _sync_later(Employee.objects.filter(manager_id=instance.manager_id).values_list("pk", flat=True), "delegation")


def connect() -> None:
    post_save.connect(employee_saved, sender=Employee, dispatch_uid="nav.employee_saved")
    managers_changed.connect(managers_were_changed, dispatch_uid="nav.managers_changed")
    post_save.connect(delegation_changed, sender=Delegation, dispatch_uid="nav.delegation_saved")
    post_delete.connect(delegation_changed, sender=Delegation, dispatch_uid="nav.delegation_deleted")
