"""Reminders in the browser: the bell's unread count, the notification list, HR's escalations, the e-mail."""

import pytest
from playwright.sync_api import expect

from organisation.models import Employee
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


def test_manager_reads_the_reminder_email_and_follows_its_link_to_the_case(
    live_server, page, demo, settings, mailoutbox, shot
):
    settings.SITE_URL = live_server.url
    Employee.objects.filter(user__username="leder").update(preferred_language="en")
    services.reminders_run(send_now=True)
    mail = next(m for m in mailoutbox if m.to == ["kari.solberg@nordlys.example"] and "Reminder" in m.subject)
    html = mail.alternatives[0][0]

    log_in(page, live_server.url, "leder", language="en")
    page.set_content(html)
    expect(page.get_by_text("What to do:")).to_be_visible()
    shot("reminders-email-en")
    page.get_by_role("link", name="Open the case").click()
    expect(page.get_by_test_id("case-title")).to_be_visible()
    assert page.url.startswith(f"{live_server.url}/saker/")
