"""Self-certification (egenmelding): the employee's own report of a short absence.

The employee reports dates, whether the absence is related to work and a
declaration; the manager confirms it, and the confirmed days become an
absence period of kind egenmelding in the employee's case. No diagnosis,
symptom or other medical detail is asked for or stored.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

import deadlines
from cases.models import AbsencePeriod
from organisation.models import Employee, Organisation


class SelfCertificationQuerySet(models.QuerySet):
    def pending(self) -> "SelfCertificationQuerySet":
        """Waiting for the manager: submitted, not yet confirmed."""
        return self.filter(status=SelfCertification.Status.SUBMITTED)

    def open(self) -> "SelfCertificationQuerySet":
        """Not decided for good: submitted, or sent back to the employee for correction."""
        return self.filter(status__in=SelfCertification.OPEN_STATUSES)


class SelfCertification(models.Model):
    """A self-certification (egenmelding) reported by the employee."""

    class WorkRelated(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNSURE = "unsure", _("Not sure")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for the manager's confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        CORRECTION_REQUESTED = "correction_requested", _("Correction requested")
        CANCELLED = "cancelled", _("Withdrawn by the employee")

    OPEN_STATUSES = (Status.SUBMITTED, Status.CORRECTION_REQUESTED)

    employee = models.ForeignKey(
        Employee, models.PROTECT, related_name="self_certifications", verbose_name=_("employee")
    )
    start = models.DateField(pgettext_lazy("period", "from"))
    end = models.DateField(pgettext_lazy("period", "to"))
    # Set only when the employee asked for more days than allowed and chose to
    # submit the allowed days: the app never shortens a report silently.
    requested_end = models.DateField(_("last day reported"), null=True, blank=True)
    work_related = models.CharField(_("related to work"), max_length=8, choices=WorkRelated)
    declaration = models.BooleanField(_("the employee declared that the information is true"), default=False)
    status = models.CharField(_("status"), max_length=24, choices=Status, default=Status.SUBMITTED)
    manager_comment = models.TextField(_("manager's comment"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # The absence period the confirmation registered; a manager may later change or remove it in the case.
    period = models.OneToOneField(
        AbsencePeriod,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="self_certification",
        verbose_name=_("absence period"),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SelfCertificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-certification")
        verbose_name_plural = _("self-certifications")
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="selfcert_end_not_before_start"),
            models.CheckConstraint(
                condition=Q(requested_end__isnull=True) | Q(requested_end__gt=F("end")),
                name="selfcert_requested_end_after_end",
            ),
            models.CheckConstraint(condition=Q(declaration=True), name="selfcert_declared"),
        ]
        indexes = [
            models.Index(fields=["status", "employee"], name="selfcert_status_employee"),
            models.Index(fields=["employee", "start"], name="selfcert_employee_start"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} {self.start} – {self.end}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def as_date_range(self) -> deadlines.DateRange:
        return deadlines.DateRange(self.start, self.end)


class EgenmeldingPolicy(models.Model):
    """The organisation's extended right to self-certify (R16), set by HR.

    Without a row the statutory rule applies: 3 calendar days per occasion.
    """

    organisation = models.OneToOneField(
        Organisation, models.CASCADE, related_name="egenmelding_policy", verbose_name=_("organisation")
    )
    max_days_per_occasion = models.PositiveSmallIntegerField(
        _("days per occasion"),
        validators=[MinValueValidator(1), MaxValueValidator(16)],
        help_text=_("Calendar days, 1–16. The law gives 3; more can be granted within the employer period."),
    )
    max_days_per_12_months = models.PositiveSmallIntegerField(
        _("days per 12 months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no yearly limit."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("changed by")
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("self-certification policy")
        verbose_name_plural = _("self-certification policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_days_per_occasion__gte=1, max_days_per_occasion__lte=16),
                name="egenmelding_policy_days_per_occasion_1_to_16",
            ),
            models.CheckConstraint(
                condition=Q(max_days_per_12_months__isnull=True) | Q(max_days_per_12_months__gte=1),
                name="egenmelding_policy_year_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.max_days_per_occasion}/{self.max_days_per_12_months or '–'}"

    def as_engine_policy(self) -> deadlines.EgenmeldingPolicy:
        return deadlines.EgenmeldingPolicy(self.max_days_per_occasion, self.max_days_per_12_months)


class Withdrawal(models.Model):
    """HR's decision that an employee may not self-certify for a period (§ 8-27, R15).

    Never made by the app: HR records it, after 4 or more occasions in 12 months.
    """

    employee = models.ForeignKey(
        Employee, models.PROTECT, related_name="egenmelding_withdrawals", verbose_name=_("employee")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("decided by")
    )
    decided_on = models.DateField(_("decided on"))
    reason = models.TextField(_("reason"))
    valid_from = models.DateField(pgettext_lazy("period", "from"))
    valid_to = models.DateField(pgettext_lazy("period", "to"))
    occasions_12m = models.PositiveSmallIntegerField(_("occasions in the 12 months before the decision"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("withdrawal of the right to self-certify")
        verbose_name_plural = _("withdrawals of the right to self-certify")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__gte=F("valid_from")), name="withdrawal_to_not_before_from"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} {self.valid_from} – {self.valid_to}"


class MayWithdrawNotice(models.Model):
    """HR was told that an employee reached this many occasions in 12 months (R15).

    One row per employee and occasion count, so each count is e-mailed once.
    """

    employee = models.ForeignKey(Employee, models.CASCADE, related_name="+", verbose_name=_("employee"))
    occasions = models.PositiveSmallIntegerField(_("occasions in 12 months"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("notice to HR")
        verbose_name_plural = _("notices to HR")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "occasions"], name="one_notice_per_employee_and_count"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} {self.occasions}"
