"""The organisation's own follow-up routine, and the quality self-assessment of the follow-up practice."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisation.models import Organisation


class RoutineStep(models.Model):
    """A step of the organisation's own follow-up routine (egen rutine), on top of the statutory milestones.

    Each open case gets the step as a milestone of its own (key "org-<id>"); see hr/routine.py.
    Steps are never deleted, only ended, so that what cases did about them keeps its name.
    """

    class Anchor(models.TextChoices):
        CASE_START = "case_start", _("the first day of absence")
        MILESTONE = "milestone", _("a statutory milestone")
        MAX_DATE = "max_date", _("the max date")

    class OffsetUnit(models.TextChoices):
        DAYS = "days", _("days")
        WEEKS = "weeks", _("weeks")
        MONTHS = "months", _("months")

    class Responsible(models.TextChoices):
        MANAGER = "manager", _("Nearest manager")
        HR = "hr", _("HR")
        EMPLOYEE = "employee", _("Employee")

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="routine_steps", verbose_name=_("organisation")
    )
    name_nb = models.CharField(_("name (Norwegian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    anchor = models.CharField(_("counted from"), max_length=12, choices=Anchor, default=Anchor.CASE_START)
    anchor_milestone = models.CharField(_("statutory milestone"), max_length=40, blank=True)  # a MilestoneKey
    # From the first day of absence: the step is due within this many days/weeks/months (day 1 is the
    # first day, as for the statutory milestones). From a milestone or the max date: signed, negative is before.
    offset = models.IntegerField(_("offset"))
    offset_unit = models.CharField(_("unit"), max_length=6, choices=OffsetUnit, default=OffsetUnit.DAYS)
    responsible = models.CharField(_("responsible"), max_length=10, choices=Responsible, default=Responsible.MANAGER)
    reminder_nb = models.TextField(_("reminder text (Norwegian)"))
    reminder_en = models.TextField(_("reminder text (English)"))
    active = models.BooleanField(_("in use"), default=True)
    active_from = models.DateField(_("applies from"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("changed by")
    )

    class Meta:
        verbose_name = _("routine step")
        verbose_name_plural = _("routine steps")
        ordering = ["organisation", "-active", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(anchor="milestone") & ~Q(anchor_milestone=""))
                | (~Q(anchor="milestone") & Q(anchor_milestone="")),
                name="routine_step_anchor_milestone_with_milestone_anchor",
            ),
            models.CheckConstraint(
                condition=~Q(anchor="case_start") | Q(offset__gte=1), name="routine_step_case_start_offset_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name_nb

    @property
    def key(self) -> str:
        """The key of the step's milestone on each case."""
        return f"org-{self.pk}"

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_nb

    def reminder(self, language: str) -> str:
        return self.reminder_en if language == "en" else self.reminder_nb


class RoutineStepChange(models.Model):
    """The change log of the routine: who created, changed, ended or resumed a step, and what changed."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        CHANGED = "changed", _("Changed")
        ENDED = "ended", _("Taken out of use")
        RESUMED = "resumed", _("Taken into use again")

    step = models.ForeignKey(RoutineStep, models.CASCADE, related_name="changes", verbose_name=_("routine step"))
    at = models.DateTimeField(_("time"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    action = models.CharField(_("action"), max_length=8, choices=Action)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("routine change")
        verbose_name_plural = _("routine changes")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.step_id} {self.action} {self.at:%Y-%m-%d}"


class QualityRound(models.Model):
    """One round of the quality self-assessment ("Sjekk kvaliteten"), by HR and the working environment committee."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="quality_rounds", verbose_name=_("organisation")
    )
    held_on = models.DateField(_("date of the assessment"))
    participants = models.CharField(
        _("who took part"),
        max_length=300,
        blank=True,
        help_text=_("For example: HR, the working environment committee (AMU), the safety representative."),
    )
    note = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )

    class Meta:
        verbose_name = _("quality self-assessment")
        verbose_name_plural = _("quality self-assessments")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.held_on}"


class QualityAnswer(models.Model):
    """The rating of one statement in one round, with the measures agreed."""

    round = models.ForeignKey(QualityRound, models.CASCADE, related_name="answers", verbose_name=_("round"))
    statement = models.CharField(_("statement"), max_length=40)  # a key of hr.quality.STATEMENTS
    score = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    measures = models.TextField(_("measures"), blank=True)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    due = models.DateField(_("by"), null=True, blank=True)

    class Meta:
        verbose_name = _("quality rating")
        verbose_name_plural = _("quality ratings")
        constraints = [
            models.UniqueConstraint(fields=["round", "statement"], name="one_answer_per_statement_per_round"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5), name="quality_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statement} {self.score}"
