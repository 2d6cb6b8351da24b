"""Dialogue meetings (dialogmøter) of a case.

Dialogue meeting 1 is the employer's: the manager invites, both sides prepare,
the manager writes the minutes (referat). Dialogue meetings 2 and 3 are NAV's:
the employer records NAV's date, its reply to NAV and the outcome. The minutes
use the fields of NAV's own referat (situasjon, konklusjon, the tasks of each
party, who attended). No diagnosis or other medical detail is stored here.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.models import Case
from organisation.models import Employee

NO_MEDICAL_DETAILS = _("Describe work and tasks only. No diagnosis or other medical information.")


class DialogMeetingQuerySet(models.QuerySet):
    def active(self) -> "DialogMeetingQuerySet":
        """Meetings that are not cancelled."""
        return self.exclude(status=DialogMeeting.Status.CANCELLED)

    def planned(self) -> "DialogMeetingQuerySet":
        return self.filter(status=DialogMeeting.Status.PLANNED)


class DialogMeeting(models.Model):
    """A dialogue meeting (dialogmøte): DM1 held by the employer, DM2 and DM3 called by NAV."""

    class Kind(models.TextChoices):
        DM1 = "dm1", _("Dialogue meeting 1")
        DM2 = "dm2", _("Dialogue meeting 2 (NAV)")
        DM3 = "dm3", _("Dialogue meeting 3 (NAV)")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class NavReply(models.TextChoices):
        """The employer's reply to NAV's invitation (NAV: KOMMER, KOMMER_IKKE, NYTT_TID_STED)."""

        COMING = "coming", _("We are coming")
        NOT_COMING = "not_coming", _("We cannot come")
        NEW_TIME_OR_PLACE = "new_time_or_place", _("We ask for another time or place")

    case = models.ForeignKey(Case, models.CASCADE, related_name="dialog_meetings", verbose_name=_("case"))
    kind = models.CharField(_("meeting"), max_length=4, choices=Kind, default=Kind.DM1)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PLANNED)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(pgettext_lazy("meeting", "place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), max_length=500, blank=True)
    message = models.TextField(
        _("message to the participants"),
        blank=True,
        help_text=_("Optional. Shown in the invitation. No medical information."),
    )
    # The calendar identity: UID stays, SEQUENCE grows with every change (RFC 5545).
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organiser"),
    )
    organiser_name = models.CharField(_("organiser"), max_length=200, blank=True)
    organiser_email = models.EmailField(_("organiser's e-mail"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    held_at = models.DateTimeField(_("marked held"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(_("why it was cancelled"), blank=True)
    nav_reply = models.CharField(_("our reply to NAV"), max_length=20, choices=NavReply, blank=True)
    nav_reply_note = models.TextField(_("note to NAV"), blank=True)
    nav_replied_at = models.DateTimeField(_("replied"), null=True, blank=True)

    objects = DialogMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("dialogue meeting")
        verbose_name_plural = _("dialogue meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
            models.UniqueConstraint(
                fields=["case", "kind"], condition=~Q(status="cancelled"), name="one_active_meeting_per_kind"
            ),
        ]
        indexes = [models.Index(fields=["case", "kind", "status"], name="meeting_case_kind_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d}"

    @property
    def is_nav(self) -> bool:
        """Called and led by NAV (DM2, DM3): the employer records, NAV invites."""
        return self.kind != self.Kind.DM1

    @property
    def is_planned(self) -> bool:
        return self.status == self.Status.PLANNED

    @property
    def milestone_key(self) -> str | None:
        """The case milestone that holding this meeting fulfils (DM3 has none, R24)."""
        return {self.Kind.DM1: "dialogue_meeting_1", self.Kind.DM2: "dialogue_meeting_2"}.get(self.kind)


class Participant(models.Model):
    """Someone invited to, or present at, a dialogue meeting."""

    class Role(models.TextChoices):
        EMPLOYEE = "employee", _("Employee")
        MANAGER = "manager", _("Manager")
        DOCTOR = "doctor", _("Doctor (sykmelder)")
        OHS = "ohs", _("Occupational health service (BHT)")
        UNION_REP = "union_rep", _("Union representative")
        TRUSTED_PERSON = "trusted_person", _("Other trusted person")
        HR = "hr", _("HR")
        NAV = "nav", _("NAV")
        OTHER = "other", _("Other")

    class Mail(models.TextChoices):
        PENDING = "pending", _("Not sent yet")
        SENT = "sent", _("Invitation sent")
        FAILED = "failed", _("Sending failed")
        NO_ADDRESS = "no_address", _("No e-mail address")
        NOT_INVITED = "not_invited", _("Not invited by e-mail")
        AWAITING_CONSENT = "awaiting_consent", _("Waiting for the employee's consent")

    meeting = models.ForeignKey(DialogMeeting, models.CASCADE, related_name="participants", verbose_name=_("meeting"))
    role = models.CharField(_("role"), max_length=20, choices=Role)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="nb")
    employee = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("employee")
    )
    # The doctor takes part only with the employee's consent (sykmelder: arbeidstaker må samtykke).
    consent_at = models.DateTimeField(_("employee's consent given"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )
    mail_status = models.CharField(_("e-mail"), max_length=20, choices=Mail, default=Mail.PENDING)
    mailed_at = models.DateTimeField(_("last e-mail sent"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    added_in_minutes = models.BooleanField(_("added in the minutes"), default=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"

    @property
    def needs_consent(self) -> bool:
        return self.role == self.Role.DOCTOR and self.consent_at is None

    @property
    def may_be_invited(self) -> bool:
        """An e-mail can go out: an address, and for the doctor the employee's consent."""
        return bool(self.email) and not self.needs_consent


class MeetingChange(models.Model):
    """The history of a meeting: invited, moved, cancelled, held. Never changed afterwards."""

    class Kind(models.TextChoices):
        INVITED = "invited", _("Invitation sent")
        RECORDED = "recorded", _("Meeting date from NAV recorded")
        RESCHEDULED = "rescheduled", _("Moved")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held, minutes written")
        MINUTES_EDITED = "minutes_edited", _("Minutes changed")
        NAV_REPLY = "nav_reply", _("Reply to NAV recorded")
        CONSENT = "consent", _("Employee consented to the doctor taking part")

    meeting = models.ForeignKey(DialogMeeting, models.CASCADE, related_name="changes", verbose_name=_("meeting"))
    kind = models.CharField(_("what"), max_length=20, choices=Kind)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    by_label = models.CharField(_("by"), max_length=200, blank=True)
    # The meeting's time and place after the change, and before it for a move.
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(pgettext_lazy("meeting", "place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), max_length=500, blank=True)
    previous_starts_at = models.DateTimeField(_("was"), null=True, blank=True)
    previous_place = models.CharField(_("place before"), max_length=200, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("meeting change")
        verbose_name_plural = _("meeting changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.kind} {self.at:%Y-%m-%d}"


class Preparation(models.Model):
    """One side's preparation (forberedelse) for a dialogue meeting: the checklist answers."""

    class Side(models.TextChoices):
        MANAGER = "manager", _("Manager")
        EMPLOYEE = "employee", _("Employee")

    meeting = models.ForeignKey(DialogMeeting, models.CASCADE, related_name="preparations", verbose_name=_("meeting"))
    side = models.CharField(_("side"), max_length=10, choices=Side)
    work_ability_and_tasks = models.TextField(
        _("Work ability and tasks: what can be done now?"), blank=True, help_text=NO_MEDICAL_DETAILS
    )
    what_works = models.TextField(_("What works well?"), blank=True)
    what_is_hard = models.TextField(_("What is hard?"), blank=True, help_text=NO_MEDICAL_DETAILS)
    effect_of_measures = models.TextField(_("Measures so far: what was their effect?"), blank=True)
    what_it_takes_to_return = models.TextField(_("What does it take to return, fully or partly?"), blank=True)
    who_else_should_help = models.TextField(
        _("Who else should help?"),
        blank=True,
        help_text=_("For example the doctor, the occupational health service (BHT), NAV or a union representative."),
    )
    shared = models.BooleanField(
        _("Let the other side read this before the meeting"),
        default=False,
        help_text=_("The manager, or the employee, can then read your answers in advance. HR follows the manager."),
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    ANSWER_FIELDS = [
        "work_ability_and_tasks",
        "what_works",
        "what_is_hard",
        "effect_of_measures",
        "what_it_takes_to_return",
        "who_else_should_help",
    ]

    class Meta:
        verbose_name = _("preparation")
        verbose_name_plural = _("preparations")
        constraints = [models.UniqueConstraint(fields=["meeting", "side"], name="one_preparation_per_side")]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.side}"

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name).strip() for name in self.ANSWER_FIELDS)


class Minutes(models.Model):
    """The minutes (referat) of a meeting, with the fields of NAV's own referat.

    For NAV's meetings the employer records the outcome in the same fields.
    """

    meeting = models.OneToOneField(DialogMeeting, models.CASCADE, related_name="minutes", verbose_name=_("meeting"))
    situation = models.TextField(_("The situation"), help_text=NO_MEDICAL_DETAILS)
    conclusion = models.TextField(_("Conclusion"))
    employee_tasks = models.TextField(_("What the employee will do"))
    employer_tasks = models.TextField(_("What the employer will do"))
    doctor_tasks = models.TextField(
        _("What the doctor will do"), blank=True, help_text=_("Only if the doctor took part.")
    )
    nav_tasks = models.TextField(_("What NAV will do"), blank=True)
    doctor_attended = models.BooleanField(_("The doctor took part"), default=False)
    doctor_receives_minutes = models.BooleanField(_("The doctor receives the minutes"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("written by")
    )
    recorded_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"{self.meeting}"


class AgreedAction(models.Model):
    """An action agreed in the meeting; it can become a measure in the follow-up plan."""

    class Responsible(models.TextChoices):
        EMPLOYER = "employer", _("Employer")
        EMPLOYEE = "employee", _("Employee")
        OCCUPATIONAL_HEALTH = "occupational_health", _("Occupational health service (BHT)")
        NAV = "nav", _("NAV")
        DOCTOR = "doctor", _("Doctor")
        OTHER = "other", _("Other")

    minutes = models.ForeignKey(Minutes, models.CASCADE, related_name="actions", verbose_name=_("minutes"))
    description = models.CharField(_("agreed action"), max_length=500, help_text=NO_MEDICAL_DETAILS)
    responsible = models.CharField(_("who"), max_length=20, choices=Responsible, default=Responsible.EMPLOYER)
    due = models.DateField(_("by"), null=True, blank=True)
    # The follow-up plan measure made from this action, if any.
    measure_type = models.ForeignKey(ContentType, models.SET_NULL, null=True, blank=True, related_name="+")
    measure_id = models.PositiveBigIntegerField(null=True, blank=True)
    measure = GenericForeignKey("measure_type", "measure_id")
    measure_created_at = models.DateTimeField(_("added to the plan"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description


class MinutesComment(models.Model):
    """The employee's comment on the minutes."""

    minutes = models.ForeignKey(Minutes, models.CASCADE, related_name="comments", verbose_name=_("minutes"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    author_label = models.CharField(_("author"), max_length=200, blank=True)
    text = models.TextField(_("comment"), help_text=NO_MEDICAL_DETAILS)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on the minutes")
        verbose_name_plural = _("comments on the minutes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.minutes_id} {self.created_at:%Y-%m-%d}"


class MeetingNeedAnswer(models.Model):
    """The employer's answer to NAV's question whether dialogue meeting 2 is needed (svar på møtebehov).

    Fields as NAV's form: harMotebehov, begrunnelse, onskerSykmelderDeltar, onskerTolk, tolkSprak.
    The latest answer counts; earlier ones stay as history.
    """

    case = models.ForeignKey(Case, models.CASCADE, related_name="meeting_need_answers", verbose_name=_("case"))
    needed = models.BooleanField(_("Is a dialogue meeting with NAV needed?"))
    reason = models.TextField(_("Why?"), help_text=NO_MEDICAL_DETAILS)
    doctor_should_attend = models.BooleanField(_("We want the doctor to take part"), default=False)
    doctor_reason = models.TextField(_("Why the doctor should take part"), blank=True)
    interpreter_needed = models.BooleanField(_("An interpreter is needed"), default=False)
    interpreter_language = models.CharField(_("Language for the interpreter"), max_length=100, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer on the need for a meeting")
        verbose_name_plural = _("answers on the need for a meeting")
        ordering = ["-answered_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interpreter_needed=False) | ~Q(interpreter_language=""),
                name="interpreter_needs_language",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.needed}"
