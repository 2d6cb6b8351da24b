"""The warning before the idle timeout on a page whose form saves itself; "Stay signed in" keeps the session."""

import pytest
from playwright.sync_api import expect

from .conftest import log_in
from .test_followup_plans import _ola_case, measure_templates  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db(transaction=True)


def test_idle_warning_on_the_plan_draft(live_server, page, demo, measure_templates, settings, shot):  # noqa: F811
    settings.SESSION_IDLE_TIMEOUT = 8
    settings.SESSION_IDLE_WARNING = 5
    log_in(page, live_server.url, "leder")
    page.goto(f"{live_server.url}/saker/{_ola_case().pk}/")
    page.get_by_test_id("plans-section").get_by_test_id("plan-open").click()
    page.get_by_test_id("start-plan").click()
    warning = page.get_by_test_id("idle-warning")
    expect(warning).to_be_hidden()
    expect(warning).to_be_visible(timeout=10_000)
    expect(warning).to_contain_text("logget ut")
    shot("idle-warning")
    warning.get_by_role("button", name="Fortsett å være innlogget").click()
    expect(warning).to_be_hidden()
    # Still signed in: the request counted as activity.
    page.reload()
    expect(page.get_by_test_id("plan-draft")).to_be_visible()


def test_no_warning_on_pages_without_autosave(live_server, page, demo, settings):
    settings.SESSION_IDLE_TIMEOUT = 4
    settings.SESSION_IDLE_WARNING = 3
    log_in(page, live_server.url, "leder")
    page.wait_for_timeout(2500)
    expect(page.get_by_test_id("idle-warning")).to_be_hidden()
