"""The max-date letter ("ca. 2–3 måneder før maksdato: send brev med informasjon om maksdato").

HR (or the payroll office, by HR scope) writes it to the employee some weeks before the
max date for sick pay: the letter task opens `letter_weeks_from` weeks before the max date
and the letter is due `letter_weeks_until` weeks before it (RoutineSettings, 12 and 8 by
default). The max date is NAV's when entered on the case, else the engine's estimate,
which the letter calls "estimat – NAVs dato gjelder".

- A milestone of its own (key `KEY`, not statutory) on each open case once its task opens,
  through `PROVIDER` in CASE_MILESTONE_PROVIDERS and the daily run; the manager gets no reminders for it
  (`reminds_manager`): HR is told by `letter_tasks_record`, run daily, once per HR user and
  max date (reminders' unique delivery key).
- `letter_mark_sent` records the letter (how, when, who) on the timeline and in the audit log,
  and completes the milestone.
- When the max date moves after a letter was sent, `sync_case` tells HR once per new date
  that the letter may be wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

import deadlines
from audit.services import audit_record
from cases import services as case_services
from cases.models import Case, CaseActivity, CaseMilestone
from cases.timeline import TimelineEvent
from kernel.errors import DomainError
from organisation.models import Employee
from reminders import services as reminder_services
from reminders.models import Delivery
from reminders.recipients import Directory

from .config import settings_by_organisation, settings_for
from .models import MaxDateLetter, RoutineSettings

KEY = "maxdate-letter"
ROUTINE_OFF = "routine_off"  # CaseMilestone.reason when the organisation does not use the letter


class LetterError(DomainError):
    pass


def effective_max_date(case: Case) -> date | None:
    return case.max_date_from_nav or case.max_date_estimate


def letter_due(max_date: date, config: RoutineSettings) -> date:
    return max_date - timedelta(weeks=config.letter_weeks_until)


def task_opens(max_date: date, config: RoutineSettings) -> date:
    return max_date - timedelta(weeks=config.letter_weeks_from)


def latest_letter(case: Case) -> MaxDateLetter | None:
    return case.max_date_letters.select_related("sent_by__employee").first()


@dataclass(frozen=True)
class LetterState:
    max_date: date | None
    from_nav: bool
    opens: date | None
    due: date | None
    letter: MaxDateLetter | None
    enabled: bool

    @property
    def outdated(self) -> bool:
        """A letter was sent, but the max date has moved since."""
        return self.letter is not None and self.max_date is not None and self.letter.max_date != self.max_date

    @property
    def to_do(self) -> bool:
        return self.enabled and self.max_date is not None and (self.letter is None or self.outdated)


def letter_state(case: Case, config: RoutineSettings | None = None) -> LetterState:
    config = config or settings_for(case.employee.organisation_id)
    max_date = effective_max_date(case)
    return LetterState(
        max_date=max_date,
        from_nav=case.max_date_from_nav is not None,
        opens=task_opens(max_date, config) if max_date else None,
        due=letter_due(max_date, config) if max_date else None,
        letter=latest_letter(case),
        enabled=config.letter_enabled,
    )


# The letter's text ------------------------------------------------------------------


def _date(day: date) -> str:
    return formats.date_format(day, "j. F Y")


def letter_context(case: Case, *, by, today: date) -> dict:
    """What the letter says, in the active language; the organisation's own texts where it wrote them."""
    config = settings_for(case.employee.organisation_id)
    state = letter_state(case, config)
    if state.max_date is None:
        raise LetterError(_("The case has no max date yet."), "no_max_date")
    employee = case.employee
    max_date = _date(state.max_date)
    if state.from_nav:
        max_date_sentence = _("NAV has set your max date for sick pay to %(date)s.") % {"date": max_date}
    else:
        max_date_sentence = _("By our calculation you reach the max date for sick pay on %(date)s (%(estimate)s).") % {
            "date": max_date,
            "estimate": estimate_words(),
        }
    manager = employee.manager.full_name if employee.manager_id else ""
    sender = config.letter_sender or employee.organisation.name
    contact = config.letter_contact_text or (
        _("If you have questions, contact your manager, %(manager)s, or %(sender)s.")
        % {"manager": manager, "sender": sender}
        if manager
        else _("If you have questions, contact %(sender)s.") % {"sender": sender}
    )
    signer = getattr(by, "employee", None)
    return {
        "case": case,
        "employee": employee,
        "organisation": employee.organisation,
        "sender": sender,
        "today": today,
        "sick_from": case.start,
        "max_date": state.max_date,
        "from_nav": state.from_nav,
        "max_date_sentence": max_date_sentence,
        "after_text": config.letter_after_text
        or _(
            "When you reach the max date, you are no longer entitled to sick pay, and the employer stops paying "
            "your salary during sick leave. You can be entitled to sick pay again after you have been fully "
            "able to work for 26 weeks."
        ),
        "aap_text": config.letter_aap_text
        or _(
            "If you still cannot work, you can apply to NAV for work assessment allowance (arbeidsavklaringspenger, "
            "AAP). Apply in good time: NAV's processing can take up to three months."
        ),
        "contact_text": contact,
        "pension_text": config.letter_pension_text,
        "signer": signer.full_name if signer is not None else by.get_username(),
        "language": translation.get_language() or "nb",
    }


def estimate_words() -> str:
    return _("estimate – NAV's date applies")


# Sending -------------------------------------------------------------------------


@transaction.atomic
def letter_mark_sent(*, case: Case, by, channel: str, sent_on: date) -> MaxDateLetter:
    """Record that the letter went to the employee (by post or e-mail); completes the letter milestone."""
    if channel not in MaxDateLetter.Channel.values:
        raise LetterError(_("Choose how the letter was sent."), "channel", field="channel")
    if sent_on > timezone.localdate():
        raise LetterError(_("The letter cannot be sent in the future."), "future", field="sent_on")
    state = letter_state(case)
    if state.max_date is None:
        raise LetterError(_("The case has no max date yet."), "no_max_date")
    Case.objects.select_for_update().filter(pk=case.pk).first()
    letter = MaxDateLetter.objects.create(
        case=case, max_date=state.max_date, from_nav=state.from_nav, channel=channel, sent_on=sent_on, sent_by=by
    )
    if case.milestones.filter(key=KEY).exists():
        case_services.milestone_complete(case=case, key=KEY, by=by, fulfilled_by=letter, done_on=sent_on)
    audit_record(
        actor=by,
        action="routines.max_date_letter.sent",
        employee=case.employee,
        obj=letter,
        detail={"channel": channel, "sent_on": str(sent_on), "max_date": str(state.max_date)},
    )
    # The notifications about this task are done with.
    Delivery.objects.pending().filter(case=case, milestone_key=KEY, kind=Delivery.Kind.HR_TASK).update(
        cancelled_at=timezone.now(), data={"cancelled": "done_or_not_required"}
    )
    return letter


# HR's task and notices -------------------------------------------------------------


def _hr_users(employee: Employee, directory: Directory) -> list[int]:
    ids = directory.hr_user_ids(organisation_id=employee.organisation_id, unit_path=employee.unit.path)
    return sorted(ids - {employee.user_id})


def _for_each_hr(employee: Employee, directory: Directory, make) -> list[Delivery]:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk__in=_hr_users(employee, directory)).select_related("employee")
    rows = []
    for user in users:
        with translation.override(reminder_services.recipient_language(user)):
            rows.append(make(user))
    return rows


def letter_tasks_record(*, on: date) -> int:
    """Tell HR of every open case whose letter task is open and the letter not yet sent for its max date.

    One delivery per HR user, case and letter due date (reminders' unique key): a second run records nothing.
    """
    cases = (
        Case.objects.open()
        .annotate(eff=Coalesce(F("max_date_from_nav"), F("max_date_estimate")))
        .filter(eff__isnull=False)
        .select_related("employee__unit", "employee__organisation")
    )
    configs = settings_by_organisation(cases.values_list("employee__organisation_id", flat=True).distinct())
    window = Q(pk__in=[])
    for organisation_id, config in configs.items():
        if config.letter_enabled:
            window |= Q(
                employee__organisation_id=organisation_id, eff__lte=on + timedelta(weeks=config.letter_weeks_from)
            )
    directory = None
    rows: list[Delivery] = []
    sent = MaxDateLetter.objects.filter(case=OuterRef("pk"), max_date=OuterRef("eff"))
    for case in cases.filter(window).filter(~Exists(sent)).order_by("pk").iterator(chunk_size=500):
        config = configs[case.employee.organisation_id]
        if not CaseMilestone.objects.filter(case=case, key=KEY).exists():
            sync_case(case, on=on)  # the task opened with time passing: the case gets its milestone
        directory = directory or Directory.load(on)
        due = letter_due(case.eff, config)
        url = reverse("routines:letter", args=[case.pk])

        def make(user, case=case, due=due, url=url):
            return Delivery(
                kind=Delivery.Kind.HR_TASK,
                case=case,
                milestone_key=KEY,
                due=due,
                recipient=user,
                run_on=on,
                data={
                    "title": _("Max-date letter to send"),
                    "text": _("Send %(employee)s the letter about the max date (%(max_date)s) by %(due)s.")
                    % {"employee": case.employee.full_name, "max_date": _date(case.eff), "due": _date(due)},
                    "url": url,
                },
            )

        rows += _for_each_hr(case.employee, directory, make)
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _notify_moved(case: Case, letter: MaxDateLetter, new_date: date) -> None:
    directory = Directory.load(timezone.localdate())
    url = reverse("routines:letter", args=[case.pk])
    for user_id in _hr_users(case.employee, directory):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(pk=user_id).select_related("employee").first()
        with translation.override(reminder_services.recipient_language(user)):
            data = {
                "title": _("The max-date letter may be wrong"),
                "text": _(
                    "The max date of %(employee)s has moved from %(before)s to %(after)s since the letter "
                    "was sent on %(sent)s. Check the letter and send a new one if needed."
                )
                % {
                    "employee": case.employee.full_name,
                    "before": _date(letter.max_date),
                    "after": _date(new_date),
                    "sent": _date(letter.sent_on),
                },
                "url": url,
            }
        reminder_services.event_notify(
            kind=Delivery.Kind.HR_TASK_CHANGED,
            case=case,
            recipient=user,
            key=f"{KEY}:{letter.pk}:{new_date.isoformat()}"[:40],
            data=data,
        )


# The milestone provider -------------------------------------------------------------


def sync_case(case: Case, *, by=None, on: date) -> None:
    config = settings_for(case.employee.organisation_id)
    max_date = effective_max_date(case)
    row = case.milestones.filter(key=KEY).first()
    letter = latest_letter(case)
    if letter is not None and max_date is not None and letter.max_date != max_date and letter.moved_to != max_date:
        letter.moved_to = max_date
        letter.save(update_fields=["moved_to"])
        _notify_moved(case, letter, max_date)
        audit_record(
            actor=by,
            action="routines.max_date_letter.outdated",
            employee=case.employee,
            obj=letter,
            detail={"before": str(letter.max_date), "after": str(max_date)},
        )
    if row is not None and (row.completed_at or row.not_required_reason):
        return
    if max_date is None:
        return
    due = letter_due(max_date, config)
    applies = config.letter_enabled
    reason = "" if applies else ROUTINE_OFF
    if row is None:
        # Added when the task opens (here or by the daily run), not a year ahead on every case.
        if case.status == Case.Status.OPEN and applies and on >= task_opens(max_date, config):
            CaseMilestone.objects.create(case=case, key=KEY, due=due, applies=True, statutory=False)
            Case.objects.filter(pk=case.pk).refresh_next_milestone()
        return
    if (row.due, row.applies, row.reason) == (due, applies, reason):
        return
    if row.due != due:
        CaseActivity.objects.create(
            case=case,
            actor=by if by is not None and by.is_authenticated else None,
            kind=CaseActivity.Kind.DEADLINE_MOVED,
            detail={"key": KEY, "before": str(row.due), "after": str(due)},
        )
    row.due, row.applies, row.reason = due, applies, reason
    row.save(update_fields=["due", "applies", "reason"])


class LetterMilestone:
    """The max-date letter as a milestone provider of cases (cases/extensions.py)."""

    def owns(self, key: str) -> bool:
        return key == KEY

    def sync_case(self, case: Case, engine_case: deadlines.Case, *, by, on: date) -> None:
        sync_case(case, by=by, on=on)

    def title(self, key: str, language: str) -> str:
        with translation.override(language):
            return _("Max-date letter to the employee")

    def texts(self, milestones: Iterable[CaseMilestone], language: str) -> dict[str, dict]:
        texts = {}
        with translation.override(language):
            for row in milestones:
                if row.key != KEY:
                    continue
                texts[KEY] = {
                    "title": _("Max-date letter to the employee"),
                    "legal_basis": _("The organisation's own routine"),
                    "explanation": _(
                        "HR sends the employee a letter on the max date for sick pay, on applying for "
                        "work assessment allowance (AAP) and on the pension scheme, about two to "
                        "three months before the max date. Responsible: HR."
                    ),
                    "reason_text": _("The organisation does not use the max-date letter.")
                    if row.reason == ROUTINE_OFF
                    else "",
                    "statutory": False,
                    "own_routine": True,
                }
        return texts

    def what_to_do(self, key: str, language: str) -> str | None:
        with translation.override(language):
            return _("Write the max-date letter from the organisation's template and mark it sent.")

    def reminds_manager(self, key: str) -> bool:
        return False


PROVIDER = LetterMilestone()


def case_timeline_events(case: Case, *, user) -> list[TimelineEvent]:
    """The letters sent, for the case page's timeline."""
    events = []
    for letter in case.max_date_letters.select_related("sent_by__employee"):
        who = (
            letter.sent_by.employee.full_name
            if letter.sent_by and hasattr(letter.sent_by, "employee")
            else (letter.sent_by.get_username() if letter.sent_by else "")
        )
        events.append(
            TimelineEvent(
                date=letter.sent_on,
                label=_("Max-date letter sent (%(channel)s) by %(who)s")
                % {"channel": letter.get_channel_display().lower(), "who": who},
                kind="max_date_letter_sent",
            )
        )
    return events
