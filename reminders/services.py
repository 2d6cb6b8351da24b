"""The daily run and the sending of reminders, escalations and digests.

STYLE.md §7: the run only records `Delivery` rows, each under a unique key, and
queues their ids; sending locks one row, delivers it and stamps `sent_at`. So a
run done twice, retried, or killed half-way never sends twice, and whatever a
killed run left unsent is queued again by the next run.

Rules (issue 9; see reminders/steps.py for the steps and the catch-up rule):

- Each open milestone of an open case (applies, not done, not marked not
  required; the engine's statutory ones and any other, such as org-routine
  steps) gets "N days before" (settings.REMINDER_DAYS_BEFORE), "due today" and,
  ESCALATION_DAYS_OVERDUE days after the due date, an escalation to HR for the
  employee's unit with the manager in copy.
- A manager's step goes to whoever is responsible on the day it is recorded
  (reminders/recipients.py), and to one person only: when the manager changes
  or a delegation starts, steps already sent stay with the one who got them,
  and the next steps go to the new one. The database enforces it
  (`one_manager_delivery_per_step`).
- The key holds the due date, so when a due date moves the steps start over
  for the new date; what is still unsent for the old date is cancelled.
- A message is checked again just before it goes: done, not required, moved,
  closed or overtaken by a further step means it is cancelled, not sent.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation

from cases.extensions import reminds_manager
from cases.models import Case, CaseMilestone
from organisation.models import HRAccess

from . import emails, selectors, steps
from .models import Delivery, NotificationPreference
from .recipients import Directory

logger = logging.getLogger(__name__)

INSERT_BATCH = 10_000


def today() -> date:
    return timezone.localdate()


def _steps_config() -> dict:
    return {"days_before": settings.REMINDER_DAYS_BEFORE, "escalation_days": settings.ESCALATION_DAYS_OVERDUE}


def week_of(day: date) -> date:
    """The Monday of the day's ISO week: the key of that week's digest."""
    return day - timedelta(days=day.isoweekday() - 1)


@dataclass(frozen=True)
class RunResult:
    day: date
    closed_cases: int
    recorded: int
    queued: int


# The daily run ----------------------------------------------------------------

def reminders_run(*, on: date | None = None, send_now: bool = False) -> RunResult:
    """The daily job: close ended cases, record what is due, queue everything unsent.

    send_now sends in this process instead of through the queue (tests, the command).
    """
    day = on or today()
    last = Delivery.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    closed = cases_close_ended(on=day)
    with transaction.atomic():
        deliveries_record(on=day)
        if day.isoweekday() > settings.DIGEST_WEEKDAY:
            # Catch-up: the weekly digest's run was missed this week.
            digests_record(on=day)
    recorded = Delivery.objects.filter(pk__gt=last).count()
    queued = deliveries_dispatch(on=day if on else None, send_now=send_now)
    logger.info("Reminders for %s: %s cases closed, %s deliveries recorded, %s queued.",
                day, closed, recorded, queued)
    return RunResult(day, closed, recorded, queued)


def cases_close_ended(*, on: date) -> int:
    """R4: a case is open until 16 days after its last day; close those that passed it.

    Time passing changes nothing else about a case: due dates move only when periods
    change, and then `cases_sync` runs. One UPDATE for all cases.
    """
    return Case.objects.open().filter(end__lt=on - timedelta(days=16)).update(
        status=Case.Status.CLOSED, updated_at=timezone.now()
    )


_PEOPLE = (
    "case__employee_id", "case__employee__user_id", "case__employee__organisation_id", "case__employee__unit__path",
    "case__employee__manager_id", "case__employee__manager__user_id", "case__employee__manager__user__is_active",
)


def _milestones_due(on: date):
    """Open milestones of open cases whose current step is not recorded yet, with their people.

    One query, whatever the number of cases: a step is "recorded" when a delivery of that
    step exists for the milestone's due date, and each step covers a range of due dates.
    """
    levels = steps.thresholds(on, **_steps_config())
    step_recorded = None
    lower = None
    for latest_due, step in levels:
        kinds = [step.kind, Delivery.Kind.ESCALATION_COPY] if step.kind == steps.ESCALATION else [step.kind]
        this = Q(due__lte=latest_due, kind__in=kinds, days_before=step.days_before)
        if lower is not None:
            this &= Q(due__gt=lower)
        step_recorded = this if step_recorded is None else step_recorded | this
        lower = latest_due
    recorded = Delivery.objects.filter(
        step_recorded, case_id=OuterRef("case_id"), milestone_key=OuterRef("key"), due=OuterRef("due"),
    )
    milestones = (
        CaseMilestone.objects.filter(
            case__status=Case.Status.OPEN, applies=True, completed_at=None, not_required_reason="",
            due__lte=levels[-1][0],
        )
        .filter(~Exists(recorded))
        .values_list("case_id", "key", "due", *_PEOPLE)
    )
    config = _steps_config()
    for row in milestones:
        yield steps.step_on(row[2], on, **config), row


def deliveries_record(*, on: date, directory: Directory | None = None) -> int:
    """Record the deliveries due on a day that are not recorded yet; return how many rows were offered.

    A fixed number of queries to read, and one INSERT per INSERT_BATCH rows; conflicts
    with rows already there (a second run, a concurrent one) are ignored.
    """
    rows: list[Delivery] = []
    reminded: dict[str, bool] = {}  # by milestone key: whether the manager gets its reminders
    for step, (case_id, key, due, employee_id, employee_user_id, organisation_id, unit_path,
               manager_id, manager_user_id, manager_active) in _milestones_due(on):
        if key not in reminded:
            reminded[key] = reminds_manager(key)
        if not reminded[key]:
            continue  # a step of HR's that its app reminds HR of itself (e.g. the max-date letter)
        directory = directory or Directory.load(on)  # only on days with something to record
        manager = directory.manager_user_id(
            employee_id=employee_id, employee_user_id=employee_user_id, manager_id=manager_id,
            manager_user_id=manager_user_id if manager_active else None,
        )

        recipients: list[tuple[str, int]] = []
        if step.kind == steps.ESCALATION:
            hr = directory.hr_user_ids(organisation_id=organisation_id, unit_path=unit_path) - {employee_user_id}
            recipients += [(Delivery.Kind.ESCALATION, user_id) for user_id in sorted(hr)]
            if manager is not None and manager not in hr:
                recipients.append((Delivery.Kind.ESCALATION_COPY, manager))
        elif manager is not None:
            recipients.append((step.kind, manager))
        rows += [Delivery(kind=kind, days_before=step.days_before, case_id=case_id, milestone_key=key, due=due,
                          recipient_id=recipient_id, run_on=on) for kind, recipient_id in recipients]
    Delivery.objects.bulk_create(rows, batch_size=INSERT_BATCH, ignore_conflicts=True)
    return len(rows)


# The weekly digest ----------------------------------------------------------------

def digests_record(*, on: date) -> int:
    """Record this ISO week's digest for every HR user; once per week per user."""
    users = HRAccess.objects.filter(user__is_active=True).values_list("user_id", flat=True).distinct()
    rows = [Delivery(kind=Delivery.Kind.DIGEST, due=week_of(on), recipient_id=user_id, run_on=on)
            for user_id in users]
    Delivery.objects.bulk_create(rows, batch_size=INSERT_BATCH, ignore_conflicts=True)
    return len(rows)


def digest_run(*, on: date | None = None, send_now: bool = False) -> int:
    """The weekly job: record and queue the digests."""
    day = on or today()
    with transaction.atomic():
        recorded = digests_record(on=day)
    deliveries_dispatch(on=day if on else None, send_now=send_now)
    return recorded


# Sending ----------------------------------------------------------------------

SEND_BATCH = 100


def deliveries_dispatch(*, on: date | None = None, send_now: bool = False) -> int:
    """Queue every unsent delivery (also those a killed run left behind), SEND_BATCH ids a task."""
    pending = list(Delivery.objects.pending().order_by("pk").values_list("pk", flat=True))
    if send_now:
        deliveries_send(delivery_ids=pending, on=on)
        return len(pending)
    from .tasks import send_deliveries

    day = on.isoformat() if on else None
    for start in range(0, len(pending), SEND_BATCH):
        chunk = pending[start:start + SEND_BATCH]
        transaction.on_commit(lambda chunk=chunk: send_deliveries.delay(chunk, day))
    return len(pending)


def deliveries_send(*, delivery_ids: Iterable[int], on: date | None = None) -> dict[str, int]:
    """Send each delivery in its own transaction; an exception stops here, the rest stays pending."""
    outcomes: dict[str, int] = {}
    for delivery_id in delivery_ids:
        outcome = delivery_send(delivery_id=delivery_id, on=on)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


SENT, CANCELLED, SKIPPED = "sent", "cancelled", "skipped"


def delivery_send(*, delivery_id: int, on: date | None = None) -> str:
    """Lock one delivery, check it still holds, deliver it in the recipient's language, stamp it.

    Returns "sent", "cancelled" (no longer true) or "skipped" (sent already, or another
    worker has it). A mail error propagates and rolls back: the row stays unsent.
    """
    day = on or today()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient__employee", "recipient__notification_preference", "case__employee")
            .filter(pk=delivery_id, sent_at=None, cancelled_at=None)
            .first()
        )
        if delivery is None:
            return SKIPPED
        reason = _no_longer_holds(delivery, day)
        if reason:
            delivery.cancelled_at = timezone.now()
            delivery.data = {"cancelled": reason}
            delivery.save(update_fields=["cancelled_at", "data"])
            return CANCELLED
        recipient = delivery.recipient
        with translation.override(recipient_language(recipient)):
            copy_to = summary = None
            if delivery.kind == Delivery.Kind.ESCALATION:
                copy_to = _copy_recipient(delivery)
            elif delivery.kind == Delivery.Kind.DIGEST:
                summary = selectors.digest_summary(recipient, today=day)
            context = emails.context_for(delivery, today=day, copy_to=copy_to, summary=summary)
            address = recipient_address(recipient)
            emailed = bool(address) and wants_email(recipient)
            if emailed:
                emails.build_message(delivery, to=address, context=context).send()
        delivery.sent_at = timezone.now()
        delivery.emailed = emailed
        delivery.data = _stored(delivery, day, summary, context)
        delivery.save(update_fields=["sent_at", "emailed", "data"])
    return SENT


def _no_longer_holds(delivery: Delivery, day: date) -> str:
    if not delivery.recipient.is_active:
        return "recipient_inactive"
    if delivery.kind == Delivery.Kind.DIGEST or delivery.is_plan_event:
        return ""
    if delivery.is_hr_task:
        return "" if delivery.case.status == Case.Status.OPEN else "case_closed"
    if delivery.case.status != Case.Status.OPEN:
        return "case_closed"
    milestone = CaseMilestone.objects.filter(case_id=delivery.case_id, key=delivery.milestone_key).first()
    if milestone is None or milestone.due != delivery.due:
        return "due_date_moved"
    if not milestone.is_open:
        return "done_or_not_required"
    step = steps.step_on(delivery.due, day, **_steps_config())
    if step is None:
        return "not_yet"
    expected = {steps.BEFORE: Delivery.Kind.BEFORE, steps.DUE: Delivery.Kind.DUE}.get(step.kind)
    if expected is None:  # the escalation step: HR's and the manager's copy both hold
        if delivery.kind not in (Delivery.Kind.ESCALATION, Delivery.Kind.ESCALATION_COPY):
            return "overtaken"
        return ""
    if (delivery.kind, delivery.days_before) != (expected, step.days_before):
        return "overtaken"
    return ""


def _copy_recipient(delivery: Delivery):
    copy = (
        Delivery.objects.filter(case_id=delivery.case_id, milestone_key=delivery.milestone_key, due=delivery.due,
                                kind=Delivery.Kind.ESCALATION_COPY)
        .select_related("recipient__employee")
        .first()
    )
    return copy.recipient if copy is not None else None


def _stored(delivery: Delivery, day: date, summary: dict | None, context: dict) -> dict:
    """What the notification shows later: the figures as they were when it was sent.

    A digest keeps its counts only, not the names in its list: a digest has no case, so
    nothing would delete those names when the cases are deleted (cases/retention.py).
    """
    if delivery.kind == Delivery.Kind.DIGEST:
        return {key: value for key, value in (summary or {}).items() if key != "overdue_list"}
    if delivery.is_plan_event or delivery.is_hr_task:
        return delivery.data
    data = {"days": (delivery.due - day).days}
    if context.get("copy_to"):
        data["copy_to"] = context["copy_to"]
    return data


def recipient_language(user) -> str:
    employee = getattr(user, "employee", None)
    return employee.preferred_language if employee is not None else settings.LANGUAGE_CODE


def recipient_address(user) -> str:
    if user.email:
        return user.email
    employee = getattr(user, "employee", None)
    return employee.email if employee is not None else ""


def wants_email(user) -> bool:
    """In the app and by e-mail unless the user chose in the app only."""
    try:
        return user.notification_preference.wants_email
    except NotificationPreference.DoesNotExist:
        return True


# Events: told when someone else acts -------------------------------------------

def event_notify(*, kind: str, case: Case, recipient, key: str, data: dict) -> Delivery | None:
    """Record a notification about something another person did, and send it once the transaction commits.

    `key` is unique per event (e.g. "plan:<audit event id>"), so the same event never notifies twice.
    In the app at once; by e-mail too when the recipient's preference says so. A mail failure leaves
    the row unsent: the next daily run queues it again.
    """
    if recipient is None or not recipient.is_active:
        return None
    day = today()
    delivery, created = Delivery.objects.get_or_create(
        case=case, milestone_key=key, kind=kind, days_before=0, due=day, recipient=recipient,
        defaults={"run_on": day, "data": data},
    )
    if created:
        transaction.on_commit(lambda: _send_event(delivery.pk))
    return delivery


def _send_event(delivery_id: int) -> None:
    from .tasks import MAIL_ERRORS

    try:
        delivery_send(delivery_id=delivery_id)
    except MAIL_ERRORS:
        logger.exception("Notification %s not sent now; the daily run tries again.", delivery_id)


# In the app ---------------------------------------------------------------------

def notification_mark_read(*, delivery: Delivery) -> Delivery:
    if delivery.read_at is None:
        delivery.read_at = timezone.now()
        delivery.save(update_fields=["read_at"])
    return delivery


def notifications_mark_all_read(*, user) -> int:
    return Delivery.objects.unread().filter(recipient=user).update(read_at=timezone.now())


def preference_set(*, user, channel: str) -> NotificationPreference:
    preference, _ = NotificationPreference.objects.update_or_create(user=user, defaults={"channel": channel})
    return preference
