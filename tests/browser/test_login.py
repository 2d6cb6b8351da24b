"""Log in as each demo role, in Norwegian and English, and land on that role's start page."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = [
    # user, start page role, heading nb, heading en, name in the header
    ("leder", "manager", "Mine sykmeldte", "My staff on sick leave", "Kari Solberg"),
    ("hr", "hr", "HR-oversikt", "HR overview", "Ingrid Berg"),
    ("ansatt", "employee", "Min side", "My page", "Ola Hansen"),
]


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("username, role, heading_nb, heading_en, name", ROLES)
def test_demo_role_lands_on_its_start_page(
    live_server, page, demo, shot, username, role, heading_nb, heading_en, name, language
):
    log_in(page, live_server.url, username, language=language)
    start = page.get_by_test_id("start-page")
    expect(start).to_have_attribute("data-role", role)
    expect(start).to_have_text(heading_nb if language == "nb" else heading_en)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_test_id("current-user")).to_contain_text(name)
    shot(f"start-{role}-{language}")


def test_wrong_password_is_refused_with_a_clear_message(live_server, page, demo):
    log_in(page, live_server.url, "leder", password="feil")
    expect(page.locator(".alert-danger, .invalid-feedback, .errorlist").first).to_contain_text(
        re.compile("brukernavn", re.IGNORECASE)
    )
    expect(page).to_have_url(f"{live_server.url}/konto/login/")


def test_language_switch_and_log_out(live_server, page, demo):
    log_in(page, live_server.url, "ansatt")
    expect(page.get_by_test_id("start-page")).to_have_text("Min side")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_test_id("start-page")).to_have_text("My page")
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
