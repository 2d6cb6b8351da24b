"""Meeting pages: who may see and do what, audit of every read, forms that keep what was typed."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from dialog_meetings import services
from dialog_meetings.models import DialogMeeting, MeetingNeedAnswer, Participant, Preparation
from dialog_meetings.services import Invitee

from .conftest import oslo

MINUTES_POST = {
    "situation": "Jobber hjemmefra to dager.",
    "conclusion": "Øker til 60 % i mars.",
    "employee_tasks": "Prøve lengre dager.",
    "employer_tasks": "Skaffe hev-senk-bord.",
    "doctor_tasks": "",
    "actions-TOTAL_FORMS": "3",
    "actions-INITIAL_FORMS": "0",
    "actions-MIN_NUM_FORMS": "0",
    "actions-MAX_NUM_FORMS": "1000",
    "actions-0-description": "Hev-senk-bord",
    "actions-0-responsible": "employer",
    "actions-0-due": "2026-02-20",
    "actions-1-description": "",
    "actions-1-responsible": "employer",
    "actions-1-due": "",
    "actions-2-description": "",
    "actions-2-responsible": "employer",
    "actions-2-due": "",
}


@pytest.fixture
def meeting(case, invite):
    return invite(case, others=[Invitee(Participant.Role.DOCTOR, "Dr. Lege", "lege@example.org")])


@pytest.fixture
def held(meeting, people, clock):
    clock.move_to(oslo(2026, 2, 10, 12, 0))
    services.minutes_record(
        meeting=meeting,
        by=people.manager,
        situation="S",
        conclusion="K",
        employee_tasks="A",
        employer_tasks="B",
        actions=[services.ActionInput("Hev-senk-bord", "employer")],
    )
    return meeting


def url(name, meeting_or_case, *extra):
    if isinstance(meeting_or_case, DialogMeeting):
        return reverse(f"dialog_meetings:{name}", args=[meeting_or_case.case_id, meeting_or_case.pk, *extra])
    return reverse(f"dialog_meetings:{name}", args=[meeting_or_case.pk, *extra])


VIEWERS = ["manager", "employee", "unit_hr", "org_hr"]
CHANGERS = ["manager", "unit_hr", "org_hr"]
STRANGERS = ["other_manager", "other_employee", "outsider", "admin"]


@pytest.mark.parametrize("who", VIEWERS + STRANGERS)
@pytest.mark.parametrize("page", ["index", "detail", "calendar"])
def test_who_sees_the_meetings(client, people, meeting, who, page):
    client.force_login(getattr(people, who))
    target = meeting.case if page == "index" else meeting
    response = client.get(url(page, target))
    assert response.status_code == (200 if who in VIEWERS else 404)


@pytest.mark.parametrize("who", VIEWERS + STRANGERS)
def test_who_downloads_the_minutes(client, people, held, who):
    client.force_login(getattr(people, who))
    response = client.get(url("minutes_pdf", held))
    assert response.status_code == (200 if who in VIEWERS else 404)
    if who in VIEWERS:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert AuditEvent.objects.filter(action="meeting.minutes_pdf", actor=getattr(people, who)).exists()


@pytest.mark.parametrize("who", ["employee", *STRANGERS])
@pytest.mark.parametrize("page", ["invite", "not_required", "need", "nav_new"])
def test_only_the_employer_side_changes_meetings(client, people, case, who, page):
    client.force_login(getattr(people, who))
    assert client.get(url(page, case)).status_code == 404


@pytest.mark.parametrize("who", CHANGERS)
@pytest.mark.parametrize("page", ["invite", "not_required", "need", "nav_new"])
def test_manager_and_hr_open_the_change_forms(client, people, case, who, page):
    client.force_login(getattr(people, who))
    assert client.get(url(page, case)).status_code == 200


@pytest.mark.parametrize("who", ["employee", *STRANGERS])
@pytest.mark.parametrize("page", ["reschedule", "cancel", "nav_reply"])
def test_only_the_employer_side_moves_or_cancels(client, people, meeting, who, page):
    client.force_login(getattr(people, who))
    assert client.get(url(page, meeting)).status_code == 404


def test_a_refused_look_is_logged_as_denied(client, people, meeting):
    client.force_login(people.other_manager)
    client.get(url("detail", meeting))
    assert AuditEvent.objects.filter(action="access.denied", actor=people.other_manager).exists()


def test_every_read_of_a_meeting_is_logged(client, people, meeting):
    client.force_login(people.unit_hr)
    client.get(url("detail", meeting))
    client.get(url("calendar", meeting))
    actions = set(
        AuditEvent.objects.filter(actor=people.unit_hr, object_id=str(meeting.pk)).values_list("action", flat=True)
    )
    assert {"meeting.view", "meeting.calendar"} <= actions


def test_a_meeting_of_another_case_is_not_found_through_this_case(client, people, meeting, world, make_case):
    other = make_case(
        world.north_employee,
        ("sick", date(2026, 1, 12), date(2026, 3, 1), 100),
        by=people.manager,
        today=date(2026, 2, 2),
    )
    client.force_login(people.manager)
    response = client.get(reverse("dialog_meetings:detail", args=[other.pk, meeting.pk]))
    assert response.status_code == 404


# Inviting through the page --------------------------------------------------------


def invite_post(**overrides):
    data = {
        "date": "2026-02-10",
        "start_time": "10:00",
        "end_time": "11:00",
        "place": "Møterom Fjord",
        "video_link": "",
        "message": "",
        "doctor_name": "",
        "doctor_email": "",
        "doctor_language": "nb",
        "ohs_name": "",
        "ohs_email": "",
        "trusted_role": "union_rep",
        "trusted_name": "",
        "trusted_email": "",
        "hr_name": "",
        "hr_email": "",
    }
    data.update(overrides)
    return data


def test_manager_invites_and_everyone_with_an_address_is_mailed(
    client, people, case, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(people.manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("invite", case), invite_post(ohs_name="BHT Nord", ohs_email="bht@example.org", end_time="")
        )
    meeting = case.dialog_meetings.get()
    assert response.status_code == 302 and response["Location"] == url("detail", meeting)
    assert meeting.ends_at == oslo(2026, 2, 10, 11, 0)  # one hour when no end is given
    assert len(mailoutbox) == 3


def test_a_refused_invitation_keeps_what_was_typed(client, people, case):
    client.force_login(people.manager)
    response = client.post(url("invite", case), invite_post(date="2026-01-20", message="Husk kaffe"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Husk kaffe" in content and "Møterom Fjord" in content
    assert "invalid-feedback" in content or "form-error" in content
    assert not case.dialog_meetings.exists()


def test_invitation_needs_a_place_or_a_link(client, people, case):
    client.force_login(people.manager)
    response = client.post(url("invite", case), invite_post(place=""))
    assert response.status_code == 200
    assert response.context["form"].errors["place"]


# The employee's part -------------------------------------------------------------


def test_employee_prepares_and_decides_whether_the_manager_may_read_it(client, people, meeting):
    client.force_login(people.employee)
    data = {name: "" for name in Preparation.ANSWER_FIELDS}
    data.update(what_works="Korte dager", what_is_hard="Telefonvakt")
    response = client.post(url("prepare", meeting), data)
    assert response.status_code == 302
    client.force_login(people.manager)
    assert "Telefonvakt" not in client.get(url("detail", meeting)).content.decode()
    client.force_login(people.employee)
    client.post(url("prepare", meeting), {**data, "shared": "on"})
    client.force_login(people.manager)
    assert "Telefonvakt" in client.get(url("detail", meeting)).content.decode()
    assert "Telefonvakt" in client.get(url("prepare", meeting)).content.decode()


def test_manager_preparation_is_private_until_shared(client, people, meeting):
    client.force_login(people.manager)
    data = {name: "" for name in Preparation.ANSWER_FIELDS}
    client.post(url("prepare", meeting), {**data, "effect_of_measures": "Hjemmekontor hjalp"})
    assert meeting.preparations.get(side="manager").updated_by == people.manager
    client.force_login(people.employee)
    assert "Hjemmekontor hjalp" not in client.get(url("detail", meeting)).content.decode()


@pytest.mark.parametrize("who", ["other_employee", "outsider"])
def test_strangers_cannot_prepare(client, people, meeting, who):
    client.force_login(getattr(people, who))
    assert client.get(url("prepare", meeting)).status_code == 404


def test_only_the_employee_consents_to_the_doctor(
    client, people, meeting, django_capture_on_commit_callbacks, mailoutbox
):
    doctor = meeting.participants.get(role="doctor")
    client.force_login(people.manager)
    assert client.post(url("consent", meeting, doctor.pk)).status_code == 404
    client.force_login(people.employee)
    page = client.get(url("detail", meeting)).content.decode()
    assert 'data-testid="give-consent"' in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url("consent", meeting, doctor.pk)).status_code == 302
    doctor.refresh_from_db()
    assert doctor.consent_at is not None
    assert any("lege@example.org" in to for m in mailoutbox for to in m.to)


def test_employee_comments_on_the_minutes_and_the_manager_cannot(client, people, held):
    client.force_login(people.manager)
    assert client.post(url("comment", held), {"text": "Fra leder"}).status_code == 404
    client.force_login(people.employee)
    response = client.post(url("comment", held), {"text": "Jeg vil starte på 40 %."})
    assert response.status_code == 302
    assert held.minutes.comments.get().text == "Jeg vil starte på 40 %."
    empty = client.post(url("comment", held), {"text": ""})
    assert empty.status_code == 400


# Minutes ----------------------------------------------------------------------------


def test_minutes_through_the_page_hold_the_meeting(client, people, meeting, clock):
    clock.move_to(oslo(2026, 2, 10, 11, 30))
    client.force_login(people.manager)
    employee = meeting.participants.get(role="employee")
    response = client.post(url("minutes", meeting), {**MINUTES_POST, "attended": [employee.pk]})
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    meeting.refresh_from_db()
    assert meeting.status == "held"
    assert meeting.minutes.actions.get().description == "Hev-senk-bord"
    assert meeting.case.milestones.get(key="dialogue_meeting_1").completed_at is not None


def test_minutes_form_before_the_day_sends_back_with_a_message(client, people, meeting):
    """The view asks the service's rule (minutes_refusal) and shows the service's reason; no button either."""
    client.force_login(people.manager)
    response = client.get(url("minutes", meeting), follow=True)
    assert response.redirect_chain and response.redirect_chain[-1][0] == url("detail", meeting)
    page = response.content.decode()
    assert "The meeting has not been held yet." in page
    assert 'data-testid="write-minutes"' not in page


def test_doctor_attending_without_consent_is_refused_on_the_form(client, people, meeting, clock):
    clock.move_to(oslo(2026, 2, 10, 11, 30))
    client.force_login(people.manager)
    response = client.post(url("minutes", meeting), {**MINUTES_POST, "doctor_attended": "on"})
    assert response.status_code == 200
    assert "Skaffe hev-senk-bord" in response.content.decode()  # what was typed is kept
    assert response.context["form"].errors


def test_the_minutes_pdf_is_a_readable_document(client, people, held):
    client.force_login(people.employee)
    response = client.get(url("minutes_pdf", held))
    assert response["Content-Disposition"].startswith('attachment; filename="referat-')
    assert len(response.content) > 2000


def test_the_minutes_pdf_is_tagged_for_screen_readers(client, people, held, tmp_path):
    client.force_login(people.employee)
    path = tmp_path / "minutes.pdf"
    path.write_bytes(client.get(url("minutes_pdf", held)).content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info


def test_the_calendar_download_is_an_ics_for_ones_own_calendar(client, people, meeting):
    client.force_login(people.employee)
    response = client.get(url("calendar", meeting))
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert "METHOD:PUBLISH\r\n" in text and f"UID:dialogmote-{meeting.uid}@" in text


# Not required, NAV ----------------------------------------------------------------


def test_not_required_with_a_reason_shows_on_the_timeline(client, people, graded_case):
    client.force_login(people.manager)
    response = client.post(
        url("not_required", graded_case), {"reason": "Gradert 50 %; verken ansatt, lege eller leder ønsker møte."}
    )
    assert response.status_code == 302
    from cases.timeline import case_timeline_events

    events = case_timeline_events(graded_case, user=people.manager)
    assert any(e.kind == "dm1_not_required" and "Gradert 50 %" in e.label for e in events)
    page = client.get(url("index", graded_case)).content.decode()
    assert 'data-testid="dm1-not-required"' in page


def test_need_answer_through_the_page(client, people, case):
    client.force_login(people.org_hr)
    response = client.post(
        url("need", case),
        {"needed": "no", "reason": "Tilbake i 80 % snart.", "interpreter_needed": "on", "interpreter_language": ""},
    )
    assert response.status_code == 200 and response.context["form"].errors["interpreter_language"]
    response = client.post(url("need", case), {"needed": "no", "reason": "Tilbake i 80 % snart."})
    assert response.status_code == 302
    assert MeetingNeedAnswer.objects.get(case=case).needed is False


def test_recording_dm2_shows_the_plan_to_nav_deadline(client, people, case):
    client.force_login(people.manager)
    response = client.post(
        url("nav_new", case),
        {
            "kind": "dm2",
            "date": "2026-06-15",
            "start_time": "12:00",
            "end_time": "",
            "place": "NAV Sentrum",
            "video_link": "",
            "reply": "coming",
            "reply_note": "",
        },
    )
    assert response.status_code == 302
    page = client.get(url("index", case)).content.decode()
    assert 'data-testid="plan-to-nav-alert"' in page
    assert 'datetime="2026-06-08"' in page


def test_agreed_action_becomes_a_plan_measure_with_one_click(client, people, held):
    action = held.minutes.actions.get()
    client.force_login(people.employee)
    assert client.post(url("action_to_plan", held, action.pk)).status_code == 404
    client.force_login(people.manager)
    response = client.post(url("action_to_plan", held, action.pk))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.measure is not None
    assert action.measure.description == "Hev-senk-bord" and action.measure.status == "agreed"
    again = client.post(url("action_to_plan", held, action.pk), follow=True)
    assert "already" in again.content.decode() or "allerede" in again.content.decode()


def test_a_second_dm1_is_refused_with_one_clear_message(client, people, case, invite):
    invite(case)
    client.force_login(people.manager)
    response = client.post(url("invite", case), invite_post(date="2026-02-12"))
    assert response.status_code == 200
    html = response.content.decode()
    # Once on the form, once in the page's error summary that links to it (templates/includes/error_summary.html).
    summary = html.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert summary.count("already planned or held") == 1
    assert html.count("already planned or held") == 2


def test_a_held_meeting_is_neither_moved_nor_cancelled_and_the_forms_say_why(client, people, held):
    """The views ask the services' rules (reschedule_refusal, cancel_refusal) before showing a form."""
    client.force_login(people.manager)
    for name, text in (
        ("reschedule", "Only a planned meeting can be moved."),
        ("cancel", "Only a planned meeting can be cancelled."),
    ):
        response = client.get(url(name, held), follow=True)
        assert response.redirect_chain[-1][0] == url("detail", held)
        assert text in response.content.decode()
    held.refresh_from_db()
    assert held.status == DialogMeeting.Status.HELD
