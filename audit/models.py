"""Who read or changed what, when and from where. Append-only."""

from django.conf import settings
from django.db import connections, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import actions


class AppendOnlyError(Exception):
    """The audit log is never changed or deleted through the app."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be updated.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")

    def purge_older_than(self, cutoff) -> int:
        """The retention job's deletion of events past the retention period; nothing else deletes.

        On PostgreSQL a trigger refuses every DELETE (migration 0003) but one made while the transaction
        has `sykefravaer.audit_retention` set, as it is here around this one statement.
        """
        connection = connections[self.db]
        postgresql = connection.vendor == "postgresql"
        with transaction.atomic(using=self.db):
            if postgresql:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('sykefravaer.audit_retention', 'on', true)")
            try:
                deleted, _ = models.QuerySet.delete(self.filter(at__lt=cutoff))
            finally:
                if postgresql:  # open for this one statement, not for the rest of an enclosing transaction
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT set_config('sykefravaer.audit_retention', 'off', true)")
        return deleted


class AuditEvent(models.Model):
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
        db_constraint=False,
    )
    # Kept as text too, so the record survives the user account.
    actor_label = models.CharField(_("user"), max_length=150, blank=True)
    # The registered actions (audit/actions.py), read when used: listing a new one needs no migration.
    action = models.CharField(_("action"), max_length=60, db_index=True, choices=actions.choices)
    employee = models.ForeignKey(
        "organisation.Employee",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employee"),
        db_constraint=False,
    )
    employee_label = models.CharField(_("employee"), max_length=200, blank=True)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["employee", "-at"], name="audit_employee_at"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")
