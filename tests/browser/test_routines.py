"""The routines in the browser: HR's max-date letter, the difficult-case flag, the occupational health service."""

import shutil
import subprocess
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case
from dialog_meetings import services as meeting_services
from dialog_meetings.models import Participant
from organisation.models import Employee
from routines.models import MaxDateLetter

from .conftest import SCREENSHOTS, log_in

pytestmark = pytest.mark.django_db(transaction=True)

# Screenshots for a person to look at, outside the repository.
SHOTS = SCREENSHOTS


def _shots(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _no_sideways_scroll(page) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_hr_writes_previews_and_sends_the_max_date_letter(live_server, page, demo):
    log_in(page, live_server.url, "hr")
    page.goto(f"{live_server.url}/rutiner/maksdatobrev/")
    task = page.get_by_test_id("letter-task").last  # the demo's case some 10 weeks from its max date
    expect(task).to_have_attribute("data-sent", "false")
    _shots(page, "hr-letter-tasks")
    task.click()
    expect(page.get_by_test_id("letter-body")).to_contain_text("estimat – NAVs dato gjelder")
    expect(page.get_by_test_id("letter-aap")).to_contain_text("tre måneder")
    _no_sideways_scroll(page)
    _shots(page, "hr-letter")

    pdf = page.context.request.get(live_server.url + page.get_by_test_id("letter-pdf").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "letter.pdf").write_bytes(pdf.body())
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(SHOTS / "letter.pdf"), str(SHOTS / "letter")], check=True)
        assert list(SHOTS.glob("letter*.png"))

    page.get_by_label("E-post").check()
    page.get_by_test_id("mark-sent").click()
    expect(page.get_by_test_id("letter-history")).to_contain_text("Ingrid Berg")
    letter = MaxDateLetter.objects.get()
    assert letter.channel == "email" and letter.sent_by.username == "hr"
    page.goto(f"{live_server.url}/saker/{letter.case_id}/")
    expect(page.get_by_test_id("letter-task-case")).to_contain_text("Sendt")


def test_the_manager_sees_the_flag_and_the_employee_sees_the_same_rule(live_server, page, browser, demo):
    ola = Employee.objects.get(first_name="Ola", last_name="Hansen")
    log_in(page, live_server.url, "leder")
    page.goto(f"{live_server.url}/ansatte/{ola.pk}/")
    flag = page.get_by_test_id("flag")
    expect(flag).to_have_attribute("data-rule", "frequent")
    rule = page.get_by_test_id("flag-rule").inner_text()
    assert "de siste 6 månedene" in rule
    expect(page.get_by_test_id("flag-actions")).to_contain_text("Involver bedriftshelsetjenesten (BHT).")
    _shots(page, "manager-flag")

    employee = browser.new_page()
    log_in(employee, live_server.url, "ansatt")
    employee.goto(f"{live_server.url}/min-side/")
    expect(employee.get_by_test_id("flag-rule")).to_have_text(rule)
    expect(employee.get_by_test_id("flag-actions")).to_contain_text("Inviter tillitsvalgt")
    _no_sideways_scroll(employee)
    _shots(employee, "employee-flag")
    employee.close()


def test_the_manager_records_bht_and_invites_it_to_dialogue_meeting_1(live_server, page, demo):
    ola = Employee.objects.get(first_name="Ola", last_name="Hansen")
    case = ola.cases.current().filter(status=Case.Status.OPEN).order_by("-start").first()
    from django.contrib.auth import get_user_model

    leader = get_user_model().objects.get(username="leder")
    starts = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=4), datetime.min.time())
    ) + timedelta(hours=10)
    meeting_services.meeting_invite(
        case=case, by=leader, starts_at=starts, ends_at=starts + timedelta(hours=1), place="Møterom Fjord"
    )
    log_in(page, live_server.url, "leder")
    page.goto(f"{live_server.url}/saker/{case.pk}/")
    section = page.get_by_test_id("bht-section")
    expect(section.get_by_test_id("bht-name")).to_contain_text("Agder Bedriftshelsetjeneste")
    section.get_by_test_id("record-bht").click()
    page.get_by_label("Gjorde en arbeidsplassvurdering").check()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("bht-involvements")).to_contain_text("Gjorde en arbeidsplassvurdering")

    page.get_by_test_id("invite-bht").click()
    page.get_by_test_id("submit").click()  # without the consent: refused
    expect(page.get_by_test_id("bht-form")).to_contain_text("samtykker")
    page.get_by_label("Den ansatte samtykker til at bedriftshelsetjenesten deltar i møtet").check()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("bht-invited")).to_be_visible()
    _shots(page, "manager-bht")
    participant = Participant.objects.get(role=Participant.Role.OHS, meeting__case=case)
    assert participant.consent_at is not None and participant.email == "post@agder-bht.example.org"


def test_hr_switches_a_routine_step_off_and_on(live_server, page, demo):
    log_in(page, live_server.url, "hr")
    page.goto(f"{live_server.url}/hr/rutine/")
    step = page.get_by_test_id("routine-step-flags")
    expect(step).to_have_attribute("data-active", "true")
    _shots(page, "hr-routine")
    step.get_by_test_id("toggle-flags").click()
    expect(page.get_by_test_id("routine-step-flags")).to_have_attribute("data-active", "false")
    page.get_by_test_id("routine-step-flags").get_by_test_id("toggle-flags").click()
    expect(page.get_by_test_id("routine-step-flags")).to_have_attribute("data-active", "true")
