"""An uploaded employee file, kept between the preview and the confirmation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import Organisation


class ImportBatch(models.Model):
    """One upload of employees, units and managers from a payroll or HR system.

    The file's bytes are kept here until the import is applied, so that the
    confirmation re-reads and re-validates exactly what was previewed; then
    only the hash and the counts are kept.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        APPLIED = "applied", _("Applied")
        DISCARDED = "discarded", _("Discarded")

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="import_batches", verbose_name=_("organisation")
    )
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"), blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    full = models.BooleanField(
        _("the file lists all employees"), default=False,
        help_text=_("Employees not in the file are marked as having left."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PREVIEWED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("applied by")
    )
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        verbose_name = _("employee import")
        verbose_name_plural = _("employee imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"
