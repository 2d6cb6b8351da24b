"""Follow-up plans (oppfølgingsplan), written by manager and employee together.

A case has a plan; the plan has numbered versions. The manager drafts a
version, the employee comments on it, assesses the work tasks and proposes
measures, and both approve. An approved version is frozen; the next one starts
as a copy of it. The fields follow arbeidsmiljøloven § 4-6 third paragraph and
NAV's interface for plans from HR systems (see nav_export.py), so a plan can be
sent on without re-typing. Work ability is described in work terms only: no
field holds a diagnosis.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.models import Case

NO_MEDICAL_INFO = _("Describe it in work terms only. Do not record diagnoses or other medical information.")


def _with_no_medical_info(text) -> str:
    return format_lazy("{} {}", text, NO_MEDICAL_INFO)


class FollowupPlan(models.Model):
    """The follow-up plan (oppfølgingsplan) of a case, with its versions.

    That a plan is not needed ("åpenbart unødvendig") is the case milestone's
    state (cases.CaseMilestone.not_required_reason), not kept here twice.
    """

    case = models.ForeignKey(Case, models.CASCADE, related_name="followup_plans", verbose_name=_("case"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )

    class Meta:
        verbose_name = _("follow-up plan")
        verbose_name_plural = _("follow-up plans")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case} plan {self.pk}"


class PlanVersionQuerySet(models.QuerySet):
    def completed(self) -> "PlanVersionQuerySet":
        return self.filter(status=PlanVersion.Status.COMPLETED)

    def drafts(self) -> "PlanVersionQuerySet":
        return self.filter(status=PlanVersion.Status.DRAFT)


class PlanVersion(models.Model):
    """One numbered version of a plan: a draft being written, or a completed (frozen) version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMPLETED = "completed", _("Completed")

    class Holder(models.TextChoices):
        EMPLOYER = "employer", _("Employer")
        EMPLOYEE = "employee", _("Employee")

    plan = models.ForeignKey(FollowupPlan, models.CASCADE, related_name="versions", verbose_name=_("plan"))
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    copied_from = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("copied from")
    )
    # Raised by every save of the plan's text, so two editors cannot overwrite each other unseen.
    revision = models.PositiveIntegerField(default=0)
    # Whose turn it is with the draft: the manager writes, then hands it to the employee for review and back.
    holder = models.CharField(_("with"), max_length=10, choices=Holder, default=Holder.EMPLOYER)
    handed_over_at = models.DateTimeField(_("handed over"), null=True, blank=True)

    period_start = models.DateField(pgettext_lazy("plan period", "from"), null=True, blank=True)
    period_end = models.DateField(
        pgettext_lazy("plan period", "to"),
        null=True,
        blank=True,
        help_text=_("Adjustments are for a limited time; the plan is evaluated and renewed."),
    )
    typical_workday = models.TextField(
        _("the employee's typical working day"),
        blank=True,
        help_text=_with_no_medical_info(_("Hours, place, tasks and demands of an ordinary day.")),
    )
    previous_adjustments = models.TextField(
        _("adjustments already tried"),
        blank=True,
        help_text=_with_no_medical_info(_("What has been tried so far, and what effect it had.")),
    )
    other_options = models.TextField(
        _("other adjustment options"),
        blank=True,
        help_text=_with_no_medical_info(_("Options not tried yet, e.g. help from the occupational health service.")),
    )
    follow_up = models.TextField(
        _("how the follow-up will be done"),
        blank=True,
        help_text=_with_no_medical_info(_("Who follows up, how often and how, e.g. a short talk every Monday.")),
    )
    evaluation_date = models.DateField(
        _("evaluation date"),
        null=True,
        blank=True,
        help_text=_("When manager and employee evaluate the plan together."),
    )
    send_to_nav = models.BooleanField(_("send the plan to NAV"), default=False)
    needs_help_from_nav = models.BooleanField(_("we need help from NAV"), default=False)
    help_from_nav_description = models.TextField(
        _("what we need help from NAV with"),
        blank=True,
        help_text=_with_no_medical_info(_("Required when you need help from NAV.")),
    )
    send_to_gp = models.BooleanField(_("send the plan to the employee's doctor"), default=True)
    message_to_gp = models.TextField(_("message to the doctor"), blank=True, help_text=NO_MEDICAL_INFO)
    additional_information = models.TextField(_("other information"), blank=True, help_text=NO_MEDICAL_INFO)
    contact_person_name = models.CharField(_("employer's contact person"), max_length=200, blank=True)
    contact_person_phone = models.CharField(_("contact person's phone"), max_length=30, blank=True)
    contact_person_email = models.EmailField(_("contact person's e-mail"), blank=True)
    employee_contributed = models.BooleanField(_("the employee took part in the plan"), default=True)
    employee_not_contributed_reason = models.TextField(
        _("why the employee did not take part"),
        blank=True,
        help_text=_with_no_medical_info(_("Required when the employee did not take part.")),
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last saved by"),
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    objects = PlanVersionQuerySet.as_manager()

    # The plan's own fields in reading order: the form, the diff and the PDF follow it.
    CONTENT_FIELDS = (
        "period_start",
        "period_end",
        "typical_workday",
        "previous_adjustments",
        "other_options",
        "follow_up",
        "evaluation_date",
        "send_to_nav",
        "needs_help_from_nav",
        "help_from_nav_description",
        "send_to_gp",
        "message_to_gp",
        "additional_information",
        "contact_person_name",
        "contact_person_phone",
        "contact_person_email",
        "employee_contributed",
        "employee_not_contributed_reason",
    )

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
            models.UniqueConstraint(fields=["plan"], condition=Q(status="draft"), name="one_draft_per_plan"),
            models.CheckConstraint(
                condition=(
                    Q(period_end__isnull=True) | Q(period_start__isnull=True) | Q(period_end__gte=F("period_start"))
                ),
                name="plan_period_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(completed_at__isnull=False), name="completed_version_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED


class PlanTask(models.Model):
    """A work task (arbeidsoppgave) and whether it can be done now."""

    class Assessment(models.TextChoices):
        NOT_ASSESSED = "", _("Not assessed yet")
        CAN = "can", _("Can be done")
        CAN_WITH_ADJUSTMENT = "can_adjusted", _("Can be done with adjustment")
        CANNOT = "cannot", _("Cannot be done")

    class Adjustment(models.TextChoices):
        OTHER_PLACE = "other_place", _("from another place")
        MORE_TIME = "more_time", _("with more time")
        HELP_OR_AIDS = "help_or_aids", _("with help or aids")
        OTHER = "other", _("other (described)")

    version = models.ForeignKey(PlanVersion, models.CASCADE, related_name="tasks", verbose_name=_("plan version"))
    # The same task keeps its key in every version, so versions can be compared.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("work task"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=NO_MEDICAL_INFO)
    assessment = models.CharField(_("assessment"), max_length=20, choices=Assessment, blank=True, default="")
    adjustments = models.JSONField(_("how it can be done"), default=list, blank=True)
    adjustment_description = models.TextField(
        _("the adjustment, described"),
        blank=True,
        help_text=_with_no_medical_info(_("What has to change for the task to be done.")),
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )

    class Meta:
        verbose_name = _("work task")
        verbose_name_plural = _("work tasks")
        ordering = ["version", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="plan_task_key_unique")]

    def __str__(self) -> str:
        return self.title

    def adjustments_display(self) -> list[str]:
        labels = dict(self.Adjustment.choices)
        return [str(labels[a]) for a in self.adjustments if a in labels]


class PlanMeasure(models.Model):
    """A measure (tiltak): an adjustment planned, who is responsible and for how long."""

    class Responsible(models.TextChoices):
        EMPLOYER = "employer", _("Employer")
        EMPLOYEE = "employee", _("Employee")
        OCCUPATIONAL_HEALTH = "occupational_health", _("Occupational health service")
        NAV = "nav", _("NAV")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        AGREED = "agreed", _("Agreed")
        NOT_RELEVANT = "not_relevant", _("Not relevant")
        DONE = "done", pgettext_lazy("measure", "Done")

    version = models.ForeignKey(PlanVersion, models.CASCADE, related_name="measures", verbose_name=_("plan version"))
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(default=0)
    description = models.TextField(_("measure"), help_text=NO_MEDICAL_INFO)
    responsible = models.CharField(_("responsible"), max_length=20, choices=Responsible, default=Responsible.EMPLOYER)
    start = models.DateField(pgettext_lazy("measure", "from"), null=True, blank=True)
    end = models.DateField(pgettext_lazy("measure", "to"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=15, choices=Status, default=Status.PROPOSED)
    task = models.ForeignKey(
        PlanTask,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("work task it helps with"),
    )
    comment = models.TextField(_("comments"), blank=True, help_text=NO_MEDICAL_INFO)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["version", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="plan_measure_key_unique"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="plan_measure_end_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:60]


class PlanComment(models.Model):
    """A comment on a draft, usually the employee's."""

    version = models.ForeignKey(PlanVersion, models.CASCADE, related_name="comments", verbose_name=_("plan version"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("written by")
    )
    author_name = models.CharField(_("written by"), max_length=200)
    by_employee = models.BooleanField(_("written by the employee"), default=False)
    text = models.TextField(_("comment"), help_text=NO_MEDICAL_INFO)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"


class PlanApproval(models.Model):
    """One side's approval of a version: the employee's and the employer's."""

    class Role(models.TextChoices):
        EMPLOYEE = "employee", _("Employee")
        EMPLOYER = "employer", _("Employer")

    version = models.ForeignKey(PlanVersion, models.CASCADE, related_name="approvals", verbose_name=_("plan version"))
    role = models.CharField(_("approved as"), max_length=10, choices=Role)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("approved by")
    )
    by_name = models.CharField(_("approved by"), max_length=200)
    at = models.DateTimeField(_("approved"), auto_now_add=True)
    # Set when the manager completed the plan alone because the employee could not take part.
    without_employee = models.BooleanField(_("completed without the employee"), default=False)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        ordering = ["at", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "role"], name="one_approval_per_side")]

    def __str__(self) -> str:
        return f"{self.version} {self.role} {self.by_name}"


class PlanEvaluation(models.Model):
    """The evaluation of a completed version at its evaluation date: effect, why, next steps."""

    class Effect(models.TextChoices):
        GOOD = "good", _("The measures worked")
        PARTLY = "partly", _("The measures partly worked")
        NONE = "none", _("The measures did not work")

    version = models.ForeignKey(PlanVersion, models.CASCADE, related_name="evaluations", verbose_name=_("plan version"))
    evaluated_on = models.DateField(_("evaluated on"))
    effect = models.CharField(_("effect"), max_length=10, choices=Effect)
    why = models.TextField(_("why"), help_text=NO_MEDICAL_INFO)
    next_steps = models.TextField(_("next steps"), help_text=NO_MEDICAL_INFO)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("evaluated by")
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-evaluated_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.version} {self.evaluated_on}"


class PlanSharing(models.Model):
    """A record that a completed version was sent to the employee's doctor or to NAV."""

    class Recipient(models.TextChoices):
        DOCTOR = "doctor", _("The employee's doctor")
        NAV = "nav", _("NAV")

    class NavReason(models.TextChoices):
        NAV_ASKED = "nav_asked", _("NAV asked for it")
        BEFORE_DIALOGUE_MEETING = "before_dm2", _("Before dialogue meeting 2")
        HELP_NEEDED = "help_needed", _("We need help from NAV")

    version = models.ForeignKey(PlanVersion, models.PROTECT, related_name="sharings", verbose_name=_("plan version"))
    recipient = models.CharField(_("sent to"), max_length=10, choices=Recipient)
    sent_on = models.DateField(_("sent on"))
    nav_reason = models.CharField(_("why it was sent to NAV"), max_length=15, choices=NavReason, blank=True)
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("How it was sent, e.g. through NAV's service or by post. No medical details."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("plan sent")
        verbose_name_plural = _("plans sent")
        ordering = ["sent_on", "pk"]

    def __str__(self) -> str:
        return f"{self.version} → {self.recipient} {self.sent_on}"


class MeasureTemplateQuerySet(models.QuerySet):
    def for_organisation(self, organisation_id) -> "MeasureTemplateQuerySet":
        """The organisation's own templates and the shared defaults every organisation starts with."""
        return self.filter(models.Q(organisation_id=organisation_id) | models.Q(organisation__isnull=True))


class MeasureTemplate(models.Model):
    """A common adjustment to start a measure from; HR for the whole organisation keeps its list.

    A template without an organisation is one of the defaults every organisation is offered
    (migration 0002); only an administrator changes those, in the admin.
    """

    organisation = models.ForeignKey(
        "organisation.Organisation",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="measure_templates",
        verbose_name=_("organisation"),
    )

    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("measure"), help_text=NO_MEDICAL_INFO)
    responsible = models.CharField(
        _("usually responsible"),
        max_length=20,
        choices=PlanMeasure.Responsible,
        default=PlanMeasure.Responsible.EMPLOYER,
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(_("offered to managers"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeasureTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("measure template")
        verbose_name_plural = _("measure templates")
        ordering = ["position", "title", "pk"]

    def __str__(self) -> str:
        return self.title
