"""Self-certification in a browser: the employee reports, the manager confirms, the case follows."""

import re
from datetime import timedelta

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from organisation.models import Employee
from self_certification.models import SelfCertification
from self_certification.texts import day

from .conftest import SCREENSHOTS, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_with_self_certifications(demo):
    """The demo data, which includes its self-certifications (sykefravaer/demo.py)."""
    assert SelfCertification.objects.exists()


def snap(page, name: str) -> None:
    """A screenshot of a second browser window (the `shot` fixture takes the first)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _fill_dates(page, start, end):
    page.fill("#id_start", start.isoformat())
    page.locator("#id_start").dispatch_event("change")
    page.fill("#id_end", end.isoformat())
    page.locator("#id_end").dispatch_event("change")


def test_employee_self_certifies_manager_confirms_and_the_case_updates(
    live_server, page, browser, demo_with_self_certifications, shot
):
    today = timezone.localdate()
    ola = Employee.objects.get(first_name="Ola", last_name="Hansen")
    case = ola.cases.open().get()
    # Ola was ill for two days shortly before the egenmelding and sick note already registered (day −20).
    start, end = today - timedelta(days=25), today - timedelta(days=24)

    log_in(page, live_server.url, "ansatt", language="en")
    page.goto(f"{live_server.url}/min-side/")
    page.get_by_test_id("report-self-certification").first.click()
    decision = page.get_by_test_id("decision")
    # Today he is on sick leave: the form says so before anything is sent.
    expect(decision).to_have_attribute("data-status", "invalid")
    expect(decision).to_contain_text("already registered")

    # Five days: more than the law allows. The form says from which day a doctor's note is needed.
    _fill_dates(page, start, start + timedelta(days=4))
    expect(decision).to_have_attribute("data-status", "capped")
    with translation.override("en"):
        last_allowed, first_doctor_day = day(start + timedelta(days=2)), day(start + timedelta(days=3))
    expect(page.get_by_test_id("decision-advice")).to_have_text(
        f"You may self-certify 3 days, to {last_allowed}. From {first_doctor_day} you need a doctor's note "
        "(sykmelding)."
    )
    expect(page.get_by_test_id("only-allowed")).to_be_visible()
    expect(page.get_by_test_id("only-allowed")).to_contain_text(f"to {last_allowed}")
    shot("self-certification-capped-en")

    # Two days: allowed; the choice disappears.
    _fill_dates(page, start, end)
    expect(decision).to_have_attribute("data-status", "ok")
    expect(page.get_by_test_id("only-allowed")).to_be_hidden()
    page.get_by_label("No", exact=True).check()
    page.get_by_label(re.compile("the information I give is true")).check()
    shot("self-certification-form-en")
    page.get_by_test_id("submit-self-certification").click()
    row = page.get_by_test_id("my-self-certification").first
    expect(row.get_by_test_id("status")).to_have_attribute("data-status", "submitted")
    expect(row.get_by_test_id("status")).to_have_text(re.compile("Waiting for the manager"))
    shot("self-certification-submitted-en")

    # The manager, on her start page.
    manager = browser.new_context().new_page()
    log_in(manager, live_server.url, "leder", language="en")
    manager.goto(f"{live_server.url}/saker/{case.pk}/")
    employer_period_before = manager.get_by_test_id("employer-period-end").inner_text()
    manager.goto(f"{live_server.url}/leder/")
    pending = manager.get_by_test_id("pending-self-certification").filter(has_text="Ola Hansen")
    expect(pending).to_have_count(1)
    snap(manager, "self-certification-manager-en")
    pending.get_by_test_id("confirm-self-certification").click()

    # The case page: the egenmelding period, and the case now starts on its first day.
    expect(manager.get_by_test_id("case-title")).to_have_text("Ola Hansen")
    with translation.override("en"):
        case_start = formats.date_format(start, "DATE_FORMAT")
    expect(manager.locator("main")).to_contain_text(f"Absent from {case_start}")
    periods = manager.get_by_test_id("period").filter(has_text="Self-certification")
    expect(periods).to_have_count(2)  # the one registered by phone, and the confirmed report
    expect(manager.get_by_test_id("employer-period-end")).not_to_have_text(employer_period_before)
    snap(manager, "self-certification-case-en")
    case.refresh_from_db()
    assert case.start == start

    # The employee sees it confirmed.
    page.goto(f"{live_server.url}/min-side/")
    expect(page.get_by_test_id("recent-self-certification").first.get_by_test_id("status")).to_have_attribute(
        "data-status", "confirmed"
    )
    shot("self-certification-employee-start-en")


def test_the_pages_in_norwegian(live_server, page, browser, demo_with_self_certifications, shot):
    """Structure only: the same journey's pages render in nb, with the rules' answer live."""
    today = timezone.localdate()
    log_in(page, live_server.url, "ansatt", language="nb")
    page.goto(f"{live_server.url}/egenmelding/ny/")
    expect(page.get_by_test_id("rules")).to_be_visible()
    _fill_dates(page, today - timedelta(days=25), today - timedelta(days=24))
    decision = page.get_by_test_id("decision")
    expect(decision).to_have_attribute("data-status", "ok")
    expect(decision).to_contain_text("Folketrygdloven")
    page.locator("input[name=work_related][value=unsure]").check()
    page.locator("#id_declaration").check()
    shot("self-certification-form-nb")
    page.get_by_test_id("submit-self-certification").click()
    expect(page.get_by_test_id("my-self-certification").first.get_by_test_id("status")).to_have_attribute(
        "data-status", "submitted"
    )

    hr = browser.new_context().new_page()
    log_in(hr, live_server.url, "hr", language="nb")
    hr.goto(f"{live_server.url}/egenmelding/hr/")
    expect(hr.get_by_test_id("may-withdraw-employee")).to_have_count(1)
    expect(hr.get_by_test_id("hr-row").first).to_have_attribute("data-may-withdraw", "true")
    snap(hr, "self-certification-hr-nb")

    sara = browser.new_context().new_page()
    log_in(sara, live_server.url, "sara", language="nb")
    sara.goto(f"{live_server.url}/egenmelding/ny/")
    expect(sara.get_by_test_id("decision")).to_have_attribute("data-reason", "employment_under_2_months")
    snap(sara, "self-certification-refused-nb")
