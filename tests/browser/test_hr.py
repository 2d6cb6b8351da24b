"""HR's journeys: the deadline dashboard with its filters, the statistics, the routine and the self-assessment."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hr.demo import load_demo_hr
from hr.models import RoutineStep
from organisation.models import Organisation, Unit

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_hr(demo):
    from django.core.cache import cache

    cache.clear()  # the statistics are cached; ids repeat between test databases
    if not RoutineStep.objects.exists():  # until the demo loader calls it itself
        load_demo_hr(Organisation.objects.get(), timezone.localdate())


def _count(page, testid: str) -> int:
    return int(page.get_by_test_id(testid).get_by_test_id("count").inner_text())


@pytest.mark.parametrize("language", ["nb", "en"])
def test_hr_filters_the_deadline_dashboard(live_server, page, demo_hr, shot, language):
    log_in(page, live_server.url, "hr", language=language)
    expect(page.get_by_test_id("start-page")).to_have_attribute("data-role", "hr")
    rows = page.get_by_test_id("dashboard-row")
    total = _count(page, "count-open")
    expect(rows).to_have_count(total)
    overdue = _count(page, "count-overdue")
    assert overdue > 0
    expect(rows.first).to_have_attribute("data-state", "overdue")  # the most overdue first
    shot(f"hr-dashboard-{language}")

    page.select_option("#id_state", "overdue")
    page.get_by_test_id("apply-filters").click()
    expect(rows).to_have_count(overdue)
    for i in range(overdue):
        expect(rows.nth(i)).to_have_attribute("data-state", "overdue")

    page.get_by_test_id("clear-filters").click()
    page.select_option("#id_unit", str(Unit.objects.get(name="Kundeservice").pk))
    page.get_by_test_id("apply-filters").click()
    expect(rows.first).to_be_visible()
    assert _count(page, "count-open") < total
    for text in rows.locator("td:nth-child(2)").all_inner_texts():
        assert text == "Kundeservice"

    page.select_option("#id_kind", "followup_plan")
    page.get_by_test_id("apply-filters").click()
    for i in range(rows.count()):
        expect(rows.nth(i)).to_have_attribute("data-key", "followup_plan")
    shot(f"hr-dashboard-filtered-{language}")

    page.get_by_test_id("clear-filters").click()
    page.get_by_test_id("count-overdue").click()
    expect(rows).to_have_count(overdue)
    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    rows.first.get_by_role("link").click()
    expect(page.get_by_test_id("case-title")).to_be_visible()


@pytest.mark.parametrize("language", ["nb", "en"])
def test_hr_reads_the_statistics(live_server, page, demo_hr, shot, language):
    log_in(page, live_server.url, "hr", language=language)
    page.get_by_test_id("hr-subnav").get_by_role("link").nth(2).click()
    expect(page.get_by_test_id("statistics-title")).to_be_visible()
    expect(page.get_by_test_id("trend-chart").locator("svg title").first).to_be_attached()
    expect(page.get_by_test_id("trend-bar")).to_have_count(12)
    months = page.get_by_test_id("month-table").locator("tbody").first.get_by_test_id("figures-row")
    expect(months).to_have_count(12)
    rate = page.get_by_test_id("rate-year").inner_text()
    assert re.fullmatch(r"\d+[,.]\d %", rate), rate
    expect(page.get_by_test_id("suppression-note")).to_be_visible()  # the demo has a unit of one
    unit_rows = page.get_by_test_id("unit-row")
    assert unit_rows.count() >= 3
    shot(f"hr-statistics-{language}")

    page.get_by_test_id("unit-table").get_by_role("link", name="Drift").click()
    expect(page.get_by_test_id("unit-table")).to_contain_text("Renhold")
    with page.expect_download() as download:
        page.get_by_test_id("statistics-csv").click()
    assert download.value.suggested_filename.endswith(".csv")
    shot(f"hr-statistics-drift-{language}")


def test_hr_adds_a_routine_step_and_rates_the_practice(live_server, page, demo_hr, shot):
    log_in(page, live_server.url, "hr", language="en")
    page.goto(f"{live_server.url}/hr/rutine/")
    expect(page.get_by_test_id("own-step")).to_have_count(4)
    page.get_by_test_id("new-step").click()
    page.fill("#id_name_nb", "Samtale etter ett år")
    page.fill("#id_name_en", "Conversation after a year")
    page.fill("#id_amount", "52")
    page.select_option("#id_offset_unit", "weeks")
    page.select_option("#id_responsible", "hr")
    page.fill("#id_reminder_nb", "Snakk om veien videre.")
    page.fill("#id_reminder_en", "Talk about the way ahead.")
    page.get_by_test_id("step-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("own-step")).to_have_count(5)
    expect(page.get_by_test_id("routine-log")).to_contain_text("Samtale etter ett år")
    shot("hr-routine-en")

    page.goto(f"{live_server.url}/hr/kvalitet/")
    expect(page.get_by_test_id("quality-comparison").get_by_test_id("round-average")).to_have_count(2)
    page.get_by_text("Start a new round").click()
    page.get_by_test_id("new-round").locator("button[type=submit]").click()
    statement = page.get_by_test_id("statement").first
    statement.get_by_text("4", exact=True).click()
    statement.locator("textarea").fill("Skriv rutinen om til en sjekkliste.")
    page.get_by_test_id("save-round").click()
    expect(page.get_by_test_id("statement").first.get_by_test_id("comparison")).to_contain_text("5")
    shot("hr-quality-round-en")
    page.goto(f"{live_server.url}/hr/kvalitet/")
    expect(page.get_by_test_id("quality-comparison").get_by_test_id("round-average")).to_have_count(3)
    shot("hr-quality-en")
