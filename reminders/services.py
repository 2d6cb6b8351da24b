"""The daily run and the sending of reminders, escalations and digests.

docs/architecture.md ("Jobs"): the run only records `Delivery` rows, each under a unique key, and
queues their ids; sending claims each row, delivers it and stamps `sent_at`
("Sending" below). So a run done twice, retried, or killed half-way never sends
twice, and whatever a killed run left unsent is queued again by the next run and
by every worker that starts.

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

import json
import logging
import smtplib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import mailers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q
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
    deliveries_resolve_claims()
    with transaction.atomic():
        deliveries_record(on=day)
        if day.isoweekday() > settings.DIGEST_WEEKDAY:
            # Catch-up: the weekly digest's run was missed this week.
            digests_record(on=day)
    recorded = Delivery.objects.filter(pk__gt=last).count()
    queued = deliveries_dispatch(on=day if on else None, send_now=send_now)
    logger.info("Reminders for %s: %s cases closed, %s deliveries recorded, %s queued.", day, closed, recorded, queued)
    return RunResult(day, closed, recorded, queued)


def cases_close_ended(*, on: date) -> int:
    """R4: a case is open until 16 days after its last day; close those that passed it.

    Time passing changes nothing else about a case: due dates move only when periods
    change, and then `cases_sync` runs. One UPDATE for all cases.
    """
    return (
        Case.objects.open()
        .filter(end__lt=on - timedelta(days=16))
        .update(status=Case.Status.CLOSED, updated_at=timezone.now())
    )


_PEOPLE = (
    "case__employee_id",
    "case__employee__user_id",
    "case__employee__organisation_id",
    "case__employee__unit__path",
    "case__employee__manager_id",
    "case__employee__manager__user_id",
    "case__employee__manager__user__is_active",
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
        step_recorded,
        case_id=OuterRef("case_id"),
        milestone_key=OuterRef("key"),
        due=OuterRef("due"),
    )
    milestones = (
        CaseMilestone.objects.filter(
            case__status=Case.Status.OPEN,
            applies=True,
            completed_at=None,
            not_required_reason="",
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
    for step, (
        case_id,
        key,
        due,
        employee_id,
        employee_user_id,
        organisation_id,
        unit_path,
        manager_id,
        manager_user_id,
        manager_active,
    ) in _milestones_due(on):
        if key not in reminded:
            reminded[key] = reminds_manager(key)
        if not reminded[key]:
            continue  # a step of HR's that its app reminds HR of itself (e.g. the max-date letter)
        directory = directory or Directory.load(on)  # only on days with something to record
        manager = directory.manager_user_id(
            employee_id=employee_id,
            employee_user_id=employee_user_id,
            manager_id=manager_id,
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
        rows += [
            Delivery(
                kind=kind,
                days_before=step.days_before,
                case_id=case_id,
                milestone_key=key,
                due=due,
                recipient_id=recipient_id,
                run_on=on,
            )
            for kind, recipient_id in recipients
        ]
    Delivery.objects.bulk_create(rows, batch_size=INSERT_BATCH, ignore_conflicts=True)
    return len(rows)


# The weekly digest ----------------------------------------------------------------


def digests_record(*, on: date) -> int:
    """Record this ISO week's digest for every HR user; once per week per user."""
    users = HRAccess.objects.filter(user__is_active=True).values_list("user_id", flat=True).distinct()
    rows = [Delivery(kind=Delivery.Kind.DIGEST, due=week_of(on), recipient_id=user_id, run_on=on) for user_id in users]
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
#
# Exactly once (issue 19 item 10). A batch of deliveries is read in a few queries,
# whatever its size; those no longer true are cancelled in bulk. Then, over one mail
# connection, each delivery is *claimed* (an UPDATE that succeeds only while the row is
# unclaimed, unsent and not cancelled: a redelivered task or a second worker gets
# nothing), sent, and *stamped* by the next delivery's claim, in the same statement
# (one UPDATE a message; the last is stamped when the batch ends). Claim and stamp are
# separate transactions with the sending between them, so a sender killed at any point
# leaves at most one delivery claimed and not stamped. That one is never sent again:
# it may have reached the mail server. After REMINDER_CLAIM_TIMEOUT_MINUTES it is
# stamped with `email_uncertain` set and logged with its Message-ID, so the
# notification shows in the app and says the e-mail may not have arrived
# (`deliveries_resolve_claims`; the daily run and a starting worker call it).
# Checking the Message-ID with the mail server instead would need an API that plain
# SMTP does not have; the ID is kept so that an operator can look it up in its log.

SEND_BATCH = 100
MAIL_ERRORS = (smtplib.SMTPException, OSError)
SENT, CANCELLED, SKIPPED = "sent", "cancelled", "skipped"


class MailFailed(Exception):
    """The mail server failed; `remaining` are the ids not sent (the failed one first), unclaimed again."""

    def __init__(self, remaining: list[int], error: BaseException):
        super().__init__(str(error))
        self.remaining = remaining


def deliveries_dispatch(*, on: date | None = None, send_now: bool = False) -> int:
    """Queue every unsent delivery (also those a killed run left behind), SEND_BATCH ids a task."""
    pending = list(Delivery.objects.pending().order_by("pk").values_list("pk", flat=True))
    if send_now:
        deliveries_send(delivery_ids=pending, on=on)
        return len(pending)
    from .tasks import send_deliveries

    day = on.isoformat() if on else None
    for start in range(0, len(pending), SEND_BATCH):
        chunk = pending[start : start + SEND_BATCH]
        transaction.on_commit(lambda chunk=chunk: send_deliveries.delay(chunk, day))
    return len(pending)


def deliveries_resolve_claims(*, older_than: timedelta | None = None) -> int:
    """Stamp deliveries claimed long ago and never stamped (a killed sender); never send them again.

    In the app they are notifications like any other; one that was to go by e-mail is marked
    `email_uncertain`, as nobody knows whether the mail server got it. One UPDATE.
    """
    if older_than is None:
        older_than = timedelta(minutes=settings.REMINDER_CLAIM_TIMEOUT_MINUTES)
    stale = Delivery.objects.claimed().filter(claimed_at__lt=timezone.now() - older_than)
    uncertain = list(stale.filter(emailed=True).values_list("pk", "message_id"))
    count = stale.update(sent_at=F("claimed_at"), email_uncertain=F("emailed"), emailed=False)
    if uncertain:
        logger.error(
            "%s reminder e-mails may not have been sent (the sender stopped); not sent again: %s",
            len(uncertain),
            ", ".join(f"{pk} {message_id}" for pk, message_id in uncertain),
        )
    return count


def deliveries_resume() -> int:
    """When a worker starts: resolve what a killed sender left, and queue everything unsent at once."""
    deliveries_resolve_claims()
    return deliveries_dispatch()


def delivery_send(*, delivery_id: int, on: date | None = None) -> str:
    """Send one delivery (see deliveries_send): "sent", "cancelled" or "skipped"."""
    outcomes = deliveries_send(delivery_ids=[delivery_id], on=on)
    return next(iter(outcomes), SKIPPED)


def deliveries_send(*, delivery_ids: Iterable[int], on: date | None = None) -> dict[str, int]:
    """Send a batch once each, over one mail connection; return how many were sent, cancelled, skipped.

    Skipped: sent, cancelled or claimed already (a redelivered task, another worker). A mail
    error raises MailFailed with the ids not sent; those are unclaimed again, the rest is stamped.
    """
    day = on or today()
    ids = list(dict.fromkeys(delivery_ids))
    outcomes: Counter[str] = Counter()
    batch = _batch(ids)
    outcomes[SKIPPED] += len(ids) - len(batch)
    milestones = _milestones_of(batch)
    cancelled: dict[str, list[int]] = {}
    to_send = []
    for delivery in batch:
        reason = _no_longer_holds(delivery, day, milestones)
        if reason:
            cancelled.setdefault(reason, []).append(delivery.pk)
        else:
            to_send.append(delivery)
    now = timezone.now()
    for reason, pks in cancelled.items():
        done = Delivery.objects.pending().filter(pk__in=pks).update(cancelled_at=now, data={"cancelled": reason})
        outcomes[CANCELLED] += done
        outcomes[SKIPPED] += len(pks) - done
    copies = _copy_recipients([d for d in to_send if d.kind == Delivery.Kind.ESCALATION])
    with _Sender() as sender:
        for position, delivery in enumerate(to_send):
            recipient = delivery.recipient
            with translation.override(recipient_language(recipient)):
                summary = None
                if delivery.kind == Delivery.Kind.DIGEST:
                    summary = selectors.digest_summary(recipient, today=day)
                copy_to = copies.get((delivery.case_id, delivery.milestone_key, delivery.due))
                context = emails.context_for(delivery, today=day, copy_to=copy_to, summary=summary)
                address = recipient_address(recipient)
                message = None
                if address and wants_email(recipient):
                    message = emails.build_message(delivery, to=address, context=context)
            if not sender.claim(delivery, message, _stored(delivery, day, summary, context)):
                outcomes[SKIPPED] += 1
                continue
            if message is not None:
                try:
                    sender.send(message)
                except MAIL_ERRORS as error:
                    sender.release(delivery)
                    remaining = [d.pk for d in to_send[position:]]
                    logger.warning("Mail failed (%s); %s deliveries not sent.", error, len(remaining))
                    raise MailFailed(remaining, error) from error
            sender.sent(delivery)
            outcomes[SENT] += 1
    return {outcome: count for outcome, count in outcomes.items() if count}


def _batch(ids: list[int]) -> list[Delivery]:
    """The batch's unclaimed, unsent, uncancelled deliveries with their people, in the order given."""
    rows = (
        Delivery.objects.pending()
        .filter(pk__in=ids)
        .select_related("recipient__employee", "recipient__notification_preference", "case__employee")
        .in_bulk()
    )
    return [rows[pk] for pk in ids if pk in rows]


def _milestones_of(batch: list[Delivery]) -> dict[tuple[int, str], CaseMilestone]:
    wanted = {(d.case_id, d.milestone_key) for d in batch if d.case_id and not d.is_plan_event}
    if not wanted:
        return {}
    rows = CaseMilestone.objects.filter(
        case_id__in={case_id for case_id, _ in wanted}, key__in={key for _, key in wanted}
    )
    return {(m.case_id, m.key): m for m in rows}


def _copy_recipients(escalations: list[Delivery]) -> dict[tuple, object]:
    """The manager in copy of each escalation, in one query: {(case, milestone, due): user}."""
    if not escalations:
        return {}
    copies = Delivery.objects.filter(
        case_id__in={d.case_id for d in escalations},
        milestone_key__in={d.milestone_key for d in escalations},
        kind=Delivery.Kind.ESCALATION_COPY,
    ).select_related("recipient__employee")
    return {(c.case_id, c.milestone_key, c.due): c.recipient for c in copies}


class _Sender:
    """One mail connection for a batch; claims before sending, stamps after (with the next claim)."""

    def __init__(self):
        self.connection = None
        self.unstamped: tuple[int, datetime] | None = None  # sent, its stamp not written yet
        self.domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"

    def __enter__(self) -> "_Sender":
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._stamp_last()
        finally:
            if self.connection is not None:
                self.connection.close()

    def claim(self, delivery: Delivery, message, data: dict) -> bool:
        """Claim the delivery, stamping the one sent before it in the same statement (one UPDATE a message).

        Plain SQL: the ORM's CASE expressions cost more to compile than the statement takes to run.
        """
        message_id = ""
        if message is not None:
            message_id = make_msgid(idstring=f"delivery-{delivery.pk}", domain=self.domain)
            message.extra_headers["Message-ID"] = message_id
        previous, sent_at = self.unstamped or (None, None)
        self.unstamped = None
        with connection.cursor() as cursor:
            cursor.execute(
                self._claim_sql(),
                {
                    "pk": delivery.pk,
                    "now": timezone.now(),
                    "emailed": message is not None,
                    "message_id": message_id,
                    "data": json.dumps(data, cls=DjangoJSONEncoder),
                    "previous": previous,
                    "sent_at": sent_at,
                },
            )
            return cursor.rowcount == (1 if previous is None else 2)

    @staticmethod
    def _claim_sql() -> str:
        table = connection.ops.quote_name(Delivery._meta.db_table)
        data = "CAST(%(data)s AS jsonb)" if connection.vendor == "postgresql" else "%(data)s"
        mine = "CASE WHEN id = %(pk)s THEN {} ELSE {} END"
        return (
            f"UPDATE {table} SET "
            f"claimed_at = {mine.format('%(now)s', 'claimed_at')}, "
            f"emailed = {mine.format('%(emailed)s', 'emailed')}, "
            f"message_id = {mine.format('%(message_id)s', 'message_id')}, "
            f"data = {mine.format(data, 'data')}, "
            "sent_at = CASE WHEN id = %(previous)s THEN %(sent_at)s ELSE sent_at END "
            "WHERE (id = %(pk)s AND sent_at IS NULL AND cancelled_at IS NULL AND claimed_at IS NULL) "
            "OR id = %(previous)s"
        )

    def send(self, message) -> None:
        if self.connection is None:
            connection = mailers.default
            connection.open()
            self.connection = connection
        self.connection.send_messages([message])

    def sent(self, delivery: Delivery) -> None:
        self.unstamped = (delivery.pk, timezone.now())

    def release(self, delivery: Delivery) -> None:
        """The mail server refused it: unclaim it, so that a retry sends it."""
        Delivery.objects.filter(pk=delivery.pk, sent_at=None).update(claimed_at=None, emailed=False, message_id="")

    def _stamp_last(self) -> None:
        if self.unstamped is not None:
            pk, sent_at = self.unstamped
            Delivery.objects.filter(pk=pk, sent_at=None).update(sent_at=sent_at)
            self.unstamped = None


def _no_longer_holds(delivery: Delivery, day: date, milestones: dict[tuple[int, str], CaseMilestone]) -> str:
    if not delivery.recipient.is_active:
        return "recipient_inactive"
    if delivery.kind == Delivery.Kind.DIGEST or delivery.is_plan_event:
        return ""
    if delivery.is_hr_task:
        return "" if delivery.case.status == Case.Status.OPEN else "case_closed"
    if delivery.case.status != Case.Status.OPEN:
        return "case_closed"
    milestone = milestones.get((delivery.case_id, delivery.milestone_key))
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
        case=case,
        milestone_key=key,
        kind=kind,
        days_before=0,
        due=day,
        recipient=recipient,
        defaults={"run_on": day, "data": data},
    )
    if created:
        transaction.on_commit(lambda: _send_event(delivery.pk))
    return delivery


def _send_event(delivery_id: int) -> None:
    try:
        delivery_send(delivery_id=delivery_id)
    except MailFailed:
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
