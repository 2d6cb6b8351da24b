"""What the app keeps of its exchanges with NAV.

Of a sick note only what the app needs is kept: its id and running number, the
business unit, the employee it matched (or why none), when NAV received it, and
the periods with kind and grade. No diagnosis, no message from the doctor.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import Employee, Unit


class Integration(models.Model):
    """The NAV integration of one business unit (virksomhet): on or off, and how it last went."""

    unit = models.OneToOneField(Unit, models.CASCADE, related_name="nav_integration", verbose_name=_("unit"))
    enabled = models.BooleanField(_("fetch sick notes from NAV"), default=False)
    last_fetch_at = models.DateTimeField(_("last fetch"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last successful fetch"), null=True, blank=True)
    last_error_code = models.CharField(_("last error"), max_length=60, blank=True)
    last_error_at = models.DateTimeField(_("time of last error"), null=True, blank=True)
    # NAV's running number (løpenummer) of the newest note fetched: the next fetch asks for later ones.
    last_loepenr = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("NAV integration")
        verbose_name_plural = _("NAV integrations")

    def __str__(self) -> str:
        return f"{self.unit} ({self.unit.business_number})"

    @property
    def last_error(self) -> str:
        from .errors import message_for

        return message_for(self.last_error_code) if self.last_error_code else ""


class ReceivedSickNote(models.Model):
    """A sick note (sykmelding) fetched from NAV, and what the app did with it."""

    class Status(models.TextChoices):
        RECORDED = "recorded", _("Recorded on the case")
        UNMATCHED = "unmatched", _("No employee matches")
        AMBIGUOUS = "ambiguous", _("More than one employee matches")
        INVALID = "invalid", _("Could not be recorded")

    sykmelding_id = models.UUIDField(_("sick note id at NAV"), unique=True)
    loepenr = models.BigIntegerField(_("NAV's running number"))
    integration = models.ForeignKey(Integration, models.CASCADE, related_name="sick_notes",
                                    verbose_name=_("integration"))
    employee = models.ForeignKey(Employee, models.SET_NULL, null=True, blank=True, related_name="nav_sick_notes",
                                 verbose_name=_("employee"))
    status = models.CharField(_("status"), max_length=12, choices=Status)
    problem = models.CharField(_("why it waits"), max_length=300, blank=True)
    # For HR's queue: the name on the note, the identity number only encrypted.
    name_on_note = models.CharField(_("name on the note"), max_length=200, blank=True)
    national_id_encrypted = models.TextField(blank=True, default="")
    national_id_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    received_by_nav_at = models.DateTimeField(_("received by NAV"))
    fetched_at = models.DateTimeField(_("fetched"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # [{"kind": …, "start": "YYYY-MM-DD", "end": …, "grade": …}], the note's periods as the app reads them.
    periods = models.JSONField(default=list)
    absence_periods = models.ManyToManyField("cases.AbsencePeriod", blank=True, related_name="nav_sick_notes")

    class Meta:
        verbose_name = _("sick note from NAV")
        verbose_name_plural = _("sick notes from NAV")
        ordering = ["-received_by_nav_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.sykmelding_id} {self.status}"

    @property
    def waiting(self) -> bool:
        return self.status != self.Status.RECORDED

    @property
    def national_id_masked(self) -> str:
        from organisation.national_id import decrypt, mask

        return mask(decrypt(self.national_id_encrypted)) if self.national_id_encrypted else ""

    @property
    def period_dates(self) -> list[dict]:
        from datetime import date

        return [{**p, "start": date.fromisoformat(p["start"]), "end": date.fromisoformat(p["end"])}
                for p in self.periods]


class PlanSubmission(models.Model):
    """A completed plan version sent to NAV and/or the GP through lps-oppfolgingsplan-mottak; once per version."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        RETRYING = "retrying", _("Not sent yet; trying again")
        SENT = "sent", _("Received by NAV")
        FAILED = "failed", _("Not sent")

    version = models.OneToOneField("followup_plans.PlanVersion", models.PROTECT, related_name="nav_submission",
                                   verbose_name=_("plan version"))
    to_nav = models.BooleanField(_("to NAV"))
    to_gp = models.BooleanField(_("to the GP (fastlege)"))
    nav_reason = models.CharField(_("why it is sent to NAV"), max_length=15, blank=True)
    needs_help_from_nav = models.BooleanField(_("we need help from NAV"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error_code = models.CharField(_("last error"), max_length=60, blank=True)
    nav_uuid = models.CharField(_("id at NAV"), max_length=64, blank=True)
    sent_to_nav = models.BooleanField(_("NAV has it"), null=True)
    sent_to_gp = models.BooleanField(_("the GP has it"), null=True)
    status_checked_at = models.DateTimeField(_("status checked"), null=True, blank=True)
    created_by = models.ForeignKey("auth.User", models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan sent through NAV's API")
        verbose_name_plural = _("plans sent through NAV's API")

    def __str__(self) -> str:
        return f"{self.version} {self.status}"

    @property
    def last_error(self) -> str:
        from .errors import message_for

        return message_for(self.last_error_code) if self.last_error_code else ""


class PlanSubmissionAttempt(models.Model):
    """One try at sending a plan: when, and how it went."""

    submission = models.ForeignKey(PlanSubmission, models.CASCADE, related_name="attempt_log")
    at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=60)  # "ok" or an error code

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.submission_id} {self.outcome}"
