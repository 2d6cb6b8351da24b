"""An uploaded employee file, kept between the preview and the confirmation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import Organisation


class ImportBatch(models.Model):
    """One upload of employees, units and managers from a payroll or HR system.

    The file is read once, at the upload; what was read (`parsed`) is kept here
    until the import is applied, so that the preview and the confirmation
    check exactly what was uploaded without reading the file again; then only
    the hash and the counts are kept. A confirmed import is applied in the
    background (imports/tasks.py) while the page shows its progress.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        APPLYING = "applying", _("Being imported")
        APPLIED = "applied", _("Applied")
        DISCARDED = "discarded", _("Discarded")

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="import_batches", verbose_name=_("organisation")
    )
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"), blank=True)  # empty for uploads kept as `parsed`
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    full = models.BooleanField(
        _("the file lists all employees"),
        default=False,
        help_text=_("Employees not in the file are marked as having left."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PREVIEWED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("applied by")
    )
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    parsed = models.JSONField(_("rows read from the file"), default=dict, blank=True, editable=False)
    # The preview the user confirmed, checked again by the background task before it writes anything.
    confirmed_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    # Why the last confirmation was refused (an ImportRefused code), shown on the preview.
    refused = models.CharField(max_length=20, blank=True, editable=False)

    class Meta:
        verbose_name = _("employee import")
        verbose_name_plural = _("employee imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"
