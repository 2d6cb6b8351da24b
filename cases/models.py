"""Absence periods, follow-up cases (oppfølgingstilfelle) and their milestones.

Cases are derived by the deadline engine from the periods (cases/services.py);
they are stored so that what was done about them (conversations, plans,
meetings, milestone states) has something to belong to. No diagnosis or other
medical detail is stored anywhere.
"""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

import deadlines
from organisation.models import Employee

DUE_SOON_DAYS = 7


class AbsencePeriod(models.Model):
    """A sick note (sykmelding), self-certification (egenmelding), holiday or leave."""

    class Kind(models.TextChoices):
        # Values are the engine's period kinds (deadlines.PeriodKind).
        SICK = "sick", _("Sick note")
        EGENMELDING = "egenmelding", _("Self-certification")
        PENDING = "pending", _("Pending sick note (avventende)")
        TRAVEL_GRANT = "travel_grant", _("Travel grant (reisetilskudd)")
        TREATMENT_DAYS = "treatment_days", _("Treatment days (behandlingsdager)")
        HOLIDAY = "holiday", _("Holiday")
        LEAVE = "leave", _("Leave")

    class Source(models.TextChoices):
        REGISTERED = "registered", _("Registered by manager or HR")
        SELF_CERTIFICATION = "self_certification", _("Confirmed self-certification")
        IMPORT = "import", _("Imported")
        API = "api", _("Registered through the API")
        NAV = "nav", _("Received from NAV")

    employee = models.ForeignKey(Employee, models.PROTECT, related_name="absence_periods", verbose_name=_("employee"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    start = models.DateField(pgettext_lazy("period", "from"))
    end = models.DateField(pgettext_lazy("period", "to"))
    grade = models.PositiveSmallIntegerField(
        _("sick-leave grade (%)"),
        default=100,
        help_text=_("100 for full sick leave, 20–99 for graded, 0 for full activity."),
    )
    extends = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="extensions", verbose_name=_("extends")
    )
    source = models.CharField(_("source"), max_length=20, choices=Source, default=Source.REGISTERED)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("absence period")
        verbose_name_plural = _("absence periods")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="period_end_not_before_start"),
            models.CheckConstraint(
                condition=Q(grade=0) | Q(grade__gte=20, grade__lte=100), name="period_grade_0_or_20_to_100"
            ),
        ]
        indexes = [models.Index(fields=["employee", "start", "end"], name="period_employee_dates")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start} – {self.end}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def is_sick_note(self) -> bool:
        return self.kind in SICK_NOTE_KINDS

    def as_engine_period(self) -> deadlines.Period:
        # The engine checks the kind itself: an unknown one is its `unknown_kind` error, with a detail.
        return deadlines.Period(self.kind, self.start, self.end, self.grade if self.kind == self.Kind.SICK else 100)


# Kinds that cannot overlap each other for one employee: a day has one sick note.
SICK_NOTE_KINDS = {
    AbsencePeriod.Kind.SICK,
    AbsencePeriod.Kind.PENDING,
    AbsencePeriod.Kind.TRAVEL_GRANT,
    AbsencePeriod.Kind.TREATMENT_DAYS,
    AbsencePeriod.Kind.EGENMELDING,
}
TIME_OFF_KINDS = {AbsencePeriod.Kind.HOLIDAY, AbsencePeriod.Kind.LEAVE}


class CaseQuerySet(models.QuerySet):
    def current(self) -> "CaseQuerySet":
        """Cases that still count: not voided by a correction."""
        return self.exclude(status=Case.Status.VOID)

    def open(self) -> "CaseQuerySet":
        return self.filter(status=Case.Status.OPEN)

    def refresh_next_milestone(self) -> int:
        """Store each case's earliest milestone that still needs doing (one UPDATE); call it wherever they change."""
        following = CaseMilestone.objects.filter(case=models.OuterRef("pk")).needing_action().order_by("due", "pk")
        return self.update(
            next_milestone_due=models.Subquery(following.values("due")[:1]),
            next_milestone_key=Coalesce(models.Subquery(following.values("key")[:1]), models.Value("")),
        )


class Case(models.Model):
    """A follow-up case (oppfølgingstilfelle), as the deadline engine groups the periods."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        VOID = "void", _("Void (its periods were removed)")

    employee = models.ForeignKey(Employee, models.PROTECT, related_name="cases", verbose_name=_("employee"))
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.OPEN)
    start = models.DateField(_("first day of absence"))
    end = models.DateField(_("last day of absence"))
    sick_days = models.PositiveIntegerField(_("sick days"), default=0)
    employer_period_end = models.DateField(_("end of employer period"), null=True, blank=True)
    max_date_estimate = models.DateField(_("estimated max date"), null=True, blank=True)
    max_date_from_nav = models.DateField(
        _("max date from NAV"),
        null=True,
        blank=True,
        help_text=_("The max date NAV has given; it replaces the estimate."),
    )
    dm2_date = models.DateField(_("date of dialogue meeting 2 set by NAV"), null=True, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    # The earliest milestone that still needs doing, kept by services.case_next_milestone_refresh wherever
    # milestones change, so the dashboard sorts thousands of open cases without a subquery per case.
    next_milestone_due = models.DateField(_("next milestone due"), null=True, blank=True, editable=False)
    next_milestone_key = models.CharField(_("next milestone"), max_length=40, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("absence case")
        verbose_name_plural = _("absence cases")
        ordering = ["-start", "pk"]
        indexes = [
            models.Index(fields=["employee", "status", "start"], name="case_employee_status_start"),
            # The HR dashboard: open cases, the next due date first.
            models.Index(fields=["status", "next_milestone_due"], name="case_status_next_due"),
            # The API's case list (and the default ordering): a deep page reads the index in order.
            models.Index(fields=["-start", "id"], name="case_start_order"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} {self.start}"

    @property
    def max_date(self) -> date | None:
        return self.max_date_from_nav or self.max_date_estimate

    def day_number(self, on: date) -> int:
        """Day N of the case on a date (day 1 is the first day of absence, R0.1)."""
        return self.day_of(self.start, on)

    @staticmethod
    def day_of(start: date, on: date) -> int:
        """Day N on a date of a case that starts on `start` (R0.1), for rows read as values."""
        return (on - start).days + 1

    def open_until(self) -> date:
        """R4: the case stays open until 16 days after its last day."""
        return self.end + timedelta(days=16)


class CaseMilestoneQuerySet(models.QuerySet):
    def needing_action(self) -> "CaseMilestoneQuerySet":
        """Milestones that still need doing: apply, not done, not assessed as not required."""
        return self.filter(applies=True, completed_at=None, not_required_reason="")


class CaseMilestone(models.Model):
    """One milestone of a case: the engine's due date, and what was done about it."""

    class State(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        DONE = "done", _("Done")
        NOT_REQUIRED = "not_required", _("Not required")

    case = models.ForeignKey(Case, models.CASCADE, related_name="milestones", verbose_name=_("case"))
    key = models.CharField(_("milestone"), max_length=40)
    due = models.DateField(_("due"))
    applies = models.BooleanField(_("applies"), default=True)
    reason = models.CharField(_("reason"), max_length=40, blank=True)
    statutory = models.BooleanField(_("statutory"), default=True)
    completed_at = models.DateTimeField(_("done"), null=True, blank=True)
    # The day the act itself happened (conversation held, meeting held, plan approved, sent to NAV);
    # compliance counts by it, not by when it was recorded (completed_at).
    done_on = models.DateField(_("done on"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("done by")
    )
    completed_note = models.CharField(_("note"), max_length=500, blank=True)
    fulfilled_by_type = models.ForeignKey(ContentType, models.SET_NULL, null=True, blank=True, related_name="+")
    fulfilled_by_id = models.PositiveBigIntegerField(null=True, blank=True)
    fulfilled_by = GenericForeignKey("fulfilled_by_type", "fulfilled_by_id")
    not_required_reason = models.TextField(_("why it is not required"), blank=True)
    not_required_at = models.DateTimeField(null=True, blank=True)
    not_required_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CaseMilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "key"], name="one_milestone_per_key_per_case")]

    def __str__(self) -> str:
        return f"{self.key} {self.due}"

    @property
    def engine_key(self) -> deadlines.MilestoneKey | None:
        try:
            return deadlines.MilestoneKey(self.key)
        except ValueError:
            return None

    def state(self, today: date) -> "CaseMilestone.State":
        if self.completed_at:
            return self.State.DONE
        if self.not_required_reason or not self.applies:
            return self.State.NOT_REQUIRED
        if self.due < today:
            return self.State.OVERDUE
        if self.due <= today + timedelta(days=DUE_SOON_DAYS):
            return self.State.DUE_SOON
        return self.State.UPCOMING

    @property
    def done_date(self) -> date | None:
        """The day the milestone was done: the act's own date, else the day it was recorded."""
        if self.done_on:
            return self.done_on
        return timezone.localdate(self.completed_at) if self.completed_at else None

    @property
    def recorded_later(self) -> bool:
        """Recorded on a later day than it was done: the page shows both dates."""
        return bool(self.completed_at and self.done_on and timezone.localdate(self.completed_at) != self.done_on)

    @property
    def is_open(self) -> bool:
        """Still something to do: applies, not done, not marked not required."""
        return self.applies and not self.completed_at and not self.not_required_reason

    def as_engine_milestone(self) -> deadlines.Milestone | None:
        key = self.engine_key
        if key is None:
            return None
        return deadlines.Milestone(
            key,
            self.due,
            self.applies,
            deadlines.Reason(self.reason) if self.reason else None,
            self.case.start,
            self.case.dm2_date,
        )


class CaseActivity(models.Model):
    """The case's activity log: what happened to it, shown on the case page."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Case opened")
        PERIOD_ADDED = "period_added", _("Period registered")
        PERIOD_CHANGED = "period_changed", _("Period changed")
        PERIOD_REMOVED = "period_removed", _("Period removed")
        DEADLINE_MOVED = "deadline_moved", _("Deadline moved")
        APPLIES_CHANGED = "applies_changed", _("Milestone now applies or no longer applies")
        MILESTONE_DONE = "milestone_done", _("Milestone done")
        MILESTONE_NOT_REQUIRED = "milestone_not_required", _("Milestone not required")
        CONVERSATION = "conversation", _("Conversation recorded")
        MERGED = "merged", _("Cases joined")
        VOIDED = "voided", _("Case void")
        NOTE = "note", _("Note")

    case = models.ForeignKey(Case, models.CASCADE, related_name="activities", verbose_name=_("case"))
    at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("case activity")
        verbose_name_plural = _("case activities")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class Conversation(models.Model):
    """A follow-up conversation (oppfølgingssamtale) between manager and employee.

    Work ability is described in work terms only; never record a diagnosis.
    """

    class Kind(models.TextChoices):
        FIRST = "first", _("First absence conversation")
        FOLLOWUP = "followup", _("Follow-up conversation")

    case = models.ForeignKey(Case, models.CASCADE, related_name="conversations", verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.FIRST)
    held_on = models.DateField(_("held on"))
    expected_duration = models.CharField(_("expected length of absence"), max_length=200, blank=True)
    work_ability = models.TextField(
        _("what the employee can and cannot do at work"),
        blank=True,
        help_text=_("Describe functional ability in work terms only. No diagnosis or medical details."),
    )
    tasks_to_cover = models.TextField(_("tasks that must be covered, and how"), blank=True)
    workplace_factors = models.TextField(_("workplace factors that may contribute to the absence"), blank=True)
    adjustments = models.TextField(_("adjustments considered"), blank=True)
    trusted_person_informed = models.BooleanField(
        _("the employee was told of the right to bring a trusted person"), default=False
    )
    next_conversation_on = models.DateField(_("next conversation"), null=True, blank=True)
    private_note = models.TextField(
        _("manager's private note"),
        blank=True,
        help_text=_("Seen by managers and HR only, not by the employee. No medical details."),
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"
