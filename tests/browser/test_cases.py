"""The manager's journey with a new sick note, and the employee's view of their own case."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from organisation.models import Employee

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_manager_registers_sick_note_and_records_first_conversation(live_server, page, demo, shot, language):
    today = timezone.localdate()
    employee = Employee.objects.get(first_name="Sara", last_name="Ahmed")
    log_in(page, live_server.url, "leder", language=language)
    expect(page.get_by_test_id("overview")).not_to_contain_text("Sara Ahmed")

    page.goto(f"{live_server.url}/ansatte/{employee.pk}/")
    page.get_by_test_id("register-absence").click()
    page.select_option("#id_kind", "sick")
    page.fill("#id_start", (today - timedelta(days=2)).isoformat())
    page.fill("#id_end", (today - timedelta(days=3)).isoformat())  # before the start: refused
    page.fill("#id_grade", "100")
    page.get_by_test_id("period-form").locator("button[type=submit]").click()
    expect(page.locator("#id_end")).to_have_class(__import__("re").compile("is-invalid"))
    expect(page.locator("#id_grade")).to_have_value("100")  # nothing typed is lost
    page.fill("#id_end", (today + timedelta(days=20)).isoformat())
    page.get_by_test_id("period-form").locator("button[type=submit]").click()

    expect(page.get_by_test_id("case-title")).to_have_text("Sara Ahmed")
    first = page.get_by_test_id("milestone-first_conversation")
    expect(first).to_have_attribute("data-state", "due_soon")
    expect(first.get_by_test_id("due")).to_have_attribute("datetime", (today + timedelta(days=2)).isoformat())
    expect(page.get_by_test_id("milestone-followup_plan").get_by_test_id("legal-basis")).to_contain_text("4-6")
    shot(f"case-new-{language}")

    page.goto(f"{live_server.url}/leder/")
    expect(page.get_by_test_id("overview")).to_contain_text("Sara Ahmed")
    shot(f"manager-overview-{language}")
    page.get_by_role("link", name="Sara Ahmed").click()
    page.get_by_test_id("record-conversation").click()
    page.fill("#id_expected_duration", "3 uker")
    page.fill("#id_work_ability", "Kan svare på e-post hjemmefra noen timer.")
    page.check("#id_trusted_person_informed")
    page.get_by_test_id("conversation-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("milestone-first_conversation")).to_have_attribute("data-state", "done")
    expect(page.get_by_test_id("conversation")).to_have_count(1)
    shot(f"case-conversation-done-{language}")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_employee_sees_own_case_and_is_refused_another(live_server, page, demo, shot, language):
    log_in(page, live_server.url, "ansatt", language=language)
    page.get_by_test_id("my-case").first.click()
    expect(page.get_by_test_id("milestone-followup_plan")).to_be_visible()
    expect(page.get_by_test_id("record-conversation")).to_have_count(0)
    shot(f"case-employee-{language}")
    other = Employee.objects.get(first_name="Sara", last_name="Ahmed")
    from cases import services

    services.period_register(
        employee=other, kind="sick", start=timezone.localdate(), end=timezone.localdate() + timedelta(days=5)
    )
    response = page.goto(f"{live_server.url}/saker/{other.cases.get().pk}/")
    assert response.status == 404
