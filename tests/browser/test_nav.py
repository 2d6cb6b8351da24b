"""NAV in a browser: a sick note from the fake NAV reaches the manager's case; a plan goes to "NAV"."""

import re

import pytest
import requests
from django.urls import reverse
from playwright.sync_api import expect

from nav import demo as nav_demo
from tests.nav.conftest import _fake_server, fake_nav, nav_key_file  # noqa: F401

from .conftest import SCREENSHOTS, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def eager():
    from sykefravaer.celery import app

    before = app.conf.task_always_eager
    app.conf.update(task_always_eager=True)
    yield
    app.conf.update(task_always_eager=before)


@pytest.fixture
def nav_demo_data(demo, fake_nav):
    nav_demo.set_up(fake_url=fake_nav.url)


def test_a_sick_note_from_nav_reaches_the_managers_case(live_server, page, nav_demo_data, fake_nav, shot):
    log_in(page, live_server.url, "hr", language="en")
    page.goto(f"{live_server.url}/nav/")
    units = page.get_by_test_id("nav-unit")
    expect(units).to_have_count(1)
    shot("nav-integrations-before-desktop")
    units.get_by_test_id("nav-fetch").click()
    expect(page.get_by_text(re.compile(r"2 new sick notes from NAV: 1 recorded, 1 waiting"))).to_be_visible()
    expect(page.get_by_test_id("nav-waiting-note")).to_have_count(1)
    expect(page.get_by_test_id("nav-waiting-note")).to_contain_text("No employee has this national identity number")
    expect(units.get_by_test_id("nav-last-error")).to_have_text("–")
    shot("nav-integrations-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("nav-integrations-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    units.get_by_test_id("nav-test").click()
    expect(page.get_by_text("The connection to NAV works.")).to_be_visible()

    # The manager sees the case, with the periods and grades from NAV.
    page.context.clear_cookies()
    log_in(page, live_server.url, "leder", language="en")
    from nav.models import ReceivedSickNote

    note = ReceivedSickNote.objects.get(status="recorded")
    case = note.employee.cases.current().get()
    page.goto(f"{live_server.url}/saker/{case.pk}/")
    expect(page.get_by_text(re.compile("Received from NAV"))).to_be_visible()
    expect(page.locator("body")).to_contain_text("50")
    shot("nav-case-received-desktop")


def test_an_approved_plan_is_sent_to_nav_and_shows_navs_status(live_server, page, nav_demo_data, fake_nav, eager, shot):
    from followup_plans.models import PlanVersion

    version = PlanVersion.objects.completed().filter(plan__case__employee__unit__name="Kundeservice").first()
    log_in(page, live_server.url, "leder", language="en")
    page.goto(
        live_server.url
        + reverse("followup_plans:version", args=[version.plan.case_id, version.plan_id, version.number])
    )
    page.get_by_test_id("nav-send").click()
    expect(page.get_by_test_id("form-page")).to_be_visible()
    shot("nav-plan-send-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("nav-plan-send-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Before dialogue meeting 2").check()
    page.get_by_test_id("submit").click()
    sending = page.get_by_test_id("nav-sending")
    expect(sending).to_have_attribute("data-status", "sent")
    expect(sending.get_by_test_id("nav-status")).to_have_text("Received by NAV")
    sending.scroll_into_view_if_needed()
    shot("nav-plan-sent-desktop")
    assert len(fake_nav.state.plans) == 1


def test_a_refusal_from_nav_is_shown_in_words(live_server, page, nav_demo_data, fake_nav, eager):
    from followup_plans.models import PlanVersion

    requests.post(
        f"{fake_nav.url}/_fake/faults",
        timeout=5,
        json={"path": "/api/v1/followupplan", "error": "NO_ACTIVE_SENT_SYKMELDING", "times": 1},
    )
    version = PlanVersion.objects.completed().filter(plan__case__employee__unit__name="Kundeservice").first()
    log_in(page, live_server.url, "leder", language="en")
    page.goto(live_server.url + reverse("nav:plan_send", args=[version.plan.case_id, version.plan_id, version.number]))
    page.get_by_label("Send to NAV", exact=True).uncheck()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("nav-error")).to_contain_text("no active sick note")


def test_an_open_requirement_is_an_hr_task_and_the_answer_reaches_navs_nearest_leader(
    live_server, page, nav_demo_data, fake_nav, eager, shot
):
    log_in(page, live_server.url, "hr", language="en")
    page.goto(f"{live_server.url}/nav/")
    page.get_by_test_id("nav-unit").get_by_test_id("nav-fetch").click()
    task = page.get_by_test_id("nav-requirement")
    expect(task).to_have_count(1)
    expect(task).to_contain_text("Ola Hansen")
    task.scroll_into_view_if_needed()
    shot("nav-requirement-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("nav-requirement-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(task.get_by_test_id("nav-requirement-manager")).to_have_value(
        str(
            __import__("organisation.models", fromlist=["Employee"])
            .Employee.objects.get(first_name="Kari", last_name="Solberg")
            .pk
        )
    )
    task.get_by_test_id("nav-requirement-answer").click()
    expect(page.get_by_text("Kari Solberg is given to NAV as nearest leader for Ola Hansen.")).to_be_visible()
    expect(page.get_by_test_id("nav-no-requirements")).to_be_visible()
    given = requests.get(f"{fake_nav.url}/_fake/linemanagers", timeout=5).json()
    ola = next(m for m in given if m["lastName"] == "Solberg")
    assert ola["mobile"].startswith("+47") and ola["email"].endswith("@nordlys.example")
    assert fake_nav.state.requirements[0]["status"] == "COMPLETED"


def test_a_refused_nearest_leader_is_shown_in_words(live_server, page, nav_demo_data, fake_nav, eager):
    from nav import fetching
    from nav.models import Integration

    fetching.fetch_for(Integration.objects.get(enabled=True))  # the beat
    requests.post(
        f"{fake_nav.url}/_fake/faults",
        timeout=5,
        json={
            "path": "/api/v1/linemanager",
            "error": "LINEMANAGER_NAME_NATIONAL_IDENTIFICATION_NUMBER_MISMATCH",
            "times": 1,
        },
    )
    log_in(page, live_server.url, "hr", language="nb")
    page.goto(f"{live_server.url}/nav/")
    page.get_by_test_id("nav-requirement-answer").click()
    expect(page.get_by_test_id("nav-leader-error")).to_contain_text("folkeregisteret")
    page.get_by_test_id("nav-leader-retry").click()
    expect(page.get_by_text("Nærmeste leder er sendt til NAV på nytt.")).to_be_visible()


def test_a_dialogue_meeting_letter_lands_on_its_case_as_a_pdf_with_a_task(
    live_server, page, nav_demo_data, fake_nav, eager, shot
):
    from datetime import timedelta

    from django.utils import timezone

    from nav import fetching
    from nav.models import NavDocument

    fetching.fetch_all()  # the beat
    document = NavDocument.objects.get(doc_type="DIALOGMOTE")
    case = document.case
    log_in(page, live_server.url, "leder", language="en")
    page.goto(f"{live_server.url}/saker/{case.pk}/")
    section = page.get_by_test_id("nav-section")
    expect(section.get_by_test_id("nav-date-task")).to_be_visible()
    expect(section.get_by_test_id("nav-document")).to_have_count(1)
    expect(page.get_by_test_id("event-nav_document")).to_contain_text("Letter from NAV")
    section.scroll_into_view_if_needed()
    shot("nav-case-letter-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("nav-case-letter-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    pdf = page.request.get(live_server.url + section.get_by_test_id("nav-document-link").get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF-")
    section.get_by_test_id("nav-date-confirm").click()
    expect(page.get_by_test_id("form-page")).to_be_visible()
    shot("nav-letter-confirm-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("nav-letter-confirm-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    day = timezone.localdate() + timedelta(days=21)
    page.get_by_label("Meeting").select_option("dm2")
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Starts").fill("10:00")
    page.get_by_label("Ends").fill("11:00")
    page.get_by_test_id("submit").click()
    expect(page.get_by_text("NAV's meeting is recorded with the date from the letter.")).to_be_visible()
    expect(page.get_by_test_id("nav-date-confirmed")).to_be_visible()
    case.refresh_from_db()
    assert case.dm2_date == day
    assert case.milestones.get(key="plan_to_nav").due == day - timedelta(days=7)


def test_an_inntektsmelding_request_is_a_payroll_task_on_the_case(live_server, page, nav_demo_data, fake_nav, shot):
    from nav import fetching
    from nav.models import IncomeReportRequest

    fetching.fetch_all()  # the beat
    request = IncomeReportRequest.objects.get()
    log_in(page, live_server.url, "hr", language="en")
    page.goto(f"{live_server.url}/saker/{request.case_id}/")
    task = page.get_by_test_id("nav-income-request")
    expect(task).to_contain_text("Task for payroll: send the inntektsmelding")
    expect(task.get_by_test_id("nav-income-engine-dates")).not_to_have_text("–")
    task.scroll_into_view_if_needed()
    shot("nav-income-request-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("nav-income-request-390")

    section = SCREENSHOTS / "nav-section-390.png"
    page.get_by_test_id("nav-section").screenshot(path=str(section))
