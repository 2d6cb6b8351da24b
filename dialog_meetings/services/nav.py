"""NAV's meetings: the answer on the need for a meeting, DM2/DM3 dates and the reply to NAV."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from cases import access
from cases.models import Case
from cases.services import case_set_dm2_date, milestone_complete

from .. import emails
from ..models import DialogMeeting, MeetingChange, MeetingNeedAnswer
from .base import (
    NEED_QUERY,
    MeetingError,
    check_case,
    check_times,
    history,
    lock,
    milestone_of,
    now,
    record,
    send_after_commit,
    user_label,
)

# NAV's meetings -------------------------------------------------------------


@transaction.atomic
def meeting_need_answer(
    *,
    case: Case,
    by,
    needed: bool,
    reason: str,
    doctor_should_attend: bool = False,
    doctor_reason: str = "",
    interpreter_needed: bool = False,
    interpreter_language: str = "",
) -> MeetingNeedAnswer:
    """Answer NAV's question whether a dialogue meeting is needed (svar på møtebehov)."""
    check_case(case)
    if not reason.strip():
        raise MeetingError(_("Give a reason for your answer."), "reason_required", "reason")
    if interpreter_needed and not interpreter_language.strip():
        raise MeetingError(_("Say which language the interpreter is for."), "language_required", "interpreter_language")
    answer = MeetingNeedAnswer.objects.create(
        case=case,
        needed=needed,
        reason=reason.strip(),
        doctor_should_attend=doctor_should_attend,
        doctor_reason=doctor_reason.strip() if doctor_should_attend else "",
        interpreter_needed=interpreter_needed,
        interpreter_language=interpreter_language.strip() if interpreter_needed else "",
        answered_by=by,
    )
    audit_record(actor=by, action="meeting.need_answer", employee=case.employee, obj=answer, detail={"needed": needed})
    milestone = milestone_of(case, NEED_QUERY)
    if milestone is not None and milestone.completed_at is None:
        milestone_complete(
            case=case,
            key=NEED_QUERY,
            by=by,
            fulfilled_by=answer,
            note=_("Answered: a meeting is needed.") if needed else _("Answered: no meeting is needed."),
        )
    return answer


@transaction.atomic
def nav_meeting_record(
    *,
    case: Case,
    by,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    video_link: str = "",
    reply: str = "",
    reply_note: str = "",
    site_url: str = "",
) -> DialogMeeting:
    """Record the date NAV called in to DM2 or DM3; for DM2 the plan-to-NAV deadline follows (R23)."""
    check_case(case)
    if kind not in {DialogMeeting.Kind.DM2, DialogMeeting.Kind.DM3}:
        raise MeetingError(_("Choose dialogue meeting 2 or 3."), "invalid_kind", "kind")
    check_times(starts_at, ends_at, future=False)
    if timezone.localtime(starts_at).date() < case.start:
        raise MeetingError(_("The meeting cannot be before the first day of absence."), "before_case", "date")
    Case.objects.select_for_update().filter(pk=case.pk).first()
    if case.dialog_meetings.active().filter(kind=kind).exists():
        raise MeetingError(_("This meeting is already recorded. Move or cancel it instead."), "already_planned", "kind")
    meeting = DialogMeeting.objects.create(
        case=case,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        video_link=video_link.strip(),
        organiser=by,
        organiser_name=_("NAV"),
    )
    history(
        meeting,
        MeetingChange.Kind.RECORDED,
        by,
        starts_at=starts_at,
        ends_at=ends_at,
        place=meeting.place,
        video_link=meeting.video_link,
    )
    record(by, "meeting.nav_record", meeting, kind=kind, starts_at=starts_at.isoformat())
    if reply:
        _set_reply(meeting, by, reply, reply_note)
    if kind == DialogMeeting.Kind.DM2:
        case_set_dm2_date(case=case, dm2_date=timezone.localtime(starts_at).date(), by=by)
    send_after_commit(
        emails.send_nav_meeting_notice, meeting.pk, recipients=_managers_to_tell(case, by), site_url=site_url
    )
    return meeting


def _managers_to_tell(case: Case, by) -> list[emails.Recipient]:
    """The nearest manager, and whoever recorded the date if someone else: each gets the date and the deadline."""
    people: dict[str, emails.Recipient] = {}
    manager = case.employee.manager
    if manager is not None and manager.email:
        people[manager.email.lower()] = emails.Recipient(manager.full_name, manager.email, manager.preferred_language)
    me = access.employee_of(by)
    address = (me.email if me is not None and me.email else "") or getattr(by, "email", "")
    if address and address.lower() not in people and (me is None or me.pk != case.employee_id):
        people[address.lower()] = emails.Recipient(
            user_label(by), address, me.preferred_language if me is not None else "nb"
        )
    return list(people.values())


def _set_reply(meeting: DialogMeeting, by, reply: str, note: str) -> None:
    if reply not in DialogMeeting.NavReply.values:
        raise MeetingError(_("Choose a reply."), "invalid_reply", "reply")
    if reply == DialogMeeting.NavReply.NEW_TIME_OR_PLACE and not note.strip():
        raise MeetingError(_("Say which time or place would suit you."), "note_required", "reply_note")
    meeting.nav_reply = reply
    meeting.nav_reply_note = note.strip()
    meeting.nav_replied_at = now()
    meeting.save(update_fields=["nav_reply", "nav_reply_note", "nav_replied_at"])
    history(meeting, MeetingChange.Kind.NAV_REPLY, by, reason=meeting.nav_reply_note)
    record(by, "meeting.nav_reply", meeting, reply=reply)


@transaction.atomic
def nav_meeting_reply(*, meeting: DialogMeeting, by, reply: str, note: str = "") -> DialogMeeting:
    """Record the employer's reply to NAV's invitation: coming, not coming, or another time or place."""
    meeting = lock(meeting)
    if not meeting.is_nav:
        raise MeetingError(_("Replies are recorded for NAV's meetings only."), "not_nav")
    if not meeting.is_planned:
        raise MeetingError(_("Only a planned meeting can be answered."), "not_planned")
    _set_reply(meeting, by, reply, note)
    return meeting
