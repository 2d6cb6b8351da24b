"""Dialogue meeting services: invitations, changes, minutes, milestones and NAV's meetings."""

import base64
from datetime import date, timedelta

import pytest

from audit.models import AuditEvent
from cases.models import CaseActivity
from dialog_meetings import ics, services
from dialog_meetings.models import DialogMeeting, MeetingChange, Participant, Preparation
from dialog_meetings.services import ActionInput, Invitee, MeetingError

from .conftest import oslo


def calendar_of(message) -> tuple[str, str]:
    """The .ics attachment of a sent message, as the receiver's mail program sees it: (method, text)."""
    parsed = message.message()
    for part in parsed.walk():
        if part.get_content_type() == "text/calendar":
            assert part.get_filename() == "dialogmote.ics"
            assert part["Content-Transfer-Encoding"] == "base64"
            assert part.get_content_charset() == "utf-8"
            text = base64.b64decode(part.get_payload()).decode("utf-8")
            assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")  # CRLF kept
            return part.get_param("method"), text
    raise AssertionError("no calendar attached")


def prop(text: str, name: str) -> str:
    """A property of the calendar or its event (not of the time zone)."""
    lines = ics.unfold(text)
    lines = lines[: lines.index("BEGIN:VTIMEZONE")] + lines[lines.index("END:VTIMEZONE") + 1 :]
    return next(line.split(":", 1)[1] for line in lines if line.split(":")[0].split(";")[0] == name)


def mail_to(outbox, address):
    return [m for m in outbox if any(address in to for to in m.to)]


def milestone(case, key):
    return case.milestones.get(key=key)


# Invitations -----------------------------------------------------------------


def test_invitation_goes_to_employee_and_manager_with_a_calendar_file(case, invite, mailoutbox, world):
    meeting = invite(case)
    assert {m.to[0].split("<")[-1].rstrip(">") for m in mailoutbox} == {
        world.sales_employee.email,
        world.sales_manager.email,
    }
    message = mail_to(mailoutbox, world.sales_employee.email)[0]
    method, text = calendar_of(message)
    assert method == "REQUEST"
    assert prop(text, "METHOD") == "REQUEST"
    assert prop(text, "UID") == f"dialogmote-{meeting.uid}@localhost"
    assert prop(text, "SEQUENCE") == "0"
    assert "20260210T100000" in prop(text, "DTSTART")
    assert message.reply_to == [world.sales_manager.email]
    roles = {p.role: p for p in meeting.participants.all()}
    assert roles["employee"].mail_status == Participant.Mail.SENT
    assert roles["manager"].mail_status == Participant.Mail.SENT
    assert meeting.changes.get().kind == MeetingChange.Kind.INVITED


def test_the_organiser_gets_a_copy_marked_as_sent_not_an_invitation_from_herself(case, invite, mailoutbox, world):
    invite(case)  # by the manager, who is a participant too
    copy = mail_to(mailoutbox, world.sales_manager.email)[0]
    assert copy.subject.startswith("Sent, your copy:")
    assert "Your copy: the invitation to dialogue meeting 1" in copy.body
    assert "invites you" not in copy.body and "invites you" not in copy.alternatives[0][0]
    invitation = mail_to(mailoutbox, world.sales_employee.email)[0]
    assert invitation.subject.startswith("Invitation:") and "invites you" in invitation.body


def test_employee_invitation_tells_purpose_trusted_person_and_preparation(case, invite, mailoutbox, world):
    world.sales_employee.preferred_language = "en"
    world.sales_employee.save()
    invite(case)
    message = mail_to(mailoutbox, world.sales_employee.email)[0]
    body = message.body
    assert "What the meeting is for" in body
    assert "You have the right to bring a trusted person" in body
    assert "- What is hard?" in body  # the preparation checklist
    assert f"/saker/{case.pk}/moter/" in body
    html = message.alternatives[0].content
    assert "<li>" in html


def test_invitation_is_in_each_recipients_language(case, invite, mailoutbox, world):
    world.sales_employee.preferred_language = "en"
    world.sales_employee.save()
    invite(case)
    english = mail_to(mailoutbox, world.sales_employee.email)[0]
    assert english.subject.startswith("Invitation: Dialogue meeting 1 on Tuesday")
    assert "Hello Salesemployee Test," in english.body
    _method, text = calendar_of(english)
    assert prop(text, "SUMMARY") == "Dialogue meeting 1 – Salesemployee Test"


def test_doctor_without_consent_waits_and_gets_no_mail(case, invite, mailoutbox):
    meeting = invite(case, others=[Invitee(Participant.Role.DOCTOR, "Dr. Lege", "lege@example.org")])
    doctor = meeting.participants.get(role="doctor")
    assert doctor.mail_status == Participant.Mail.AWAITING_CONSENT
    assert not mail_to(mailoutbox, "lege@example.org")
    _m, text = calendar_of(mailoutbox[0])
    assert "lege@example.org" not in text


def test_employees_consent_sends_the_doctor_the_invitation(
    case, invite, mailoutbox, people, django_capture_on_commit_callbacks
):
    meeting = invite(case, others=[Invitee(Participant.Role.DOCTOR, "Dr. Lege", "lege@example.org")])
    doctor = meeting.participants.get(role="doctor")
    with django_capture_on_commit_callbacks(execute=True):
        services.participant_consent(participant=doctor, by=people.employee)
    doctor.refresh_from_db()
    assert doctor.consent_at is not None and doctor.consent_recorded_by == people.employee
    assert doctor.mail_status == Participant.Mail.SENT
    assert len(mail_to(mailoutbox, "lege@example.org")) == 1
    assert meeting.changes.filter(kind=MeetingChange.Kind.CONSENT).exists()


def test_doctor_with_recorded_consent_and_others_with_addresses_are_invited(case, invite, mailoutbox):
    meeting = invite(
        case,
        others=[
            Invitee(Participant.Role.DOCTOR, "Dr. Lege", "lege@example.org", "en", consent=True),
            Invitee(Participant.Role.OHS, "BHT Helse", ""),
            Invitee(Participant.Role.UNION_REP, "Tillits Valgt", "tv@example.org"),
        ],
    )
    statuses = {p.role: p.mail_status for p in meeting.participants.all()}
    assert statuses == {
        "employee": "sent",
        "manager": "sent",
        "doctor": "sent",
        "ohs": "no_address",
        "union_rep": "sent",
    }
    assert mail_to(mailoutbox, "lege@example.org")[0].subject.startswith("Invitation:")  # in English


def test_a_failed_send_is_shown_on_the_participant_not_lost(case, invite, monkeypatch):
    from dialog_meetings import emails

    def broken(**kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(emails, "_send", broken)
    meeting = invite(case)
    assert set(meeting.participants.values_list("mail_status", flat=True)) == {"failed"}
    assert DialogMeeting.objects.filter(pk=meeting.pk).exists()


@pytest.mark.parametrize(
    "fields, code",
    [
        ({"starts_at": oslo(2026, 2, 1, 10, 0)}, "in_the_past"),
        ({"place": "", "video_link": ""}, "place_required"),
    ],
)
def test_invitation_is_refused_when(case, invite, fields, code):
    with pytest.raises(MeetingError) as error:
        invite(case, **fields)
    assert error.value.code == code


def test_only_one_dialogue_meeting_1_at_a_time(case, invite):
    invite(case)
    with pytest.raises(MeetingError) as error:
        invite(case, starts_at=oslo(2026, 2, 12, 10, 0))
    assert error.value.code == "already_planned"


def test_invitation_is_audit_logged(case, invite, people):
    meeting = invite(case)
    assert AuditEvent.objects.filter(action="meeting.invite", object_id=str(meeting.pk), actor=people.manager).exists()


# Move and cancel ---------------------------------------------------------------


def test_moving_keeps_history_and_updates_calendars_with_a_higher_sequence(
    case, invite, people, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = invite(case)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_reschedule(
            meeting=meeting,
            by=people.manager,
            starts_at=oslo(2026, 2, 12, 13, 0),
            ends_at=oslo(2026, 2, 12, 14, 0),
            place="Kantina",
            reason="Sammenfall",
        )
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    change = meeting.changes.get(kind=MeetingChange.Kind.RESCHEDULED)
    assert change.previous_starts_at == oslo(2026, 2, 10, 10, 0)
    assert change.previous_place == "Møterom Fjord, 2. etasje" and change.place == "Kantina"
    assert len(mailoutbox) == 2
    method, text = calendar_of(mailoutbox[0])
    assert method == "REQUEST"
    assert prop(text, "SEQUENCE") == "1"
    assert prop(text, "UID") == f"dialogmote-{meeting.uid}@localhost"
    assert "20260212T130000" in prop(text, "DTSTART")


def test_moving_to_the_same_time_and_place_is_refused(case, invite, people):
    meeting = invite(case)
    with pytest.raises(MeetingError) as error:
        services.meeting_reschedule(
            meeting=meeting,
            by=people.manager,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            place=meeting.place,
        )
    assert error.value.code == "unchanged"


def test_cancelling_needs_a_reason_and_sends_a_cancel(
    case, invite, people, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = invite(case)
    with pytest.raises(MeetingError):
        services.meeting_cancel(meeting=meeting, by=people.manager, reason="  ")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=meeting, by=people.manager, reason="Den ansatte er tilbake i jobb.")
    meeting.refresh_from_db()
    assert meeting.status == DialogMeeting.Status.CANCELLED and meeting.sequence == 1
    method, text = calendar_of(mailoutbox[0])
    assert method == "CANCEL" and prop(text, "STATUS") == "CANCELLED" and prop(text, "SEQUENCE") == "1"
    assert mailoutbox[0].subject.startswith(("Avlyst", "Cancelled"))
    # A new meeting can now be invited; the cancelled one stays.
    invite(case, starts_at=oslo(2026, 2, 16, 9, 0))
    assert case.dialog_meetings.count() == 2


# Preparation ---------------------------------------------------------------------


def test_each_side_keeps_its_own_preparation(case, invite, people):
    meeting = invite(case)
    services.preparation_save(
        meeting=meeting,
        side=Preparation.Side.EMPLOYEE,
        by=people.employee,
        shared=True,
        what_works="Korte økter ved PC",
        what_is_hard="Lange møter",
    )
    services.preparation_save(
        meeting=meeting,
        side=Preparation.Side.MANAGER,
        by=people.manager,
        effect_of_measures="Hjemmekontor to dager har hjulpet",
    )
    services.preparation_save(
        meeting=meeting,
        side=Preparation.Side.EMPLOYEE,
        by=people.employee,
        shared=False,
        what_works="Korte økter",
        what_is_hard="",
    )
    employee_side = meeting.preparations.get(side="employee")
    assert employee_side.what_works == "Korte økter" and employee_side.what_is_hard == ""
    assert not employee_side.shared
    assert meeting.preparations.count() == 2


# Minutes ----------------------------------------------------------------------------

MINUTES = {
    "situation": "Jobber 0 % nå.",
    "conclusion": "Prøver 40 % fra mars.",
    "employee_tasks": "Gi beskjed om hvordan det går.",
    "employer_tasks": "Tilpasse arbeidsplassen.",
}


def test_minutes_cannot_be_written_before_the_meeting_day(case, invite, people):
    meeting = invite(case)
    with pytest.raises(MeetingError) as error:
        services.minutes_record(meeting=meeting, by=people.manager, **MINUTES)
    assert error.value.code == "not_yet_held"


def test_writing_the_minutes_holds_the_meeting_and_completes_dm1(
    case, invite, people, clock, mailoutbox, django_capture_on_commit_callbacks, world
):
    meeting = invite(case)
    clock.move_to(oslo(2026, 2, 10, 11, 15))
    employee_part = meeting.participants.get(role="employee")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        minutes = services.minutes_record(
            meeting=meeting,
            by=people.manager,
            attended=[employee_part.pk],
            extra_attendees=[("union_rep", "Tillits Valgt")],
            actions=[ActionInput("Hev skrivebordet", "employer", date(2026, 2, 20)), ActionInput("", "employee")],
            **MINUTES,
        )
    meeting.refresh_from_db()
    assert meeting.status == DialogMeeting.Status.HELD
    dm1 = milestone(case, "dialogue_meeting_1")
    assert dm1.completed_at is not None and dm1.fulfilled_by == meeting
    assert [a.description for a in minutes.actions.all()] == ["Hev skrivebordet"]
    attended = {p.role: p.attended for p in meeting.participants.all()}
    assert attended == {"employee": True, "manager": False, "union_rep": True}
    assert meeting.changes.filter(kind=MeetingChange.Kind.HELD).count() == 1
    notice = mail_to(mailoutbox, world.sales_employee.email)
    assert len(notice) == 1 and "Jobber 0 %" not in notice[0].body  # a link, not the content


def test_correcting_the_minutes_is_kept_in_the_history(case, invite, people, clock):
    meeting = invite(case)
    clock.move_to(oslo(2026, 2, 10, 12, 0))
    services.minutes_record(meeting=meeting, by=people.manager, **MINUTES)
    done_at = milestone(case, "dialogue_meeting_1").completed_at
    services.minutes_record(meeting=meeting, by=people.manager, **{**MINUTES, "conclusion": "Prøver 50 %."})
    assert meeting.minutes.conclusion == "Prøver 50 %."
    assert meeting.changes.filter(kind=MeetingChange.Kind.MINUTES_EDITED).count() == 1
    assert milestone(case, "dialogue_meeting_1").completed_at == done_at


def test_doctor_in_the_minutes_needs_the_employees_consent(case, invite, people, clock):
    meeting = invite(case)
    clock.move_to(oslo(2026, 2, 10, 12, 0))
    with pytest.raises(MeetingError) as error:
        services.minutes_record(meeting=meeting, by=people.manager, doctor_attended=True, **MINUTES)
    assert error.value.code == "doctor_without_consent"


def test_employee_comment_is_saved(case, invite, people, clock):
    meeting = invite(case)
    clock.move_to(oslo(2026, 2, 10, 12, 0))
    minutes = services.minutes_record(meeting=meeting, by=people.manager, **MINUTES)
    services.minutes_comment(minutes=minutes, by=people.employee, text="Jeg ønsker 30 % først.")
    assert minutes.comments.get().author_label == "Salesemployee Test"
    with pytest.raises(MeetingError):
        services.minutes_comment(minutes=minutes, by=people.employee, text=" ")


# Not required -----------------------------------------------------------------------


def test_dm1_marked_not_required_with_a_reason_and_undone(graded_case, people):
    dm1 = milestone(graded_case, "dialogue_meeting_1")
    assert not dm1.applies and dm1.reason == "not_fully_absent"
    services.dm1_mark_not_required(
        case=graded_case, by=people.manager, reason="Gradert 50 %, ingen av partene ønsker møte."
    )
    dm1.refresh_from_db()
    assert dm1.not_required_reason.startswith("Gradert")
    assert graded_case.activities.filter(kind=CaseActivity.Kind.MILESTONE_NOT_REQUIRED).exists()
    services.dm1_undo_not_required(case=graded_case, by=people.manager)
    dm1.refresh_from_db()
    assert dm1.not_required_reason == ""


def test_dm1_cannot_be_marked_not_required_while_a_meeting_is_planned(case, invite, people):
    invite(case)
    with pytest.raises(MeetingError) as error:
        services.dm1_mark_not_required(case=case, by=people.manager, reason="Åpenbart unødvendig")
    assert error.value.code == "meeting_exists"


# NAV's meetings -----------------------------------------------------------------------


def test_meeting_need_answer_completes_navs_question(case, people):
    answer = services.meeting_need_answer(
        case=case,
        by=people.manager,
        needed=True,
        reason="Trenger NAVs hjelp.",
        doctor_should_attend=True,
        doctor_reason="Avklare gradering",
        interpreter_needed=True,
        interpreter_language="Polsk",
    )
    query = milestone(case, "nav_meeting_need_query")
    assert query.completed_at is not None and query.fulfilled_by == answer
    assert AuditEvent.objects.filter(action="meeting.need_answer").exists()


@pytest.mark.parametrize(
    "fields, code",
    [
        ({"reason": ""}, "reason_required"),
        ({"reason": "Ja", "interpreter_needed": True}, "language_required"),
    ],
)
def test_meeting_need_answer_is_refused_when(case, people, fields, code):
    with pytest.raises(MeetingError) as error:
        services.meeting_need_answer(case=case, by=people.manager, needed=False, **fields)
    assert error.value.code == code


def test_dm2_date_moves_the_plan_to_nav_deadline_to_seven_days_before(
    case, people, mailoutbox, django_capture_on_commit_callbacks, world
):
    assert not milestone(case, "plan_to_nav").applies  # the case ends before week 26
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.nav_meeting_record(
            case=case,
            by=people.manager,
            kind="dm2",
            starts_at=oslo(2026, 6, 15, 12, 0),
            ends_at=oslo(2026, 6, 15, 13, 0),
            place="NAV Sentrum",
            reply="coming",
        )
    case.refresh_from_db()
    assert case.dm2_date == date(2026, 6, 15)
    plan_to_nav = milestone(case, "plan_to_nav")
    assert plan_to_nav.applies and plan_to_nav.due == date(2026, 6, 8)
    assert milestone(case, "dialogue_meeting_2").applies
    assert meeting.nav_reply == "coming" and meeting.changes.filter(kind="nav_reply").exists()
    notice = mail_to(mailoutbox, world.sales_manager.email)
    assert len(notice) == 1
    assert "8. jun. 2026" in notice[0].body or "8 Jun 2026" in notice[0].body
    method, text = calendar_of(notice[0])
    assert method == "PUBLISH" and "ORGANIZER" not in text


def test_moving_and_cancelling_dm2_follow_through_to_the_case(case, people):
    meeting = services.nav_meeting_record(
        case=case, by=people.manager, kind="dm2", starts_at=oslo(2026, 6, 15, 12, 0), ends_at=oslo(2026, 6, 15, 13, 0)
    )
    services.meeting_reschedule(
        meeting=meeting, by=people.manager, starts_at=oslo(2026, 6, 22, 9, 0), ends_at=oslo(2026, 6, 22, 10, 0)
    )
    assert milestone(case, "plan_to_nav").due == date(2026, 6, 15)
    services.meeting_cancel(meeting=meeting, by=people.manager, reason="NAV avlyste")
    case.refresh_from_db()
    assert case.dm2_date is None
    assert milestone(case, "plan_to_nav").due == case.start + timedelta(days=174)


def test_holding_dm2_completes_its_milestone_and_dm3_has_none(case, people, clock):
    dm2 = services.nav_meeting_record(
        case=case, by=people.manager, kind="dm2", starts_at=oslo(2026, 6, 15, 12, 0), ends_at=oslo(2026, 6, 15, 13, 0)
    )
    dm3 = services.nav_meeting_record(
        case=case, by=people.manager, kind="dm3", starts_at=oslo(2026, 6, 25, 12, 0), ends_at=oslo(2026, 6, 25, 13, 0)
    )
    clock.move_to(oslo(2026, 6, 26, 9, 0))
    services.minutes_record(meeting=dm2, by=people.manager, nav_tasks="Vurdere tiltak", **MINUTES)
    assert milestone(case, "dialogue_meeting_2").fulfilled_by == dm2
    services.minutes_record(meeting=dm3, by=people.manager, **MINUTES)
    dm3.refresh_from_db()
    assert dm3.status == DialogMeeting.Status.HELD and dm3.milestone_key is None


def test_nav_reply_asking_for_another_time_needs_a_suggestion(case, people):
    meeting = services.nav_meeting_record(
        case=case, by=people.manager, kind="dm2", starts_at=oslo(2026, 6, 15, 12, 0), ends_at=oslo(2026, 6, 15, 13, 0)
    )
    with pytest.raises(MeetingError) as error:
        services.nav_meeting_reply(meeting=meeting, by=people.manager, reply="new_time_or_place")
    assert error.value.code == "note_required"
    services.nav_meeting_reply(
        meeting=meeting, by=people.manager, reply="new_time_or_place", note="Torsdag samme uke passer bedre"
    )
    meeting.refresh_from_db()
    assert meeting.get_nav_reply_display() in (
        "We ask for another time or place",
        "Vi ber om nytt tidspunkt eller sted",
    )


def test_nav_meeting_before_the_case_is_refused(case, people):
    with pytest.raises(MeetingError) as error:
        services.nav_meeting_record(
            case=case,
            by=people.manager,
            kind="dm2",
            starts_at=oslo(2025, 12, 1, 9, 0),
            ends_at=oslo(2025, 12, 1, 10, 0),
        )
    assert error.value.code == "before_case"


# Agreed actions into the follow-up plan ---------------------------------------------


@pytest.fixture
def held_minutes(case, invite, people, clock):
    meeting = invite(case)
    clock.move_to(oslo(2026, 2, 10, 12, 0))
    return services.minutes_record(
        meeting=meeting,
        by=people.manager,
        actions=[
            ActionInput("Hjemmekontor to dager", "employer", date(2026, 2, 20)),
            ActionInput("Fysioterapeut vurderer arbeidsstilling", "occupational_health"),
            ActionInput("Vurdere gradering", "doctor"),
            ActionInput("Rydde arbeidsplassen", "employer", date(2026, 2, 5)),
        ],
        **MINUTES,
    )


def test_an_agreed_action_becomes_an_agreed_measure_in_the_plans_draft(held_minutes, people, case):
    from followup_plans.models import PlanMeasure

    first, bht, doctor, past = held_minutes.actions.all()
    measure = services.action_to_measure(action=first, by=people.manager)
    assert measure.version.plan.case == case and measure.version.is_draft
    assert (measure.description, measure.responsible, measure.status, measure.end) == (
        "Hjemmekontor to dager",
        "employer",
        PlanMeasure.Status.AGREED,
        date(2026, 2, 20),
    )
    second = services.action_to_measure(action=bht, by=people.manager)
    assert second.version == measure.version and second.responsible == "occupational_health"
    late = services.action_to_measure(action=past, by=people.manager)
    assert late.start == late.end == date(2026, 2, 5)
    first.refresh_from_db()
    assert first.measure == measure and not services.action_can_become_measure(first)
    with pytest.raises(MeetingError) as error:
        services.action_to_measure(action=first, by=people.manager)
    assert error.value.code == "already_added"
    with pytest.raises(MeetingError) as error:
        services.action_to_measure(action=doctor, by=people.manager)
    assert error.value.code == "not_a_measure"


def test_an_action_in_the_plan_cannot_be_removed_from_the_minutes(held_minutes, people):
    action = held_minutes.actions.first()
    services.action_to_measure(action=action, by=people.manager)
    with pytest.raises(MeetingError) as error:
        services.minutes_record(
            meeting=held_minutes.meeting,
            by=people.manager,
            actions=[ActionInput(action.description, "employer", pk=action.pk, delete=True)],
            **MINUTES,
        )
    assert error.value.code == "action_in_plan"


def test_an_acting_manager_invites_and_takes_part_as_the_manager(case, invite, world, mailoutbox):
    from tests.factories import DelegationFactory

    DelegationFactory(
        manager=world.sales_manager,
        acting_manager=world.support_manager,
        starts_on=date(2026, 1, 26),
        ends_on=date(2026, 2, 20),
    )
    meeting = invite(case, by=world.support_manager.user)
    manager = meeting.participants.get(role="manager")
    assert manager.employee == world.support_manager
    assert meeting.organiser_name == "Supportmanager Test"
    assert mail_to(mailoutbox, world.sales_employee.email)[0].reply_to == [world.support_manager.email]
