"""After a failed submit the focus is on the error summary, and its links lead into the fields."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from organisation.models import Employee

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language, prefix", [("nb", "Feil: "), ("en", "Error: ")])
def test_a_failed_login_moves_focus_to_the_summary(live_server, page, demo, shot, language, prefix):
    log_in(page, live_server.url, "leder", password="wrong", language=language)
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    assert page.title().startswith(prefix)
    page.locator("[data-error-summary] a").first.click()
    expect(page.locator("#id_login")).to_be_focused()
    shot(f"login-failed-{language}")


def test_a_form_error_link_puts_the_cursor_in_its_field(live_server, page, demo, shot):
    employee = Employee.objects.get(first_name="Sara", last_name="Ahmed")
    today = timezone.localdate()
    log_in(page, live_server.url, "leder")
    page.goto(f"{live_server.url}/ansatte/{employee.pk}/")
    page.get_by_test_id("register-absence").click()
    page.select_option("#id_kind", "sick")
    page.fill("#id_start", today.isoformat())
    page.fill("#id_end", (today - timedelta(days=3)).isoformat())
    page.get_by_test_id("period-form").locator("button[type=submit]").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    link = summary.get_by_role("link").first
    target = link.get_attribute("href")
    link.click()
    expect(page.locator(target)).to_be_focused()
    shot("period-form-error")
