"""Dialogue meetings in a browser: invite, prepare, hold and record DM1; NAV's DM2 and the plan deadline.

The clock is moved to a fixed Monday so the meeting can be invited for later
that day and then held; the live server runs in this process and follows it.
"""

import base64
import re
import subprocess
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from dialog_meetings import ics, services
from dialog_meetings.models import DialogMeeting, Participant
from organisation.models import Employee

from .conftest import SCREENSHOTS, log_in

pytestmark = pytest.mark.django_db(transaction=True)

OSLO = ZoneInfo("Europe/Oslo")
MONDAY = datetime(2026, 2, 2, 8, 0, tzinfo=OSLO)
CASE_START = date(2026, 1, 5)  # DM1 due Sunday 22 February 2026


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY, tick=True) as traveller:
        yield traveller


@pytest.fixture
def ola_case(demo, clock, make_case):
    """Ola Hansen (the demo employee), 100 % sick from 5 January to 30 June 2026."""
    from django.contrib.auth import get_user_model

    ola = Employee.objects.get(first_name="Ola", last_name="Hansen")
    leder = get_user_model().objects.get(username="leder")
    return make_case(ola, ("sick", CASE_START, date(2026, 6, 30), 100), by=leder, today=MONDAY.date())


def calendar_text(message) -> tuple[str, str]:
    for part in message.message().walk():
        if part.get_content_type() == "text/calendar":
            return part.get_param("method"), base64.b64decode(part.get_payload()).decode("utf-8")
    raise AssertionError("no calendar file attached")


def planned_meeting(case, **extra) -> DialogMeeting:
    from django.contrib.auth import get_user_model

    leder = get_user_model().objects.get(username="leder")
    starts = MONDAY.replace(hour=13)
    return services.meeting_invite(
        case=case, by=leder, starts_at=starts, ends_at=starts + timedelta(hours=1), place="Møterom Nordlys", **extra
    )


def test_manager_invites_to_dm1_and_each_recipient_gets_mail_with_a_calendar_file(
    live_server, page, ola_case, shot, mailoutbox
):
    log_in(page, live_server.url, "leder", language="en")
    page.goto(f"{live_server.url}/saker/{ola_case.pk}/")
    section = page.get_by_test_id("meetings-section")
    expect(section.get_by_test_id("milestone-dialogue_meeting_1").get_by_test_id("due")).to_have_attribute(
        "datetime", "2026-02-22"
    )
    section.get_by_test_id("invite-dm1").click()

    expect(page.get_by_test_id("page-title")).to_have_text("Invite to dialogue meeting 1")
    page.fill("#id_date", "2026-02-01")  # yesterday: refused, and nothing typed is lost
    page.fill("#id_start_time", "13:00")
    page.fill("#id_place", "Møterom Nordlys, 3. etasje")
    page.fill("#id_doctor_name", "Dr. Lise Berg")
    page.fill("#id_doctor_email", "lise.berg@legekontor.example")
    page.fill("#id_trusted_name", "Tore Tillitsvalgt")
    page.fill("#id_trusted_email", "tore@nordlys.example")
    page.fill("#id_message", "Vi går gjennom oppfølgingsplanen sammen.")
    shot("dm1-invite-form-en")
    page.get_by_test_id("submit").click()
    expect(page.locator(".invalid-feedback, [data-testid=form-error]").first).to_contain_text("future")
    expect(page.locator("#id_place")).to_have_value("Møterom Nordlys, 3. etasje")
    expect(page.locator("#id_doctor_name")).to_have_value("Dr. Lise Berg")
    page.fill("#id_date", "2026-02-02")
    page.get_by_test_id("submit").click()

    expect(page.get_by_test_id("page-title")).to_have_text("Dialogue meeting 1")
    expect(page.get_by_test_id("meeting-status")).to_have_attribute("data-status", "planned")
    expect(page.get_by_test_id("meeting-when")).to_have_text(re.compile(r"Monday.*2026, 13:00–14:00"))
    participants = page.get_by_test_id("participant")
    expect(participants).to_have_count(4)
    doctor = page.locator("[data-testid=participant][data-role=doctor]")
    expect(doctor.get_by_test_id("mail-status")).to_have_attribute("data-status", "awaiting_consent")
    expect(
        page.locator("[data-testid=participant][data-role=employee]").get_by_test_id("mail-status")
    ).to_have_attribute("data-status", "sent")
    expect(page.get_by_test_id("trusted-person-right")).to_be_visible()
    shot("dm1-invited-en")

    # The e-mails, as the recipients get them: each its own, with the calendar file; no doctor yet.
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == [
        "Kari Solberg <kari.solberg@nordlys.example>",
        "Ola Hansen <ola.hansen@nordlys.example>",
        "Tore Tillitsvalgt <tore@nordlys.example>",
    ]
    to_ola = next(m for m in mailoutbox if "ola.hansen" in m.to[0])
    assert "Du kan ta med en du har tillit til" in to_ola.body  # Ola reads Norwegian
    assert f"/saker/{ola_case.pk}/moter/" in to_ola.body
    method, text = calendar_text(to_ola)
    lines = ics.unfold(text)
    assert method == "REQUEST" and "METHOD:REQUEST" in lines
    assert "DTSTART;TZID=Europe/Oslo:20260202T130000" in lines
    assert "SEQUENCE:0" in lines and "STATUS:CONFIRMED" in lines
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert not any("lise.berg" in line for line in lines)  # not before Ola agrees
    (SCREENSHOTS / "dm1-invitation-to-ola.txt").write_text(f"Subject: {to_ola.subject}\n\n{to_ola.body}")
    (SCREENSHOTS / "dm1-invitation-to-ola.ics").write_bytes(text.encode())

    # The case page shows the planned meeting, and on the timeline that it was invited.
    page.goto(f"{live_server.url}/saker/{ola_case.pk}/")
    expect(page.get_by_test_id("dm1-meeting")).to_have_attribute("data-status", "planned")
    expect(page.get_by_test_id("event-meeting_invited")).to_be_visible()
    expect(page.get_by_test_id("event-meeting_planned")).to_be_visible()
    shot("dm1-case-page-planned-en")


def test_employee_prepares_consents_to_the_doctor_and_the_manager_reads_it(
    live_server, page, ola_case, shot, mailoutbox
):
    meeting = planned_meeting(
        ola_case, others=[services.Invitee(Participant.Role.DOCTOR, "Dr. Lise Berg", "lise.berg@legekontor.example")]
    )
    log_in(page, live_server.url, "ansatt", language="en")
    page.goto(f"{live_server.url}/saker/{ola_case.pk}/")
    page.get_by_test_id("meetings-section").get_by_test_id("prepare").click()
    expect(page.get_by_test_id("page-title")).to_have_text("Prepare for the dialogue meeting")
    expect(page.get_by_test_id("trusted-person-right")).to_be_visible()
    page.fill("#id_work_ability_and_tasks", "Kan ta e-post og enkle kundesaker hjemmefra.")
    page.fill("#id_what_is_hard", "Telefonvakt hele dagen.")
    page.fill("#id_what_it_takes_to_return", "Starte med 40 %, uten telefonvakt.")
    page.check("#id_shared")
    shot("dm1-employee-preparation-en")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("own-preparation")).to_contain_text("The other side can read it")

    consent = page.get_by_test_id("consent")
    expect(consent).to_contain_text("Dr. Lise Berg")
    shot("dm1-employee-consent-en")
    consent.get_by_test_id("give-consent").click()
    expect(page.locator("[data-testid=participant][data-role=doctor]").get_by_test_id("mail-status")).to_have_attribute(
        "data-status", "sent"
    )
    to_doctor = [m for m in mailoutbox if "lise.berg" in m.to[0]]
    assert len(to_doctor) == 1
    assert calendar_text(to_doctor[0])[0] == "REQUEST"

    page.get_by_role("button", name="Log out").click()
    log_in(page, live_server.url, "leder", language="en")
    page.goto(f"{live_server.url}/saker/{ola_case.pk}/moter/{meeting.pk}/")
    expect(page.get_by_test_id("preparation-answers")).to_contain_text("Telefonvakt hele dagen.")
    shot("dm1-manager-sees-shared-preparation-en")


def test_manager_holds_dm1_writes_minutes_and_the_employee_comments(
    live_server, page, ola_case, shot, clock, tmp_path, mailoutbox
):
    meeting = planned_meeting(
        ola_case,
        others=[
            services.Invitee(Participant.Role.DOCTOR, "Dr. Lise Berg", "lise.berg@legekontor.example", consent=True),
            services.Invitee(Participant.Role.UNION_REP, "Tore Tillitsvalgt", ""),
        ],
    )
    clock.move_to(MONDAY.replace(hour=14, minute=5))  # the meeting (13:00–14:00) is over
    log_in(page, live_server.url, "leder", language="en")  # after the jump: the idle timeout would sign out
    page.goto(f"{live_server.url}/saker/{ola_case.pk}/moter/{meeting.pk}/")
    page.get_by_test_id("write-minutes").click()

    expect(page.get_by_test_id("page-title")).to_have_text("Minutes of the meeting")
    page.fill("#id_situation", "Ola er 100 % sykmeldt og jobber ikke nå. Kan ta enkle oppgaver hjemmefra.")
    page.fill("#id_conclusion", "Gradert 40 % fra 16. februar, uten telefonvakt.")
    page.fill("#id_employee_tasks", "Si fra til leder hver fredag om hvordan det går.")
    page.fill("#id_employer_tasks", "Ta Ola ut av telefonvaktlisten og sette opp hjemmekontor.")
    page.fill("#id_doctor_tasks", "Vurdere gradert sykmelding 40 %.")
    page.check("#id_doctor_attended")
    page.check("#id_doctor_receives_minutes")
    page.get_by_label(re.compile("Union representative: Tore")).check()
    page.fill("#id_actions-0-description", "Hjemmekontor to dager i uken")
    page.select_option("#id_actions-0-responsible", "employer")
    page.fill("#id_actions-0-due", "2026-02-16")
    page.fill("#id_actions-1-description", "Melde fra om hvordan det går hver fredag")
    page.select_option("#id_actions-1-responsible", "employee")
    shot("dm1-minutes-form-en")
    page.get_by_test_id("submit").click()

    expect(page.get_by_test_id("meeting-status")).to_have_attribute("data-status", "held")
    expect(page.get_by_test_id("minutes-conclusion")).to_contain_text("Gradert 40 %")
    expect(page.get_by_test_id("doctor-attended")).to_have_text("Yes")
    actions = page.get_by_test_id("agreed-action")
    expect(actions).to_have_count(2)
    actions.first.get_by_test_id("action-to-plan").click()
    expect(page.get_by_test_id("agreed-action").first.get_by_test_id("action-in-plan")).to_be_visible()
    shot("dm1-held-minutes-en")

    with page.expect_download() as download:
        page.get_by_test_id("minutes-pdf").click()
    pdf = tmp_path / "minutes.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Minutes of Dialogue meeting 1" in text and "Ola Hansen" in text
    assert "Gradert 40 % fra 16. februar" in text and "Hjemmekontor to dager i uken" in text
    assert "Page 1 of 1" in text
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(SCREENSHOTS / "dm1-minutes-pdf-en")],
        check=True,
    )

    # The case page: DM1 done, and the meeting held on the timeline.
    page.goto(f"{live_server.url}/saker/{ola_case.pk}/")
    expect(page.get_by_test_id("milestone-dialogue_meeting_1").first).to_have_attribute("data-state", "done")
    expect(page.get_by_test_id("event-meeting_held")).to_be_visible()
    shot("dm1-case-page-held-en")
    page.get_by_test_id("meetings-section").screenshot(path=str(SCREENSHOTS / "dm1-section-held-en.png"))

    # The employee was told by e-mail, reads the minutes and comments.
    assert any("ola.hansen" in m.to[0] and "referat" in m.subject.lower() for m in mailoutbox)  # Ola reads Norwegian
    page.get_by_role("button", name="Log out").click()
    log_in(page, live_server.url, "ansatt", language="en")
    page.goto(f"{live_server.url}/saker/{ola_case.pk}/moter/{meeting.pk}/")
    expect(page.get_by_test_id("action-to-plan")).to_have_count(0)
    page.fill("#id_text", "Jeg vil gjerne begynne med 30 % den første uken.")
    page.get_by_test_id("comment-submit").click()
    expect(page.get_by_test_id("minutes-comment")).to_contain_text("30 % den første uken")
    shot("dm1-employee-comment-en")


def test_recording_navs_dm2_date_shows_the_plan_to_nav_deadline(live_server, page, ola_case, shot, mailoutbox):
    log_in(page, live_server.url, "leder", language="en")
    page.goto(f"{live_server.url}/saker/{ola_case.pk}/")
    expect(page.get_by_test_id("milestone-plan_to_nav").first).to_have_attribute("data-state", "not_required")
    section = page.get_by_test_id("meetings-section")
    section.get_by_test_id("answer-need").click()
    page.get_by_label("Yes").check()
    page.fill("#id_reason", "Vi trenger NAVs hjelp til å vurdere arbeidsrettede tiltak.")
    page.check("#id_interpreter_needed")
    page.get_by_test_id("submit").click()
    expect(page.locator("#id_interpreter_language")).to_have_class(re.compile("is-invalid"))
    page.fill("#id_interpreter_language", "Polsk")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("need-answer")).to_contain_text("a meeting is needed")

    page.get_by_test_id("record-nav-meeting").click()
    page.select_option("#id_kind", "dm2")
    page.fill("#id_date", "2026-06-15")
    page.fill("#id_start_time", "12:00")
    page.fill("#id_place", "NAV Sentrum")
    page.select_option("#id_reply", "coming")
    shot("dm2-record-form-en")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("nav-reply")).to_contain_text("We are coming")

    page.goto(f"{live_server.url}/saker/{ola_case.pk}/")
    plan_to_nav = page.get_by_test_id("milestone-plan_to_nav").first
    expect(plan_to_nav.get_by_test_id("due")).to_have_attribute("datetime", "2026-06-08")
    expect(page.get_by_test_id("plan-to-nav-alert")).to_contain_text("7 days before dialogue meeting 2")
    expect(page.get_by_test_id("event-meeting_nav_date")).to_be_visible()
    expect(page.get_by_test_id("milestone-nav_meeting_need_query").first).to_have_attribute("data-state", "done")
    shot("dm2-plan-to-nav-deadline-en")
    page.get_by_test_id("meetings-section").screenshot(path=str(SCREENSHOTS / "dm2-section-en.png"))
    notice = [m for m in mailoutbox if "kari.solberg" in m.to[0]]
    assert notice and calendar_text(notice[-1])[0] == "PUBLISH"


def test_dm1_not_required_is_recorded_with_its_reason_on_the_timeline(live_server, page, demo, clock, make_case, shot):
    from django.contrib.auth import get_user_model

    ola = Employee.objects.get(first_name="Ola", last_name="Hansen")
    leder = get_user_model().objects.get(username="leder")
    case = make_case(
        ola,
        ("sick", CASE_START, date(2026, 1, 25), 100),
        ("sick", date(2026, 1, 26), date(2026, 4, 30), 50),
        by=leder,
        today=MONDAY.date(),
    )
    log_in(page, live_server.url, "leder", language="en")
    page.goto(f"{live_server.url}/saker/{case.pk}/moter/")
    expect(page.get_by_test_id("dm1")).to_contain_text("Not wholly absent")
    page.get_by_test_id("dm1-mark-not-required").click()
    page.get_by_test_id("submit").click()
    expect(page.locator("#id_reason")).to_have_class(re.compile("is-invalid"))
    page.fill("#id_reason", "Gradert 50 %, og verken Ola, legen eller leder ønsker møte nå.")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("dm1-not-required")).to_contain_text("Gradert 50 %")
    page.goto(f"{live_server.url}/saker/{case.pk}/")
    expect(page.get_by_test_id("event-dm1_not_required")).to_contain_text("Gradert 50 %")
    shot("dm1-not-required-en")


def test_meetings_in_norwegian(live_server, page, ola_case, shot):
    """The same pages in nb: structure only (the translations come afterwards)."""
    meeting = planned_meeting(ola_case)
    log_in(page, live_server.url, "leder", language="nb")
    page.goto(f"{live_server.url}/saker/{ola_case.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    section = page.get_by_test_id("meetings-section")
    expect(section.get_by_test_id("dm1-meeting")).to_have_attribute("data-status", "planned")
    section.get_by_test_id("dm1-link").click()
    expect(page.get_by_test_id("participant")).to_have_count(2)
    expect(page.get_by_test_id("meeting-when")).to_contain_text("2. feb. 2026")
    shot("dm1-detail-nb")
    page.get_by_test_id("reschedule").click()
    page.fill("#id_start_time", "15:00")
    page.fill("#id_end_time", "")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("meeting-when")).to_contain_text("15:00–16:00")
    expect(page.get_by_test_id("history-rescheduled")).to_be_visible()
    page.get_by_test_id("cancel").click()
    page.fill("#id_reason", "Ola er tilbake i jobb.")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("meeting-status")).to_have_attribute("data-status", "cancelled")
    expect(page.get_by_test_id("cancel-reason")).to_contain_text("tilbake i jobb")
    meeting.refresh_from_db()
    assert meeting.sequence == 2
    shot("dm1-cancelled-nb")
