"""Reminders, escalations and the weekly digest (varsler), each recorded once.

A `Delivery` is one message to one person: it is recorded before it is sent,
under a unique key, so that a job run twice, retried or killed half-way never
sends twice (docs/architecture.md, "Jobs"). Once sent it is also the in-app notification.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DeliveryQuerySet(models.QuerySet):
    def pending(self) -> "DeliveryQuerySet":
        """Recorded, not yet sent, not cancelled, not claimed by a sender."""
        return self.filter(sent_at=None, cancelled_at=None, claimed_at=None)

    def claimed(self) -> "DeliveryQuerySet":
        """Claimed by a sender and not stamped yet: being sent now, or left so by a crash."""
        return self.filter(sent_at=None, cancelled_at=None, claimed_at__isnull=False)

    def notifications(self) -> "DeliveryQuerySet":
        """What the recipient sees in the app: the sent ones."""
        return self.filter(sent_at__isnull=False, cancelled_at=None)

    def unread(self) -> "DeliveryQuerySet":
        return self.notifications().filter(read_at=None)


class Delivery(models.Model):
    """One reminder, escalation or digest to one user; it is also their notification (varsel)."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Reminder before the due date")
        DUE = "due", _("Due today")
        ESCALATION = "escalation", _("Overdue, sent to HR")
        ESCALATION_COPY = "escalation_copy", _("Overdue, sent to HR (your copy)")
        DIGEST = "digest", _("Weekly summary")
        NAV_SICK_NOTE = "nav_sick_note", _("Sick note received from NAV")
        PLAN_REVIEW = "plan_review", _("Follow-up plan sent to you for review")
        PLAN_RETURNED = "plan_returned", _("Follow-up plan sent back to you")
        PLAN_COMMENT = "plan_comment", _("New comment on the follow-up plan")
        PLAN_APPROVED = "plan_approved", _("Follow-up plan approved by the other party")
        PLAN_COMPLETED = "plan_completed", _("Follow-up plan completed")
        HR_TASK = "hr_task", _("A task for HR on a case")
        HR_TASK_CHANGED = "hr_task_changed", _("Something HR already did on a case may need to be done again")

    # The kinds that go to the responsible manager: one per step, whoever that is on the day.
    MANAGER_KINDS = (Kind.BEFORE, Kind.DUE, Kind.ESCALATION_COPY)
    # Told when the other party acts on a follow-up plan; `milestone_key` holds "plan:<audit event id>",
    # `data` the link to the version and who acted (never the plan's text).
    PLAN_KINDS = (Kind.PLAN_REVIEW, Kind.PLAN_RETURNED, Kind.PLAN_COMMENT, Kind.PLAN_APPROVED, Kind.PLAN_COMPLETED)
    # Tasks of HR's that an app on cases records for each HR user in scope (e.g. the max-date letter,
    # routines/letters.py); `data` holds the sentence's parts ("task", "url", dates), never health data.
    HR_TASK_KINDS = (Kind.HR_TASK, Kind.HR_TASK_CHANGED)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    days_before = models.PositiveSmallIntegerField(
        _("days before"), default=0, help_text=_("For a reminder before the due date: how many days before.")
    )
    case = models.ForeignKey(
        "cases.Case", models.CASCADE, null=True, blank=True, related_name="deliveries", verbose_name=_("case")
    )
    # The milestone by its key, not a foreign key: milestones of joined cases are replaced,
    # and org-routine steps (issue 10) are milestones with keys of their own.
    milestone_key = models.CharField(_("milestone"), max_length=40, blank=True)
    due = models.DateField(
        _("due"), help_text=_("The milestone's due date when recorded; for a digest, the Monday of its week.")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="deliveries", verbose_name=_("recipient")
    )
    run_on = models.DateField(_("recorded for the day"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    emailed = models.BooleanField(_("sent by e-mail"), default=False)
    cancelled_at = models.DateTimeField(
        _("cancelled"),
        null=True,
        blank=True,
        help_text=_("Not sent: the milestone was done, moved or passed before the message went out."),
    )
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Exactly once (issue 19 item 10): a sender claims the row before sending and stamps
    # `sent_at` after, in separate transactions. A row claimed but never stamped (the sender
    # was killed in between) is not sent again; after REMINDER_CLAIM_TIMEOUT it is stamped
    # with `email_uncertain` set (reminders/services.py, deliveries_resolve_claims).
    claimed_at = models.DateTimeField(_("claimed for sending"), null=True, blank=True)
    message_id = models.CharField(
        _("Message-ID"),
        max_length=200,
        blank=True,
        help_text=_("The e-mail's Message-ID, to look it up in the mail server's log."),
    )
    email_uncertain = models.BooleanField(
        _("e-mail uncertain"),
        default=False,
        help_text=_(
            "The sender stopped between sending the e-mail and recording it: it may not have arrived. "
            "It is not sent again."
        ),
    )
    data = models.JSONField(_("content"), default=dict, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            # Issue 9: every delivery has a unique key (case, milestone, kind, due date, recipient).
            models.UniqueConstraint(
                fields=["case", "milestone_key", "kind", "days_before", "due", "recipient"],
                name="one_delivery_per_key",
            ),
            # A step of the manager's goes to one person only, even when the manager changes.
            models.UniqueConstraint(
                fields=["case", "milestone_key", "kind", "days_before", "due"],
                condition=Q(kind__in=["before", "due", "escalation_copy"]),
                name="one_manager_delivery_per_step",
            ),
            # Digests have no case (NULL never conflicts): one per recipient per ISO week.
            models.UniqueConstraint(
                fields=["recipient", "due"],
                condition=Q(kind="digest"),
                name="one_digest_per_week",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "-sent_at"], name="delivery_inbox"),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at=None, sent_at__isnull=False, cancelled_at=None),
                name="delivery_unread",
            ),
            models.Index(
                fields=["id"], condition=Q(sent_at=None, cancelled_at=None, claimed_at=None), name="delivery_pending"
            ),
            models.Index(
                fields=["claimed_at"],
                condition=Q(sent_at=None, cancelled_at=None, claimed_at__isnull=False),
                name="delivery_claimed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.milestone_key} {self.due} → {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def is_plan_event(self) -> bool:
        return self.kind in self.PLAN_KINDS

    @property
    def is_hr_task(self) -> bool:
        return self.kind in self.HR_TASK_KINDS


class NotificationPreference(models.Model):
    """How a user wants their reminders: in the app only, or in the app and by e-mail."""

    class Channel(models.TextChoices):
        APP_AND_EMAIL = "app_and_email", _("In the app and by e-mail")
        APP_ONLY = "app_only", _("In the app only")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notification_preference", verbose_name=_("user")
    )
    channel = models.CharField(_("how to notify me"), max_length=20, choices=Channel, default=Channel.APP_AND_EMAIL)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user} – {self.channel}"

    @property
    def wants_email(self) -> bool:
        return self.channel == self.Channel.APP_AND_EMAIL
