"""E-mails about dialogue meetings, each in its reader's language, with the calendar file.

Called after the transaction commits (services use `transaction.on_commit`).
A failed send is logged and shown on the participant; it never undoes the
meeting. Participants who are not users (doctor, BHT, union representative)
get e-mail only when an address is given, the doctor only with the
employee's consent.
"""

import email.message
import logging
from dataclasses import dataclass
from email.headerregistry import Address

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import ics
from .formatting import meeting_start, meeting_when, meeting_where
from .models import DialogMeeting, Participant, Preparation

logger = logging.getLogger(__name__)

NEW, MOVED, CANCELLED = "new", "moved", "cancelled"


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    language: str


def link(site_url: str, path: str) -> str:
    """An absolute link when the site's address is known (settings.SITE_URL, else the request's)."""
    base = (getattr(settings, "SITE_URL", "") or site_url).rstrip("/")
    return f"{base}{path}" if base else ""


def uid_for(meeting: DialogMeeting) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "sykefravaer"
    return f"dialogmote-{meeting.uid}@{domain}"


def summary(meeting: DialogMeeting) -> str:
    return _("%(meeting)s – %(employee)s") % {
        "meeting": meeting.get_kind_display(),
        "employee": meeting.case.employee.full_name,
    }


def calendar_text(meeting: DialogMeeting, *, method: str, description: str = "") -> str:
    """The meeting as iCalendar, in the active language."""
    invited = [p for p in meeting.participants.all() if p.may_be_invited and not p.added_in_minutes]
    organiser = None
    organiser_email = meeting.organiser_email or settings.DEFAULT_FROM_EMAIL
    if not meeting.is_nav:
        organiser = ics.Person(meeting.organiser_name or organiser_email, organiser_email)
    attendees = [
        ics.Person(p.name, p.email, required=p.role in {Participant.Role.EMPLOYEE, Participant.Role.MANAGER})
        for p in invited
    ]
    location = meeting.place or meeting.video_link
    event = ics.Event(
        uid=uid_for(meeting),
        sequence=meeting.sequence,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        summary=summary(meeting),
        description=description,
        location=location,
        url=meeting.video_link,
        organiser=organiser,
        attendees=attendees if not meeting.is_nav else [],
        cancelled=meeting.status == DialogMeeting.Status.CANCELLED,
    )
    return ics.calendar(event, method=method, now=timezone.now())


def calendar_part(text: str, *, method: str, filename: str) -> email.message.MIMEPart:
    """The .ics attachment as text/calendar; method=…, base64 so its CRLF lines arrive intact."""
    part = email.message.MIMEPart()
    # Bytes, not text: the email package would turn the CRLF line ends that RFC 5545 requires into LF.
    part.set_content(
        text.encode("utf-8"),
        maintype="text",
        subtype="calendar",
        cte="base64",
        params={"charset": "utf-8", "method": method},
        disposition="attachment",
        filename=filename,
    )
    return part


def calendar_description(meeting: DialogMeeting) -> str:
    lines = [_("Where: %(where)s") % {"where": meeting_where(meeting)}, "", _("Participants:")]
    lines += [
        f"- {p.get_role_display()}: {p.name}"
        for p in meeting.participants.all()
        if not p.added_in_minutes and not p.needs_consent
    ]
    lines += [
        "",
        _("The employee may bring a trusted person, for example a union representative."),
        _("Do not send medical information by e-mail."),
    ]
    return "\n".join(lines)


def _send(
    *,
    subject: str,
    to: Recipient,
    template: str,
    context: dict,
    reply_to: str = "",
    attachment: email.message.MIMEPart | None = None,
) -> None:
    text = render_to_string(f"dialog_meetings/email/{template}.txt", context)
    html = render_to_string(f"dialog_meetings/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[str(Address(display_name=to.name, addr_spec=to.email))],
        reply_to=[reply_to] if reply_to else None,
    )
    message.attach_alternative(html, "text/html")
    if attachment is not None:
        message.attach(attachment)
    message.send()


def preparation_questions() -> list[str]:
    return [str(Preparation._meta.get_field(name).verbose_name) for name in Preparation.ANSWER_FIELDS]


def send_invitations(
    meeting_id: int, *, change: str = NEW, site_url: str = "", participant_ids: list[int] | None = None
) -> None:
    """Send (or resend after a change) the invitation to every participant who may get it."""
    meeting = DialogMeeting.objects.select_related("case__employee").get(pk=meeting_id)
    participants = list(meeting.participants.filter(added_in_minutes=False))
    if participant_ids is not None:
        participants = [p for p in participants if p.pk in participant_ids]
    method = "CANCEL" if change == CANCELLED else "REQUEST"
    for participant in participants:
        if change != NEW and participant.mail_status != Participant.Mail.SENT:
            continue  # only those who got the invitation hear of a move or a cancellation
        if participant.needs_consent:
            _set_mail_status(participant, Participant.Mail.AWAITING_CONSENT)
            continue
        if not participant.email:
            _set_mail_status(participant, Participant.Mail.NO_ADDRESS)
            continue
        try:
            with translation.override(participant.language):
                _send_invitation(meeting, participant, change=change, method=method, site_url=site_url)
        except Exception:
            logger.exception("Invitation to meeting %s for participant %s was not sent", meeting.pk, participant.pk)
            _set_mail_status(participant, Participant.Mail.FAILED)
        else:
            _set_mail_status(participant, Participant.Mail.SENT, sent=True)


def _send_invitation(
    meeting: DialogMeeting, participant: Participant, *, change: str, method: str, site_url: str
) -> None:
    employee = meeting.case.employee
    is_employee = participant.role == Participant.Role.EMPLOYEE
    has_account = participant.role in {Participant.Role.EMPLOYEE, Participant.Role.MANAGER}
    subjects = {
        NEW: _("Invitation: %(meeting)s on %(when)s"),
        MOVED: _("New time: %(meeting)s on %(when)s"),
        CANCELLED: _("Cancelled: %(meeting)s on %(when)s"),
    }
    # The organiser is a participant too: she gets a copy marked as sent, not an invitation from herself.
    is_organiser = bool(meeting.organiser_email) and participant.email.lower() == meeting.organiser_email.lower()
    if is_organiser:
        subjects[NEW] = _("Sent, your copy: %(meeting)s on %(when)s")
    when = meeting_when(meeting)
    subject = subjects[change] % {"meeting": meeting.get_kind_display(), "when": meeting_start(meeting)}
    context = {
        "meeting": meeting,
        "participant": participant,
        "employee": employee,
        "is_employee": is_employee,
        "is_organiser": is_organiser,
        "change": change,
        "when": when,
        "where": meeting_where(meeting),
        "participants": [p for p in meeting.participants.all() if not p.added_in_minutes and not p.needs_consent],
        "questions": preparation_questions() if is_employee else [],
        "link": link(site_url, reverse("dialog_meetings:detail", args=[meeting.case_id, meeting.pk]))
        if has_account
        else "",
        "previous": meeting.changes.filter(kind="rescheduled").last() if change == MOVED else None,
    }
    calendar = calendar_text(meeting, method=method, description=calendar_description(meeting))
    _send(
        subject=subject,
        to=Recipient(participant.name, participant.email, participant.language),
        template="cancellation" if change == CANCELLED else "invitation",
        context=context,
        reply_to=meeting.organiser_email,
        attachment=calendar_part(calendar, method=method, filename="dialogmote.ics"),
    )


def _set_mail_status(participant: Participant, status: str, *, sent: bool = False) -> None:
    fields = {"mail_status": status}
    if sent:
        fields["mailed_at"] = timezone.now()
    Participant.objects.filter(pk=participant.pk).update(**fields)


def send_minutes_ready(meeting_id: int, *, site_url: str = "") -> None:
    """Tell the employee the minutes are written and can be read and commented on."""
    meeting = DialogMeeting.objects.select_related("case__employee").get(pk=meeting_id)
    employee = meeting.case.employee
    if not employee.email:
        return
    try:
        with translation.override(employee.preferred_language):
            context = {
                "meeting": meeting,
                "employee": employee,
                "when": meeting_when(meeting),
                "link": link(site_url, reverse("dialog_meetings:detail", args=[meeting.case_id, meeting.pk])),
            }
            _send(
                subject=_("Minutes from %(meeting)s") % {"meeting": meeting.get_kind_display()},
                to=Recipient(employee.full_name, employee.email, employee.preferred_language),
                template="minutes_ready",
                context=context,
                reply_to=meeting.organiser_email,
            )
    except Exception:
        logger.exception("Notice of minutes for meeting %s was not sent", meeting.pk)


def send_nav_meeting_notice(meeting_id: int, *, recipients: list[Recipient], site_url: str = "") -> None:
    """Tell the manager NAV's meeting date, and for DM2 the date the updated plan must reach NAV (R23)."""
    meeting = DialogMeeting.objects.select_related("case__employee").get(pk=meeting_id)
    case = meeting.case
    plan_to_nav = case.milestones.filter(key="plan_to_nav").first() if meeting.kind == meeting.Kind.DM2 else None
    for recipient in recipients:
        try:
            with translation.override(recipient.language):
                calendar = calendar_text(meeting, method="PUBLISH", description=calendar_description(meeting))
                context = {
                    "meeting": meeting,
                    "employee": case.employee,
                    "recipient": recipient,
                    "when": meeting_when(meeting),
                    "where": meeting_where(meeting),
                    "plan_to_nav": plan_to_nav,
                    "link": link(site_url, reverse("dialog_meetings:detail", args=[case.pk, meeting.pk])),
                }
                _send(
                    subject=_("%(meeting)s on %(when)s")
                    % {"meeting": meeting.get_kind_display(), "when": meeting_start(meeting)},
                    to=recipient,
                    template="nav_meeting",
                    context=context,
                    attachment=calendar_part(calendar, method="PUBLISH", filename="dialogmote.ics"),
                )
        except Exception:
            logger.exception("Notice of NAV meeting %s was not sent", meeting.pk)
