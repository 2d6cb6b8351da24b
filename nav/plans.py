"""Follow-up plans out: a completed version to NAV and/or the GP through lps-oppfolgingsplan-mottak.

`POST /api/v1/followupplan` with the FollowUpPlanDTO that followup_plans/nav_export.py
writes, plus the employee's identity number, which only this payload carries. A version
is sent once (one PlanSubmission per version); transient failures are retried with
backoff, NAV's refusals are shown in words. Each attempt is on the timeline and in the
audit log; `GET …/{uuid}/sendingstatus` gives NAV's status.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from followup_plans import services as plan_services
from followup_plans.models import PlanSharing, PlanVersion
from followup_plans.nav_export import followup_plan_dto, validate_followup_plan_dto
from kernel.errors import DomainError

from . import http
from .conf import SCOPE_OPPFOLGINGSPLAN, nav_config
from .errors import NavError
from .models import PlanSubmission, PlanSubmissionAttempt

MAX_ATTEMPTS = 6
BACKOFF_SECONDS = 60  # 1, 2, 4, 8, 16 minutes


class SubmissionError(DomainError):
    pass


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=BACKOFF_SECONDS * 2 ** max(attempts - 1, 0))


def plan_dto(submission: PlanSubmission) -> dict:
    """The DTO as NAV gets it: the recipients chosen, and the identity number added."""
    version = submission.version
    dto = followup_plan_dto(version)
    dto["employeeIdentificationNumber"] = version.plan.case.employee.national_id or None
    dto["sendPlanToNav"] = submission.to_nav
    dto["sendPlanToGeneralPractitioner"] = submission.to_gp
    dto["needsHelpFromNav"] = submission.to_nav and submission.needs_help_from_nav
    if not dto["needsHelpFromNav"]:
        dto["needsHelpFromNavDescription"] = None
    elif not dto.get("needsHelpFromNavDescription"):
        dto["needsHelpFromNavDescription"] = _("The employer asks NAV for help with the follow-up.")
    if not submission.to_gp:
        dto["messageToGeneralPractitioner"] = None
    # NAV's contract has no nullable fields: an optional field left empty is left out.
    return {name: value for name, value in dto.items() if value is not None}


@transaction.atomic
def plan_submit(
    *, version: PlanVersion, by, to_nav: bool, to_gp: bool, nav_reason: str = "", needs_help_from_nav: bool = False
) -> PlanSubmission:
    """Queue a completed version for NAV and/or the GP; the worker sends it."""
    if not version.is_completed:
        raise SubmissionError(_("Only a completed version can be sent."), "not_completed")
    if not (to_nav or to_gp):
        raise SubmissionError(_("Choose NAV, the GP or both."), "no_recipient")
    if to_nav and not nav_reason:
        raise SubmissionError(_("Say why the plan is sent to NAV."), "nav_reason_required", "nav_reason")
    employee = version.plan.case.employee
    if not employee.national_id_encrypted:
        raise SubmissionError(
            _(
                "The employee's national identity number is missing; HR adds it (e.g. by import) "
                "before the plan can be sent."
            ),
            "no_national_id",
        )
    if PlanSubmission.objects.filter(version=version).exists():
        raise SubmissionError(
            _("This version has been sent already. Make a new version to send changes."), "already_sent"
        )
    submission = PlanSubmission(
        version=version,
        to_nav=to_nav,
        to_gp=to_gp,
        nav_reason=nav_reason if to_nav else "",
        needs_help_from_nav=to_nav and needs_help_from_nav,
        created_by=by,
    )
    problems = validate_followup_plan_dto(plan_dto(submission), identity_added_later=False)
    if problems:
        raise SubmissionError(
            _("NAV would not accept the plan: %(problems)s") % {"problems": "; ".join(problems)}, "invalid_plan"
        )
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError:
        raise SubmissionError(
            _("This version has been sent already. Make a new version to send changes."), "already_sent"
        ) from None
    audit_record(
        actor=by,
        action="nav.plan.queued",
        employee=employee,
        obj=submission,
        detail={"version": version.number, "to_nav": to_nav, "to_gp": to_gp},
    )
    from .tasks import send_plan

    transaction.on_commit(lambda: send_plan.delay(submission.pk))
    return submission


def plan_send(*, submission_id: int) -> PlanSubmission | None:
    """One attempt at sending; only one worker at a time, and never after it was sent or refused."""
    with transaction.atomic():
        submission = (
            PlanSubmission.objects.select_for_update(skip_locked=True)
            .select_related("version__plan__case__employee__organisation")
            .filter(pk=submission_id, status__in=[PlanSubmission.Status.QUEUED, PlanSubmission.Status.RETRYING])
            .first()
        )
        if submission is None:
            return None
        employee = submission.version.plan.case.employee
        submission.attempts += 1
        try:
            response = http.call(
                "POST",
                f"{nav_config().oppfolgingsplan_url}/api/v1/followupplan",
                scope=SCOPE_OPPFOLGINGSPLAN,
                orgnr=employee.organisation.org_number,
                systemuser=False,
                json=plan_dto(submission),
                employee=employee,
            )
            body = response.json()
        except NavError as error:
            _failed(submission, error)
        except ValueError:
            from .errors import error as nav_error

            _failed(submission, nav_error("invalid_response"))
        else:
            _sent(submission, body)
        submission.save()
        return submission


def _failed(submission: PlanSubmission, error: NavError) -> None:
    submission.last_error_code = error.code
    if error.transient and submission.attempts < MAX_ATTEMPTS:
        submission.status = PlanSubmission.Status.RETRYING
        submission.next_attempt_at = timezone.now() + backoff(submission.attempts)
    else:
        submission.status = PlanSubmission.Status.FAILED
        submission.next_attempt_at = None
    PlanSubmissionAttempt.objects.create(submission=submission, outcome=error.code)
    audit_record(
        actor=None,
        action="nav.plan.attempt_failed",
        employee=submission.version.plan.case.employee,
        obj=submission,
        detail={
            "attempt": submission.attempts,
            "error": error.code,
            "will_retry": submission.status == PlanSubmission.Status.RETRYING,
        },
    )


def _sent(submission: PlanSubmission, body: dict) -> None:
    now = timezone.now()
    submission.status = PlanSubmission.Status.SENT
    submission.sent_at = submission.status_checked_at = now
    submission.next_attempt_at = None
    submission.last_error_code = ""
    submission.nav_uuid = str(body.get("uuid") or "")[:64]
    submission.sent_to_nav = body.get("isSentToNavStatus")
    submission.sent_to_gp = body.get("isSentToGeneralPractitionerStatus")
    PlanSubmissionAttempt.objects.create(submission=submission, outcome="ok")
    audit_record(
        actor=None,
        action="nav.plan.sent",
        employee=submission.version.plan.case.employee,
        obj=submission,
        detail={
            "attempt": submission.attempts,
            "nav_uuid": submission.nav_uuid,
            "to_nav": submission.sent_to_nav,
            "to_gp": submission.sent_to_gp,
        },
    )
    # The plan's own record of where it went, so the plan-to-NAV milestone follows (followup_plans).
    by = submission.created_by
    today = timezone.localdate()
    try:
        if submission.to_gp and submission.sent_to_gp:
            plan_services.sharing_record(
                version=submission.version,
                by=by,
                recipient=PlanSharing.Recipient.DOCTOR,
                sent_on=today,
                note=_("Sent through NAV's API"),
            )
        if submission.to_nav and submission.sent_to_nav:
            plan_services.sharing_record(
                version=submission.version,
                by=by,
                recipient=PlanSharing.Recipient.NAV,
                sent_on=today,
                nav_reason=submission.nav_reason,
                note=_("Sent through NAV's API"),
            )
    except plan_services.PlanError as error:  # NAV has the plan; only our record of it could not be made
        audit_record(actor=None, action="nav.plan.sharing_not_recorded", obj=submission, detail={"code": error.code})


def plan_status_refresh(*, submission: PlanSubmission) -> PlanSubmission:
    """Ask NAV for the sending status of a sent plan."""
    if not submission.nav_uuid:
        return submission
    employee = submission.version.plan.case.employee
    response = http.call(
        "GET",
        f"{nav_config().oppfolgingsplan_url}/api/v1/followupplan/{submission.nav_uuid}/sendingstatus",
        scope=SCOPE_OPPFOLGINGSPLAN,
        orgnr=employee.organisation.org_number,
        systemuser=False,
        employee=employee,
    )
    body = response.json()
    PlanSubmission.objects.filter(pk=submission.pk).update(
        sent_to_nav=body.get("isSentToNavStatus"),
        sent_to_gp=body.get("isSentToGeneralPractitionerStatus"),
        status_checked_at=timezone.now(),
    )
    submission.refresh_from_db()
    return submission


def plans_due() -> list[int]:
    """Submissions waiting for a (next) attempt whose time has come."""
    now = timezone.now()
    return list(
        PlanSubmission.objects.filter(status__in=[PlanSubmission.Status.QUEUED, PlanSubmission.Status.RETRYING])
        .exclude(next_attempt_at__gt=now)
        .values_list("pk", flat=True)
    )


def verify_integration(*, orgnr: str) -> str:
    """NAV's `verify-integration`: raises NavError in words, or returns NAV's answer."""
    response = http.call(
        "GET",
        f"{nav_config().oppfolgingsplan_url}/api/v1/followupplan/verify-integration",
        scope=SCOPE_OPPFOLGINGSPLAN,
        orgnr=orgnr,
        systemuser=False,
        accept="text/plain",
    )
    return response.text[:200]
