"""Writes for self-certification (egenmelding). Web and Celery come through here.

Every write checks the rules of docs/deadline-rules.md section 6 through the engine,
is atomic and audit-logged; e-mail goes out after the commit.
"""

import logging
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from cases import services as case_services
from cases.access import employee_of
from cases.models import SICK_NOTE_KINDS, AbsencePeriod
from deadlines import EgenmeldingReason
from kernel.errors import DomainError
from organisation.models import Employee, Organisation

from . import selectors
from .models import EgenmeldingPolicy, MayWithdrawNotice, SelfCertification, Withdrawal
from .texts import day, decision_text

logger = logging.getLogger(__name__)

# Not rules of the law, only a check of the typing: an absence is reported when it
# starts or soon after; older ones are registered by the manager.
MAX_DAYS_BACK = 30


class SelfCertificationError(DomainError):
    pass


def today() -> date:
    return timezone.localdate()


def _lock(employee: Employee) -> Employee:
    """Serialise one employee's reports, so two at once cannot both use the same days."""
    return Employee.objects.select_for_update().get(pk=employee.pk)


def _check_dates(employee: Employee, start: date, end: date, *, on: date, reported_on: date | None = None) -> None:
    if end < start:
        raise SelfCertificationError(_("The last day is before the first day."), "invalid_period", "end")
    if start > on:
        raise SelfCertificationError(
            _("A self-certification is reported from the first day of absence; it cannot start in the future."),
            "in_future",
            "start",
        )
    if start < (reported_on or on) - timedelta(days=MAX_DAYS_BACK):
        raise SelfCertificationError(
            _("The absence started more than %(days)s days ago. Ask your manager to register it.")
            % {"days": MAX_DAYS_BACK},
            "too_far_back",
            "start",
        )
    if end > on + timedelta(days=366):
        raise SelfCertificationError(
            _("The last day is more than a year ahead. Check the dates."), "too_far_ahead", "end"
        )
    if start < employee.employment_start:
        raise SelfCertificationError(
            _("The absence starts before your employment started (%(date)s).")
            % {"date": day(employee.employment_start)},
            "before_employment",
            "start",
        )
    if employee.employment_end and start > employee.employment_end:
        raise SelfCertificationError(_("The absence starts after your employment ended."), "after_employment", "start")


def _check_overlap(employee: Employee, start: date, end: date, *, exclude: SelfCertification | None) -> None:
    """A day is reported once: not twice by the employee, nor on top of a sick note already registered."""
    reports = SelfCertification.objects.open().filter(employee=employee, start__lte=end, end__gte=start)
    if exclude is not None:
        reports = reports.exclude(pk=exclude.pk)
    report = reports.order_by("start").first()
    if report is not None:
        raise SelfCertificationError(
            _("You have already reported %(start)s – %(end)s. Correct that report, or choose other dates.")
            % {"start": day(report.start), "end": day(report.end)},
            "overlap",
            "start",
        )
    period = (
        AbsencePeriod.objects.filter(employee=employee, kind__in=SICK_NOTE_KINDS, start__lte=end, end__gte=start)
        .order_by("start")
        .first()
    )
    if period is not None:
        raise SelfCertificationError(
            _(
                "%(kind)s %(start)s – %(end)s is already registered for these days. Choose other dates, or talk to "
                "your manager."
            )
            % {"kind": period.get_kind_display(), "start": day(period.start), "end": day(period.end)},
            "overlap",
            "start",
        )


def check_proposal(*, employee: Employee, start: date, end: date, exclude: SelfCertification | None = None) -> None:
    """The checks before the rules, for the form's live answer: dates, employment, overlaps."""
    reported_on = timezone.localdate(exclude.created_at) if exclude is not None else None
    _check_dates(employee, start, end, on=today(), reported_on=reported_on)
    _check_overlap(employee, start, end, exclude=exclude)


def _decide(
    employee: Employee, start: date, end: date, *, only_allowed_days: bool, exclude: SelfCertification | None
) -> tuple[date, date | None]:
    """Apply the rules; return the last day to record and the end the employee asked for, if shortened.

    The app never shortens silently: a capped report is refused unless the
    employee chose to submit only the allowed days.
    """
    decision = selectors.assess(employee, start, end, exclude=exclude)
    text = decision_text(
        decision,
        withdrawal=selectors.withdrawal_on(employee, start) if decision.reason is EgenmeldingReason.WITHDRAWN else None,
    )
    if not decision.allowed:
        raise SelfCertificationError(text.message, str(decision.reason))
    if decision.reason is EgenmeldingReason.CAPPED:
        if not only_allowed_days:
            raise SelfCertificationError(
                _('%(rule)s Tick "%(choice)s" to send those days, or change the dates.')
                % {"rule": text.advice, "choice": text.choice_label},
                "capped",
                "only_allowed_days",
            )
        return decision.last_day_allowed, end
    return end, None


@transaction.atomic
def self_certification_submit(
    *,
    employee: Employee,
    by,
    start: date,
    end: date,
    work_related: str,
    declaration: bool,
    only_allowed_days: bool = False,
) -> SelfCertification:
    """Report a self-certification for oneself, if the rules allow it (R12–R16)."""
    if employee_of(by) is None or employee_of(by).pk != employee.pk:
        raise SelfCertificationError(_("You can only self-certify your own absence."), "not_own")
    if not declaration:
        raise SelfCertificationError(_("Confirm that the information is true."), "declaration", "declaration")
    employee = _lock(employee)
    _check_dates(employee, start, end, on=today())
    _check_overlap(employee, start, end, exclude=None)
    last, requested_end = _decide(employee, start, end, only_allowed_days=only_allowed_days, exclude=None)
    report = SelfCertification.objects.create(
        employee=employee,
        start=start,
        end=last,
        requested_end=requested_end,
        work_related=work_related,
        declaration=True,
    )
    audit_record(
        actor=by,
        action="self_certification.submit",
        employee=employee,
        obj=report,
        detail={"start": str(start), "end": str(last), "requested_end": str(requested_end) if requested_end else None},
    )
    may_withdraw_check(employee=employee, on=today())
    return report


def correction_refusal(report: SelfCertification, by) -> SelfCertificationError | None:
    """Why `by` may not correct the report, or None: only its employee, and only while it is open."""
    if employee_of(by) is None or employee_of(by).pk != report.employee_id:
        return SelfCertificationError(_("You can only change your own report."), "not_own")
    if not report.is_open:
        return SelfCertificationError(_("This report is decided and can no longer be changed."), "decided")
    return None


@transaction.atomic
def self_certification_correct(
    *,
    report: SelfCertification,
    by,
    start: date,
    end: date,
    work_related: str,
    declaration: bool,
    only_allowed_days: bool = False,
) -> SelfCertification:
    """The employee changes an open report (e.g. after the manager asked); it waits for confirmation again."""
    employee = _lock(report.employee)
    report = SelfCertification.objects.select_for_update().get(pk=report.pk)
    if (refusal := correction_refusal(report, by)) is not None:
        raise refusal
    if not declaration:
        raise SelfCertificationError(_("Confirm that the information is true."), "declaration", "declaration")
    _check_dates(employee, start, end, on=today(), reported_on=timezone.localdate(report.created_at))
    _check_overlap(employee, start, end, exclude=report)
    last, requested_end = _decide(employee, start, end, only_allowed_days=only_allowed_days, exclude=report)
    before = {"start": str(report.start), "end": str(report.end), "status": report.status}
    report.start, report.end, report.requested_end = start, last, requested_end
    report.work_related = work_related
    report.status = SelfCertification.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.save()
    audit_record(
        actor=by,
        action="self_certification.correct",
        employee=employee,
        obj=report,
        detail={"before": before, "after": {"start": str(start), "end": str(last)}},
    )
    may_withdraw_check(employee=employee, on=today())
    return report


@transaction.atomic
def self_certification_cancel(*, report: SelfCertification, by) -> SelfCertification:
    """The employee takes back a report the manager has not confirmed."""
    report = SelfCertification.objects.select_for_update().get(pk=report.pk)
    if employee_of(by) is None or employee_of(by).pk != report.employee_id:
        raise SelfCertificationError(_("You can only withdraw your own report."), "not_own")
    if not report.is_open:
        raise SelfCertificationError(
            _("This report is confirmed and is part of your absence. Ask your manager to change it."), "decided"
        )
    report.status = SelfCertification.Status.CANCELLED
    report.save(update_fields=["status"])
    audit_record(actor=by, action="self_certification.cancel", employee=report.employee, obj=report)
    return report


def _check_decider(report: SelfCertification, by) -> None:
    if employee_of(by) is not None and employee_of(by).pk == report.employee_id:
        raise SelfCertificationError(_("You cannot confirm your own self-certification."), "own_report")
    if report.status != SelfCertification.Status.SUBMITTED:
        raise SelfCertificationError(_("Only a report waiting for confirmation can be decided."), "not_pending")


@transaction.atomic
def self_certification_confirm(*, report: SelfCertification, by) -> SelfCertification:
    """Confirm a report: its days become an egenmelding period in the case, and the deadlines follow."""
    employee = _lock(report.employee)
    report = SelfCertification.objects.select_for_update().get(pk=report.pk)
    _check_decider(report, by)
    # The rules again, as they stand now: a withdrawal or another report may have come in since.
    decision = selectors.assess(employee, report.start, report.end, exclude=report)
    if not decision.allowed or decision.last_day_allowed < report.end:
        text = decision_text(decision, withdrawal=selectors.withdrawal_on(employee, report.start))
        raise SelfCertificationError(
            _("The rules no longer allow these days: %(message)s Ask the employee for a correction.")
            % {"message": text.message},
            "rules_changed",
        )
    # PeriodError (e.g. a sick note registered for the same days) rolls back everything here.
    period = case_services.period_register(
        employee=employee,
        kind=AbsencePeriod.Kind.EGENMELDING,
        start=report.start,
        end=report.end,
        by=by,
        source=AbsencePeriod.Source.SELF_CERTIFICATION,
    )
    report.status = SelfCertification.Status.CONFIRMED
    report.period = period
    report.decided_by = by
    report.decided_at = timezone.now()
    report.save(update_fields=["status", "period", "decided_by", "decided_at"])
    audit_record(
        actor=by, action="self_certification.confirm", employee=employee, obj=report, detail={"period": period.pk}
    )
    may_withdraw_check(employee=employee, on=today())
    return report


@transaction.atomic
def self_certification_request_correction(*, report: SelfCertification, by, comment: str) -> SelfCertification:
    """Send a report back to the employee with a comment; nothing is registered."""
    comment = comment.strip()
    if not comment:
        raise SelfCertificationError(_("Write what the employee should correct."), "comment_required", "comment")
    report = SelfCertification.objects.select_for_update().get(pk=report.pk)
    _check_decider(report, by)
    report.status = SelfCertification.Status.CORRECTION_REQUESTED
    report.manager_comment = comment
    report.decided_by = by
    report.decided_at = timezone.now()
    report.save(update_fields=["status", "manager_comment", "decided_by", "decided_at"])
    audit_record(actor=by, action="self_certification.correction_requested", employee=report.employee, obj=report)
    return report


# Policy -----------------------------------------------------------------------


def _policy_detail(policy: EgenmeldingPolicy | None) -> dict:
    if policy is None:
        return {"max_days_per_occasion": 3, "max_days_per_12_months": None, "statutory": True}
    return {
        "max_days_per_occasion": policy.max_days_per_occasion,
        "max_days_per_12_months": policy.max_days_per_12_months,
        "statutory": False,
    }


@transaction.atomic
def policy_set(
    *, organisation: Organisation, by, max_days_per_occasion: int, max_days_per_12_months: int | None
) -> EgenmeldingPolicy:
    """Set the organisation's extended right to self-certify (R16)."""
    if not selectors.may_set_policy(by, organisation):
        raise SelfCertificationError(_("Only HR for the whole organisation can change its policy."), "not_allowed")
    if not 1 <= max_days_per_occasion <= 16:
        raise SelfCertificationError(
            _("Days per occasion must be between 1 and 16."), "invalid_policy", "max_days_per_occasion"
        )
    if max_days_per_12_months is not None and max_days_per_12_months < max_days_per_occasion:
        raise SelfCertificationError(
            _("Days per 12 months cannot be fewer than the days per occasion."),
            "invalid_policy",
            "max_days_per_12_months",
        )
    before = EgenmeldingPolicy.objects.select_for_update().filter(organisation=organisation).first()
    before_detail = _policy_detail(before)
    policy, _created = EgenmeldingPolicy.objects.update_or_create(
        organisation=organisation,
        defaults={
            "max_days_per_occasion": max_days_per_occasion,
            "max_days_per_12_months": max_days_per_12_months,
            "updated_by": by,
        },
    )
    audit_record(
        actor=by,
        action="self_certification.policy_set",
        obj=policy,
        detail={"organisation": organisation.pk, "before": before_detail, "after": _policy_detail(policy)},
    )
    return policy


@transaction.atomic
def policy_reset(*, organisation: Organisation, by) -> None:
    """Go back to the statutory rule: 3 calendar days per occasion, no yearly limit."""
    if not selectors.may_set_policy(by, organisation):
        raise SelfCertificationError(_("Only HR for the whole organisation can change its policy."), "not_allowed")
    policy = EgenmeldingPolicy.objects.select_for_update().filter(organisation=organisation).first()
    if policy is None:
        return
    audit_record(
        actor=by,
        action="self_certification.policy_reset",
        obj=policy,
        detail={"organisation": organisation.pk, "before": _policy_detail(policy), "after": _policy_detail(None)},
    )
    policy.delete()


# Withdrawal (R15) ---------------------------------------------------------------


@transaction.atomic
def withdrawal_record(
    *, employee: Employee, by, decided_on: date, reason: str, valid_from: date, valid_to: date
) -> Withdrawal:
    """Record HR's decision that the employee may not self-certify for a period.

    Allowed only after 4 or more occasions in the 12 months before the decision;
    the app never withdraws the right by itself.
    """
    reason = reason.strip()
    if not reason:
        raise SelfCertificationError(_("Write the reason for the decision."), "reason_required", "reason")
    if decided_on > today():
        raise SelfCertificationError(_("The decision date cannot be in the future."), "in_future", "decided_on")
    if valid_to < valid_from:
        raise SelfCertificationError(_("The end of the period is before its start."), "invalid_period", "valid_to")
    if valid_from < decided_on:
        raise SelfCertificationError(
            _("A withdrawal cannot apply before the decision was made."), "retroactive", "valid_from"
        )
    employee = _lock(employee)
    usage = selectors.employee_usage(employee, on=decided_on)
    if not usage.may_withdraw:
        raise SelfCertificationError(
            _(
                "The right to self-certify can be withdrawn only after 4 or more self-certified absences in 12 "
                "months. %(name)s has had %(count)s."
            )
            % {"name": employee.full_name, "count": usage.occasions},
            "not_enough_occasions",
        )
    clash = Withdrawal.objects.filter(employee=employee, valid_from__lte=valid_to, valid_to__gte=valid_from).first()
    if clash is not None:
        raise SelfCertificationError(
            _("A withdrawal already covers %(from)s – %(to)s.")
            % {"from": day(clash.valid_from), "to": day(clash.valid_to)},
            "overlap",
            "valid_from",
        )
    withdrawal = Withdrawal.objects.create(
        employee=employee,
        decided_by=by,
        decided_on=decided_on,
        reason=reason,
        valid_from=valid_from,
        valid_to=valid_to,
        occasions_12m=usage.occasions,
    )
    audit_record(
        actor=by,
        action="self_certification.withdrawal",
        employee=employee,
        obj=withdrawal,
        detail={"valid_from": str(valid_from), "valid_to": str(valid_to), "occasions": usage.occasions},
    )
    return withdrawal


# Telling HR (R15) ---------------------------------------------------------------


def may_withdraw_check(*, employee: Employee, on: date) -> MayWithdrawNotice | None:
    """Tell HR once per occasion count when an employee has 4 or more occasions in 12 months.

    The row is the record that HR was told; its e-mail goes out after the commit.
    """
    usage = selectors.employee_usage(employee, on=on)
    if not usage.may_withdraw:
        return None
    notice, created = MayWithdrawNotice.objects.get_or_create(employee=employee, occasions=usage.occasions)
    if created:
        audit_record(
            actor=None,
            action="self_certification.may_withdraw",
            employee=employee,
            obj=notice,
            detail={"occasions": usage.occasions},
        )
        transaction.on_commit(lambda: _send_later(notice.pk))
    return notice


def _send_later(notice_id: int) -> None:
    from .tasks import send_may_withdraw_notice

    try:
        send_may_withdraw_notice.delay(notice_id)
    except Exception:  # the broker is away: the notice stays unsent, and the sweep sends it later
        logger.exception("Could not queue the e-mail for notice %s", notice_id)


def may_withdraw_notices_send_unsent() -> int:
    """Send every notice whose e-mail has not gone out (the sweep behind a lost queue message)."""
    return sum(
        may_withdraw_notice_send(notice_id=pk)
        for pk in MayWithdrawNotice.objects.filter(sent_at=None).values_list("pk", flat=True)
    )


def may_withdraw_notice_send(*, notice_id: int) -> int:
    """E-mail HR about one notice, each reader in their language; never twice. Returns the mails sent."""
    from .emails import send_may_withdraw_mails

    with transaction.atomic():
        notice = (
            MayWithdrawNotice.objects.select_for_update(skip_locked=True)
            .select_related("employee__unit")
            .filter(pk=notice_id, sent_at=None)
            .first()
        )
        if notice is None:
            return 0  # sent already, or another worker has it
        count = send_may_withdraw_mails(notice)
        notice.sent_at = timezone.now()
        notice.recipients = count
        notice.save(update_fields=["sent_at", "recipients"])
    return count
