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
    # Cursors of the other fetches: NAV's `created` of the newest item seen, and the forespørsel running number.
    requirements_after = models.DateTimeField(null=True, blank=True)
    dialogmote_after = models.DateTimeField(null=True, blank=True)
    oppfolgingsplan_after = models.DateTimeField(null=True, blank=True)
    income_requests_loepenr = models.BigIntegerField(default=0)

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
    integration = models.ForeignKey(
        Integration, models.CASCADE, related_name="sick_notes", verbose_name=_("integration")
    )
    employee = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="nav_sick_notes", verbose_name=_("employee")
    )
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

        return [
            {**p, "start": date.fromisoformat(p["start"]), "end": date.fromisoformat(p["end"])} for p in self.periods
        ]


class PlanSubmission(models.Model):
    """A completed plan version sent to NAV and/or the GP through lps-oppfolgingsplan-mottak; once per version."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        RETRYING = "retrying", _("Not sent yet; trying again")
        SENT = "sent", _("Received by NAV")
        FAILED = "failed", _("Not sent")

    version = models.OneToOneField(
        "followup_plans.PlanVersion", models.PROTECT, related_name="nav_submission", verbose_name=_("plan version")
    )
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


class _Outbox(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    RETRYING = "retrying", _("Not sent yet; trying again")
    SENT = "sent", _("Received by NAV")
    FAILED = "failed", _("Not sent")


class LeaderRequirement(models.Model):
    """NAV's requirement for a nearest leader (NL-behov): a sick-listed employee NAV knows no leader for."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for HR")
        ANSWERED = "answered", _("Answered: nearest leader sent to NAV")
        CLOSED = "closed", _("Closed by NAV")

    nav_id = models.UUIDField(_("requirement id at NAV"), unique=True)
    integration = models.ForeignKey(
        Integration, models.CASCADE, related_name="leader_requirements", verbose_name=_("integration")
    )
    employee = models.ForeignKey(
        Employee,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="nav_leader_requirements",
        verbose_name=_("employee"),
    )
    name = models.CharField(_("name at NAV"), max_length=200, blank=True)
    national_id_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    nav_status = models.CharField(_("status at NAV"), max_length=20)
    revoked_by = models.CharField(_("previous leader revoked by"), max_length=20, blank=True)
    created_at_nav = models.DateTimeField(_("created by NAV"))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.OPEN)
    fetched_at = models.DateTimeField(_("fetched"), auto_now_add=True)

    class Meta:
        verbose_name = _("nearest-leader requirement from NAV")
        verbose_name_plural = _("nearest-leader requirements from NAV")
        ordering = ["-created_at_nav", "-pk"]

    def __str__(self) -> str:
        return f"{self.nav_id} {self.state}"


class LeaderReport(models.Model):
    """Outbox: one message to NAV that an employee's nearest leader is someone (assign) or nobody (revoke).

    A change in the app makes a row; the worker sends it once (claimed under a lock, stamped after),
    retries transient failures with backoff and keeps NAV's refusal in words.
    """

    Status = _Outbox

    class Action(models.TextChoices):
        ASSIGN = "assign", _("Nearest leader given to NAV")
        REVOKE = "revoke", _("Nearest leader revoked at NAV")

    employee = models.ForeignKey(
        Employee, models.CASCADE, related_name="nav_leader_reports", verbose_name=_("employee")
    )
    manager = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("nearest leader")
    )
    action = models.CharField(_("action"), max_length=8, choices=Action)
    reason = models.CharField(_("why"), max_length=20)  # manual, import, delegation, requirement, sync
    requirement = models.ForeignKey(
        LeaderRequirement, models.SET_NULL, null=True, blank=True, related_name="reports", verbose_name=_("requirement")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error_code = models.CharField(_("last error"), max_length=60, blank=True)
    last_error_detail = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey("auth.User", models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("nearest leader sent to NAV")
        verbose_name_plural = _("nearest leaders sent to NAV")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.action} {self.manager_id} {self.status}"

    @property
    def last_error(self) -> str:
        from .errors import message_for

        if not self.last_error_code:
            return ""
        detail = self.last_error_detail
        if self.last_error_code == "leader_missing_data":
            from .leaders import missing_text

            detail = missing_text(detail)
        return message_for(self.last_error_code, detail)


class NavDocument(models.Model):
    """A document from NAV (syfo-dokumentporten): a dialogue-meeting letter or a plan made in NAV's tool."""

    class Type(models.TextChoices):
        DIALOGMOTE = "DIALOGMOTE", _("Dialogue meeting letter")
        OPPFOLGINGSPLAN = "OPPFOLGINGSPLAN", _("Follow-up plan from NAV's service")

    class DateState(models.TextChoices):
        NONE = "", _("No date to confirm")
        TO_CONFIRM = "to_confirm", _("Date to confirm from the letter")
        CONFIRMED = "confirmed", _("Date confirmed")
        NOT_A_MEETING = "not_meeting", _("No meeting date in this letter")

    document_id = models.UUIDField(_("document id at NAV"), unique=True)
    integration = models.ForeignKey(
        Integration, models.CASCADE, related_name="documents", verbose_name=_("integration")
    )
    employee = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="nav_documents", verbose_name=_("employee")
    )
    case = models.ForeignKey(
        "cases.Case", models.SET_NULL, null=True, blank=True, related_name="nav_documents", verbose_name=_("case")
    )
    doc_type = models.CharField(_("type"), max_length=20, choices=Type)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField(_("content"))
    size = models.PositiveIntegerField(default=0)
    national_id_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    created_at_nav = models.DateTimeField(_("created by NAV"))
    fetched_at = models.DateTimeField(_("fetched"), auto_now_add=True)
    date_state = models.CharField(_("meeting date"), max_length=12, choices=DateState, blank=True, default="")
    meeting = models.ForeignKey(
        "dialog_meetings.DialogMeeting", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_by = models.ForeignKey("auth.User", models.SET_NULL, null=True, blank=True, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("document from NAV")
        verbose_name_plural = _("documents from NAV")
        ordering = ["-created_at_nav", "-pk"]

    def __str__(self) -> str:
        return f"{self.document_id} {self.doc_type}"

    @property
    def filename(self) -> str:
        kind = "dialogmote" if self.doc_type == self.Type.DIALOGMOTE else "oppfolgingsplan"
        return f"nav-{kind}-{self.created_at_nav:%Y-%m-%d}.pdf"


class IncomeReportRequest(models.Model):
    """NAV's request for an inntektsmelding (forespørsel), a task for payroll on the case."""

    class Status(models.TextChoices):
        AKTIV = "AKTIV", _("Waiting for the inntektsmelding")
        BESVART = "BESVART", _("Answered")
        FORKASTET = "FORKASTET", _("Withdrawn by NAV")

    nav_reference = models.UUIDField(_("NAV's reference"), unique=True)
    loepenr = models.BigIntegerField(_("NAV's running number"))
    integration = models.ForeignKey(
        Integration, models.CASCADE, related_name="income_requests", verbose_name=_("integration")
    )
    employee = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="nav_income_requests", verbose_name=_("employee")
    )
    case = models.ForeignKey(
        "cases.Case", models.SET_NULL, null=True, blank=True, related_name="nav_income_requests", verbose_name=_("case")
    )
    national_id_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status)
    # NAV's periods as [{"fom": …, "tom": …}]
    sick_periods = models.JSONField(default=list)
    self_certified_periods = models.JSONField(default=list)
    income_date = models.DateField(_("income date (inntektsdato)"))
    employer_period_required = models.BooleanField(_("employer period asked for"))
    income_required = models.BooleanField(_("income asked for"))
    created_at_nav = models.DateTimeField(_("created by NAV"))
    fetched_at = models.DateTimeField(_("fetched"), auto_now_add=True)

    class Meta:
        verbose_name = _("inntektsmelding request from NAV")
        verbose_name_plural = _("inntektsmelding requests from NAV")
        ordering = ["-created_at_nav", "-pk"]

    def __str__(self) -> str:
        return f"{self.nav_reference} {self.status}"

    @staticmethod
    def _dates(periods: list[dict]) -> list[dict]:
        from datetime import date

        return [{"start": date.fromisoformat(p["fom"]), "end": date.fromisoformat(p["tom"])} for p in periods]

    @property
    def sick_period_dates(self) -> list[dict]:
        return self._dates(self.sick_periods)

    @property
    def self_certified_dates(self) -> list[dict]:
        return self._dates(self.self_certified_periods)
