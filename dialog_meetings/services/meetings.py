"""Dialogue meeting 1 and every meeting's lifecycle: invite, move, cancel, prepare, minutes."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import access
from cases.models import Case, CaseMilestone
from cases.services import case_set_dm2_date, milestone_complete, milestone_not_required, milestone_reopen
from kernel.errors import DomainError

from .. import emails
from ..models import AgreedAction, DialogMeeting, MeetingChange, Minutes, MinutesComment, Participant, Preparation
from .base import (
    DM1,
    ActionInput,
    Invitee,
    MeetingError,
    check_case,
    check_place,
    check_times,
    history,
    lock,
    milestone_of,
    now,
    record,
    send_after_commit,
    user_label,
)

# Dialogue meeting 1 ---------------------------------------------------------


def _manager_participant(case: Case, by) -> Participant | None:
    """The manager who takes part: the inviting (acting) manager, else the employee's nearest manager."""
    me = access.employee_of(by)
    manager = (
        me
        if me is not None and access.managed_employees(by).filter(pk=case.employee_id).exists()
        else case.employee.manager
    )
    if manager is None:
        return None
    return Participant(
        role=Participant.Role.MANAGER,
        name=manager.full_name,
        email=manager.email,
        language=manager.preferred_language,
        employee=manager,
    )


@transaction.atomic
def meeting_invite(
    *,
    case: Case,
    by,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    video_link: str = "",
    message: str = "",
    others: list[Invitee] | tuple = (),
    site_url: str = "",
) -> DialogMeeting:
    """Invite to dialogue meeting 1 and send the invitations with a calendar file."""
    check_case(case)
    if case.status != Case.Status.OPEN:
        raise MeetingError(_("The case is closed: the employee is back at work."), "case_closed")
    check_times(starts_at, ends_at, future=True)
    check_place(place, video_link)
    Case.objects.select_for_update().filter(pk=case.pk).first()
    if case.dialog_meetings.active().filter(kind=DialogMeeting.Kind.DM1).exists():
        raise MeetingError(
            _("Dialogue meeting 1 is already planned or held. Move or cancel it instead."), "already_planned"
        )
    me = access.employee_of(by)
    meeting = DialogMeeting.objects.create(
        case=case,
        kind=DialogMeeting.Kind.DM1,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        video_link=video_link.strip(),
        message=message.strip(),
        organiser=by,
        organiser_name=user_label(by),
        organiser_email=(me.email if me is not None and me.email else by.email),
    )
    employee = case.employee
    participants = [
        Participant(
            role=Participant.Role.EMPLOYEE,
            name=employee.full_name,
            email=employee.email,
            language=employee.preferred_language,
            employee=employee,
        )
    ]
    manager = _manager_participant(case, by)
    if manager is not None:
        participants.append(manager)
    for other in others:
        if other.role in {Participant.Role.EMPLOYEE, Participant.Role.MANAGER} or not other.name.strip():
            continue
        consent = other.role == Participant.Role.DOCTOR and other.consent
        participants.append(
            Participant(
                role=other.role,
                name=other.name.strip(),
                email=other.email.strip(),
                language=other.language,
                consent_at=now() if consent else None,
                consent_recorded_by=by if consent else None,
            )
        )
    for participant in participants:
        participant.meeting = meeting
    Participant.objects.bulk_create(participants)
    history(
        meeting,
        MeetingChange.Kind.INVITED,
        by,
        starts_at=starts_at,
        ends_at=ends_at,
        place=meeting.place,
        video_link=meeting.video_link,
    )
    record(
        by,
        "meeting.invite",
        meeting,
        kind=meeting.kind,
        starts_at=starts_at.isoformat(),
        participants=[p.role for p in participants],
    )
    send_after_commit(emails.send_invitations, meeting.pk, change=emails.NEW, site_url=site_url)
    return meeting


def reschedule_refusal(meeting: DialogMeeting) -> MeetingError | None:
    """Why the meeting cannot be moved, or None: only a planned one can."""
    if not meeting.is_planned:
        return MeetingError(_("Only a planned meeting can be moved."), "not_planned")
    return None


def cancel_refusal(meeting: DialogMeeting) -> MeetingError | None:
    """Why the meeting cannot be cancelled, or None: only a planned one can."""
    if not meeting.is_planned:
        return MeetingError(_("Only a planned meeting can be cancelled."), "not_planned")
    return None


@transaction.atomic
def meeting_reschedule(
    *,
    meeting: DialogMeeting,
    by,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    video_link: str = "",
    reason: str = "",
    site_url: str = "",
) -> DialogMeeting:
    """Move a planned meeting; the history keeps the old time, calendars get the new one."""
    meeting = lock(meeting)
    if (refusal := reschedule_refusal(meeting)) is not None:
        raise refusal
    check_times(starts_at, ends_at, future=not meeting.is_nav)
    if not meeting.is_nav:
        check_place(place, video_link)
    place, video_link = place.strip(), video_link.strip()
    if (starts_at, ends_at, place, video_link) == (
        meeting.starts_at,
        meeting.ends_at,
        meeting.place,
        meeting.video_link,
    ):
        raise MeetingError(_("Nothing was changed: give a new time or place."), "unchanged", "date")
    history(
        meeting,
        MeetingChange.Kind.RESCHEDULED,
        by,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        video_link=video_link,
        previous_starts_at=meeting.starts_at,
        previous_place=meeting.place,
        reason=reason.strip(),
    )
    before = meeting.starts_at
    meeting.starts_at, meeting.ends_at, meeting.place, meeting.video_link = starts_at, ends_at, place, video_link
    meeting.sequence += 1
    meeting.save(update_fields=["starts_at", "ends_at", "place", "video_link", "sequence"])
    record(by, "meeting.reschedule", meeting, before=before.isoformat(), after=starts_at.isoformat())
    if meeting.kind == DialogMeeting.Kind.DM2:
        case_set_dm2_date(case=meeting.case, dm2_date=timezone.localtime(starts_at).date(), by=by)
    if not meeting.is_nav:
        send_after_commit(emails.send_invitations, meeting.pk, change=emails.MOVED, site_url=site_url)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: DialogMeeting, by, reason: str, site_url: str = "") -> DialogMeeting:
    """Cancel a planned meeting, with a reason; the participants' calendars drop it."""
    meeting = lock(meeting)
    if (refusal := cancel_refusal(meeting)) is not None:
        raise refusal
    if not reason.strip():
        raise MeetingError(_("Write why the meeting is cancelled."), "reason_required", "reason")
    meeting.status = DialogMeeting.Status.CANCELLED
    meeting.cancelled_at = now()
    meeting.cancel_reason = reason.strip()
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancelled_at", "cancel_reason", "sequence"])
    history(
        meeting,
        MeetingChange.Kind.CANCELLED,
        by,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=meeting.place,
        video_link=meeting.video_link,
        reason=meeting.cancel_reason,
    )
    record(by, "meeting.cancel", meeting)
    if meeting.kind == DialogMeeting.Kind.DM2:
        case_set_dm2_date(case=meeting.case, dm2_date=None, by=by)
    if not meeting.is_nav:
        send_after_commit(emails.send_invitations, meeting.pk, change=emails.CANCELLED, site_url=site_url)
    return meeting


@transaction.atomic
def participant_consent(*, participant: Participant, by, site_url: str = "") -> Participant:
    """Record the employee's consent to the doctor taking part, and send the doctor the invitation."""
    participant = (
        Participant.objects.select_for_update().select_related("meeting__case__employee").get(pk=participant.pk)
    )
    meeting = participant.meeting
    if participant.role != Participant.Role.DOCTOR:
        raise MeetingError(_("Consent is asked only for the doctor."), "not_doctor")
    if participant.consent_at is not None:
        return participant
    participant.consent_at = now()
    participant.consent_recorded_by = by
    participant.save(update_fields=["consent_at", "consent_recorded_by"])
    history(meeting, MeetingChange.Kind.CONSENT, by)
    record(by, "meeting.doctor_consent", meeting, participant=participant.pk)
    if meeting.is_planned and meeting.starts_at > now():
        send_after_commit(
            emails.send_invitations, meeting.pk, change=emails.NEW, site_url=site_url, participant_ids=[participant.pk]
        )
    return participant


@transaction.atomic
def preparation_save(*, meeting: DialogMeeting, side: str, by, shared: bool = False, **answers) -> Preparation:
    """Save one side's preparation checklist."""
    if meeting.status == DialogMeeting.Status.CANCELLED:
        raise MeetingError(_("The meeting is cancelled."), "cancelled")
    preparation, _created = Preparation.objects.select_for_update().get_or_create(meeting=meeting, side=side)
    for name in Preparation.ANSWER_FIELDS:
        if name in answers:
            setattr(preparation, name, (answers[name] or "").strip())
    preparation.shared = shared
    preparation.updated_by = by
    preparation.save()
    record(by, "meeting.prepare", meeting, side=side, shared=shared)
    return preparation


def _sync_actions(minutes: Minutes, actions: list[ActionInput]) -> None:
    existing = {a.pk: a for a in minutes.actions.all()}
    for item in actions:
        action = existing.get(item.pk) if item.pk else None
        if item.delete or not item.description.strip():
            if action is not None:
                if action.measure_created_at:
                    raise MeetingError(
                        _("An action already added to the follow-up plan cannot be removed here."), "action_in_plan"
                    )
                action.delete()
            continue
        if action is None:
            action = AgreedAction(minutes=minutes)
        action.description = item.description.strip()
        action.responsible = item.responsible
        action.due = item.due
        action.full_clean(exclude=["minutes", "measure_type"])
        action.save()


def minutes_refusal(meeting: DialogMeeting) -> MeetingError | None:
    """Why the minutes cannot be written now, or None: not for a cancelled meeting, nor before its day."""
    if meeting.status == DialogMeeting.Status.CANCELLED:
        return MeetingError(_("The meeting is cancelled."), "cancelled")
    if timezone.localtime(meeting.starts_at).date() > timezone.localdate():
        return MeetingError(
            _("The meeting has not been held yet. Move it first if it was held on another day."), "not_yet_held"
        )
    return None


@transaction.atomic
def minutes_record(
    *,
    meeting: DialogMeeting,
    by,
    situation: str,
    conclusion: str,
    employee_tasks: str,
    employer_tasks: str,
    doctor_tasks: str = "",
    nav_tasks: str = "",
    doctor_attended: bool = False,
    doctor_receives_minutes: bool = False,
    attended: list[int] | tuple = (),
    extra_attendees: list[tuple[str, str]] | tuple = (),
    actions: list[ActionInput] | tuple = (),
    site_url: str = "",
) -> Minutes:
    """Write (or correct) the minutes. The first time marks the meeting held and its milestone done."""
    meeting = lock(meeting)
    if (refusal := minutes_refusal(meeting)) is not None:
        raise refusal
    doctor = meeting.participants.filter(role=Participant.Role.DOCTOR, added_in_minutes=False).first()
    if (
        not meeting.is_nav
        and (doctor_attended or doctor_receives_minutes)
        and (doctor is None or doctor.consent_at is None)
    ):
        raise MeetingError(
            _(
                "The doctor takes part in or receives the minutes only with the employee's consent. "
                "Add the doctor to the meeting and record the consent first."
            ),
            "doctor_without_consent",
            "doctor_attended",
        )
    fields = {
        "situation": situation.strip(),
        "conclusion": conclusion.strip(),
        "employee_tasks": employee_tasks.strip(),
        "employer_tasks": employer_tasks.strip(),
        "doctor_tasks": doctor_tasks.strip(),
        "nav_tasks": nav_tasks.strip() if meeting.is_nav else "",
        "doctor_attended": doctor_attended,
        "doctor_receives_minutes": doctor_receives_minutes,
    }
    first = not Minutes.objects.filter(meeting=meeting).exists()
    minutes = Minutes(meeting=meeting, recorded_by=by) if first else meeting.minutes
    for key, value in fields.items():
        setattr(minutes, key, value)
    minutes.full_clean(exclude=["meeting", "recorded_by"])
    minutes.save()
    chosen = set(attended)
    for participant in meeting.participants.filter(added_in_minutes=False):
        present = doctor_attended if participant.role == Participant.Role.DOCTOR else participant.pk in chosen
        if participant.attended != present:
            participant.attended = present
            participant.save(update_fields=["attended"])
    for role, name in extra_attendees:
        if name.strip():
            Participant.objects.create(
                meeting=meeting,
                role=role,
                name=name.strip(),
                attended=True,
                added_in_minutes=True,
                mail_status=Participant.Mail.NOT_INVITED,
            )
    _sync_actions(minutes, list(actions))
    if first:
        meeting.status = DialogMeeting.Status.HELD
        meeting.held_at = now()
        meeting.save(update_fields=["status", "held_at"])
        history(
            meeting,
            MeetingChange.Kind.HELD,
            by,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            place=meeting.place,
            video_link=meeting.video_link,
        )
        record(by, "meeting.held", meeting, kind=meeting.kind)
        key = meeting.milestone_key
        if key and milestone_of(meeting.case, key) is not None:
            milestone_complete(
                case=meeting.case,
                key=key,
                by=by,
                fulfilled_by=meeting,
                done_on=timezone.localdate(meeting.starts_at),
                note=_("%(meeting)s held.") % {"meeting": meeting.get_kind_display()},
            )
        if not meeting.is_nav:
            send_after_commit(emails.send_minutes_ready, meeting.pk, site_url=site_url)
    else:
        history(meeting, MeetingChange.Kind.MINUTES_EDITED, by)
        record(by, "meeting.minutes_edit", meeting)
    return minutes


@transaction.atomic
def minutes_comment(*, minutes: Minutes, by, text: str) -> MinutesComment:
    """The employee's comment on the minutes."""
    if not text.strip():
        raise MeetingError(_("Write a comment."), "empty", "text")
    comment = MinutesComment.objects.create(minutes=minutes, author=by, author_label=user_label(by), text=text.strip())
    record(by, "meeting.minutes_comment", minutes.meeting)
    return comment


# Agreed actions into the follow-up plan --------------------------------------

# The plan's measures know these responsibles; the doctor's tasks are not the employer's measures.
ACTION_TO_MEASURE_RESPONSIBLE = {
    AgreedAction.Responsible.EMPLOYER: "employer",
    AgreedAction.Responsible.EMPLOYEE: "employee",
    AgreedAction.Responsible.OCCUPATIONAL_HEALTH: "occupational_health",
    AgreedAction.Responsible.NAV: "nav",
}


def action_can_become_measure(action: AgreedAction) -> bool:
    return action.measure_created_at is None and action.responsible in ACTION_TO_MEASURE_RESPONSIBLE


@transaction.atomic
def action_to_measure(*, action: AgreedAction, by):
    """Add an agreed action to the follow-up plan's draft as an agreed measure (one click)."""
    from followup_plans import services as plans
    from followup_plans.models import PlanMeasure

    action = AgreedAction.objects.select_for_update().select_related("minutes__meeting__case").get(pk=action.pk)
    if action.measure_created_at is not None:
        raise MeetingError(_("This action is already in the follow-up plan."), "already_added")
    if action.responsible not in ACTION_TO_MEASURE_RESPONSIBLE:
        raise MeetingError(
            _("Only actions for the employer, the employee, BHT or NAV become plan measures."), "not_a_measure"
        )
    case = action.minutes.meeting.case
    plan = case.followup_plans.first()
    draft = plan.versions.drafts().first() if plan is not None else None
    try:
        if draft is None:
            if plan is not None and plan.versions.completed().exists():
                draft = plans.version_new(plan=plan, by=by)
            else:
                draft = plans.plan_start(case=case, by=by)
        measure = plans.measure_save(
            version=draft,
            by=by,
            description=action.description,
            responsible=ACTION_TO_MEASURE_RESPONSIBLE[action.responsible],
            start=min(timezone.localdate(), action.due or timezone.localdate()),
            end=action.due,
            status=PlanMeasure.Status.AGREED,
            comment=_("Agreed in %(meeting)s.") % {"meeting": action.minutes.meeting.get_kind_display()},
        )
    except DomainError as error:
        raise MeetingError(error.message, error.code) from error
    action.measure = measure
    action.measure_created_at = now()
    action.save(update_fields=["measure_type", "measure_id", "measure_created_at"])
    record(by, "meeting.action_to_plan", action.minutes.meeting, agreed_action=action.pk, version=draft.number)
    return measure


# DM1 not required -----------------------------------------------------------


@transaction.atomic
def dm1_mark_not_required(*, case: Case, by, reason: str) -> CaseMilestone:
    """Record the manager's written assessment that DM1 is not needed ("åpenbart unødvendig")."""
    if case.dialog_meetings.active().filter(kind=DialogMeeting.Kind.DM1).exists():
        raise MeetingError(
            _("Dialogue meeting 1 is planned or held. Cancel the planned meeting first."), "meeting_exists"
        )
    if milestone_of(case, DM1) is None:
        raise MeetingError(_("This case has no such milestone."), "unknown_milestone")
    return milestone_not_required(case=case, key=DM1, by=by, reason=reason)


@transaction.atomic
def dm1_undo_not_required(*, case: Case, by) -> CaseMilestone:
    milestone = milestone_of(case, DM1)
    if milestone is None or not milestone.not_required_reason:
        raise MeetingError(_("Dialogue meeting 1 is not marked as not required."), "not_marked")
    return milestone_reopen(case=case, key=DM1, by=by)
