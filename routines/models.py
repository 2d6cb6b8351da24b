"""The employer's routines beside the statutory follow-up (Kristiansand kommune's and the like).

- `RoutineSettings`: which of the three routines the organisation uses, and their numbers.
- The max-date letter: its organisation-editable template (on `RoutineSettings`) and each
  `MaxDateLetter` sent, with the max date it told.
- Difficult cases: `Flag`, one row per rule that holds for an employee or a case; never a diagnosis
  or a judgement, only the rule.
- The occupational health service (BHT): `OccupationalHealthService` and `BhtInvolvement`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from organisation.models import Employee, Organisation

NO_HEALTH_DATA = _("No medical details or diagnoses.")


class RoutineSettings(models.Model):
    """One organisation's settings for the three routines; defaults apply where no row exists."""

    organisation = models.OneToOneField(
        Organisation, models.CASCADE, related_name="routine_settings", verbose_name=_("organisation")
    )
    # The max-date letter ("ca. 2–3 måneder før maksdato").
    letter_enabled = models.BooleanField(_("max-date letter in use"), default=True)
    letter_weeks_from = models.PositiveSmallIntegerField(_("letter task opens (weeks before the max date)"), default=12)
    letter_weeks_until = models.PositiveSmallIntegerField(
        _("letter to be sent by (weeks before the max date)"), default=8
    )
    letter_sender = models.CharField(
        _("sender (department)"), max_length=200, blank=True, help_text=_("E.g. the payroll office or HR.")
    )
    letter_after_text = models.TextField(
        _("what happens after the max date"), blank=True, help_text=_("Left empty, the standard text is used.")
    )
    letter_aap_text = models.TextField(
        _("work assessment allowance (AAP)"), blank=True, help_text=_("Left empty, the standard text is used.")
    )
    letter_contact_text = models.TextField(
        _("whom to contact"), blank=True, help_text=_("Left empty, the standard text is used.")
    )
    letter_pension_text = models.TextField(
        _("pension scheme: disability pension"),
        blank=True,
        help_text=_("Left empty, the letter says nothing about a pension scheme."),
    )
    # Difficult cases.
    flags_enabled = models.BooleanField(_("difficult-case flags in use"), default=True)
    long_absence_weeks = models.PositiveSmallIntegerField(_("a long absence (weeks)"), default=8)
    frequent_occasions_6m = models.PositiveSmallIntegerField(_("frequent: occasions in 6 months"), default=3)
    frequent_occasions_12m = models.PositiveSmallIntegerField(_("frequent: occasions in 12 months"), default=4)
    # The occupational health service.
    bht_enabled = models.BooleanField(_("occupational health service in use"), default=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("changed by")
    )

    class Meta:
        verbose_name = _("routine settings")
        verbose_name_plural = _("routine settings")

    def __str__(self) -> str:
        return str(self.organisation)


class MaxDateLetter(models.Model):
    """A max-date letter sent to the employee: when, how, by whom, and the max date it told."""

    class Channel(models.TextChoices):
        LETTER = "letter", _("Letter")
        EMAIL = "email", _("E-mail")

    case = models.ForeignKey(Case, models.CASCADE, related_name="max_date_letters", verbose_name=_("case"))
    max_date = models.DateField(_("max date in the letter"))
    from_nav = models.BooleanField(_("NAV's own max date"), default=False)
    channel = models.CharField(_("sent as"), max_length=6, choices=Channel)
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("sent by")
    )
    # The max date it was found to have moved to, once HR was told (one notice per new date).
    moved_to = models.DateField(_("max date moved to"), null=True, blank=True)

    class Meta:
        verbose_name = _("max-date letter")
        verbose_name_plural = _("max-date letters")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.max_date} {self.sent_on}"


class Flag(models.Model):
    """A rule of the difficult-case routine that holds for an employee or a case; shown with the rule, never more.

    Frequent absences are the employee's (`case` empty); the other rules belong to one case.
    """

    class Rule(models.TextChoices):
        LONG_NO_PROGRESS = "long_no_progress", _("Long absence, plan evaluation overdue or without effect")
        FREQUENT = "frequent", _("Frequent absences")
        DM1_NOT_HELD = "dm1_not_held", _("Dialogue meeting 1 not held")

    employee = models.ForeignKey(Employee, models.CASCADE, related_name="+", verbose_name=_("employee"))
    case = models.ForeignKey(Case, models.CASCADE, null=True, blank=True, related_name="flags", verbose_name=_("case"))
    rule = models.CharField(_("rule"), max_length=20, choices=Rule)
    # The numbers behind the rule's sentence (weeks, occasions, dates): no text, no health data.
    detail = models.JSONField(default=dict, blank=True)
    raised_on = models.DateField(_("raised on"))
    cleared_on = models.DateField(_("cleared on"), null=True, blank=True)

    class Meta:
        verbose_name = _("difficult-case flag")
        verbose_name_plural = _("difficult-case flags")
        ordering = ["rule", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "rule"],
                condition=Q(cleared_on=None, case__isnull=False),
                name="one_open_case_flag_per_rule",
            ),
            models.UniqueConstraint(
                fields=["employee", "rule"],
                condition=Q(cleared_on=None, case__isnull=True),
                name="one_open_employee_flag_per_rule",
            ),
        ]
        indexes = [models.Index(fields=["employee"], condition=Q(cleared_on=None), name="open_flags")]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.case_id} {self.rule}"


class OccupationalHealthService(models.Model):
    """The organisation's occupational health service (bedriftshelsetjenesten, BHT)."""

    organisation = models.OneToOneField(
        Organisation, models.CASCADE, related_name="occupational_health_service", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("occupational health service")
        verbose_name_plural = _("occupational health services")

    def __str__(self) -> str:
        return self.name


class BhtInvolvement(models.Model):
    """That the occupational health service was involved in a case, and how (no content of its advice)."""

    class Kind(models.TextChoices):
        ADVICE = "advice", _("Asked for advice")
        MEETING = "meeting", _("Took part in a meeting")
        WORKPLACE_ASSESSMENT = "workplace_assessment", _("Made a workplace assessment")

    case = models.ForeignKey(Case, models.CASCADE, related_name="bht_involvements", verbose_name=_("case"))
    kind = models.CharField(_("how"), max_length=24, choices=Kind)
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=NO_HEALTH_DATA)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("occupational health service involvement")
        verbose_name_plural = _("occupational health service involvements")
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.on}"
