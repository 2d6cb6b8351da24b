"""The employee's own view: Ola (ansatt) sees that his manager (leder) read his case today."""

import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from cases.models import Case

from .conftest import SCREENSHOTS, log_in

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = SCREENSHOTS


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_employee_sees_that_the_manager_read_the_case_today(live_server, page, demo, language):
    case = Case.objects.filter(employee__user__username="ansatt").order_by("-start").first()
    log_in(page, live_server.url, "leder", language=language)
    page.goto(f"{live_server.url}/saker/{case.pk}/")
    expect(page.get_by_test_id("case-title")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, live_server.url, "ansatt", language=language)
    page.goto(f"{live_server.url}/min-side/")
    manager = case.employee.manager.full_name
    row = page.get_by_test_id("reads").get_by_test_id("read").filter(has_text=manager).first
    expect(row).to_contain_text("Nærmeste leder" if language == "nb" else "Nearest manager")
    expect(row).to_contain_text("Leste saken din" if language == "nb" else "Read your case")
    today = timezone.localdate()
    expect(row.locator("time")).to_have_attribute("datetime", re.compile(f"^{today.isoformat()}"))
    with translation.override(language):
        expect(row).to_contain_text(date_format(today, "DATE_FORMAT"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/min-side/")
        page.screenshot(path=str(SHOTS / f"min-side-{language}-{width}.png"), full_page=True)
        page.goto(f"{live_server.url}/min-side/mine-data/")
        expect(page.get_by_test_id("my-data")).to_be_visible()
        expect(page.get_by_test_id("section-cases")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
        page.screenshot(path=str(SHOTS / f"mine-data-{language}-{width}.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_test_id("download-pdf").click()
    assert download.value.suggested_filename.endswith(".pdf")
