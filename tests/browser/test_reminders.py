"""Reminders in the browser: the bell's unread count, the notification list, and HR's escalations."""

import pytest
from playwright.sync_api import expect

from reminders import services
from reminders.models import Delivery

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reminded(demo):
    """The morning's run over the demo data: reminders to the manager, escalations to HR."""
    services.reminders_run(send_now=True)


def test_manager_sees_the_unread_count_reads_the_list_and_marks_all_read(live_server, page, reminded, shot):
    unread = Delivery.objects.unread().filter(recipient__username="leder").count()
    assert unread >= 3
    log_in(page, live_server.url, "leder", language="en")
    expect(page.get_by_test_id("unread-count")).to_have_text(str(unread))

    page.get_by_test_id("notifications-bell").click()
    expect(page).to_have_url(f"{live_server.url}/varsler/")
    items = page.get_by_test_id("notification")
    expect(items).to_have_count(min(unread, 20))
    expect(items.first).to_have_attribute("data-read", "false")
    expect(page.get_by_test_id("notifications")).to_contain_text("Overdue")
    shot("reminders-list-en")

    # Opening one marks it read and shows its case.
    first = items.first
    employee = Delivery.objects.unread().filter(recipient__username="leder").order_by("-sent_at", "-pk")[0]
    first.get_by_test_id("notification-open").click()
    expect(page.get_by_test_id("case-title")).to_have_text(employee.case.employee.full_name)
    expect(page.get_by_test_id("unread-count")).to_have_text(str(unread - 1))

    page.get_by_test_id("notifications-bell").click()
    page.get_by_test_id("mark-all-read").click()
    expect(page.get_by_test_id("unread-count")).to_have_count(0)
    expect(page.get_by_test_id("notification").first).to_have_attribute("data-read", "true")

    page.get_by_test_id("notification-settings").click()
    page.get_by_label("In the app only").check()
    page.get_by_test_id("preference-form").locator("button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/varsler/")
    shot("reminders-list-read-en")


def test_hr_sees_escalations_on_the_start_page(live_server, page, reminded, shot):
    log_in(page, live_server.url, "hr", language="en")
    page.goto(f"{live_server.url}/hr/")
    escalations = page.get_by_test_id("open-escalations")
    expect(escalations).to_be_visible()
    expect(escalations.get_by_test_id("escalation").first).to_contain_text("overdue")
    shot("reminders-hr-escalations-en")
