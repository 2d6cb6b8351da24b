"""HR imports a 2,000-line payroll file: preview with counts, confirm, then the same file again."""

import os
import signal
import subprocess
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from imports.models import ImportBatch
from organisation.models import Employee
from tests.imports.helpers import csv_bytes, large_file
from tests.reminders.test_worker import _database_url, _wait
from tests.workers import start_worker

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def worker(settings, tmp_path):
    """A real Celery worker on the test database and a queue of its own, sharing the test's cache (the progress)."""
    from sykefravaer.celery import app

    if not os.environ.get("REDIS_URL"):
        pytest.skip("The background import's browser test runs a worker on Redis: set REDIS_URL (CI does).")
    queue = f"test-imports-{uuid.uuid4().hex[:12]}"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": _database_url(),
            "TEST_CACHE_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
        }
    )
    log = tmp_path / "worker.log"
    process = start_worker(queue, env, log)
    routes = app.conf.task_routes
    app.conf.task_routes = {"imports.tasks.batch_apply_queued": {"queue": queue}}
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)  # the router keeps the routes it was made with
    try:
        _wait(lambda: "ready." in log.read_text(), f"the worker to start:\n{log.read_text()}")
        yield log
    finally:
        app.conf.task_routes = routes
        app.amqp.flush_routes()
        app.amqp.__dict__.pop("router", None)
        process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


DEMO_ORG = "912345602"


def upload(page, base_url: str, name: str, content: bytes, *, full: bool = False) -> None:
    page.goto(f"{base_url}/import/")
    page.locator("#id_file").set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": content}])
    if full:
        page.locator("#id_full").check()
    page.get_by_test_id("import-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("import-counts")).to_be_visible(timeout=60_000)


def test_hr_previews_and_imports_two_thousand_employees(live_server, page, demo, shot, worker):
    content = large_file(2000, org_number=DEMO_ORG)
    before = Employee.objects.count()
    log_in(page, live_server.url, "hr", language="en")

    upload(page, live_server.url, "lonnssystem.csv", content)
    counts = page.get_by_test_id("import-counts")
    expect(counts.locator("[data-count=create]")).to_have_text("2000")
    expect(counts.locator("[data-count=new_units]")).to_have_text("25")
    expect(counts.locator("[data-count=errors]")).to_have_text("0")
    expect(page.get_by_test_id("import-rows").locator("tbody tr")).to_have_count(50)
    shot("import-preview-2000-en")

    page.get_by_role("link", name="Next").click()
    expect(page.get_by_text("Page 2 of 40")).to_be_visible()
    page.locator("[data-view=units]").click()
    expect(page.get_by_test_id("import-units")).to_contain_text("Nordlys Eiendom AS / Avdeling 1 / Team 1.1")
    assert Employee.objects.count() == before  # nothing is written before confirming

    page.get_by_test_id("import-confirm").locator("button").click()
    # The worker writes in the background; the page follows its progress, then shows what was imported.
    expect(page.get_by_test_id("import-progress")).to_be_visible()
    expect(page.get_by_test_id("import-applied")).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("import-counts").locator("[data-count=create]")).to_have_text("2000")
    shot("import-applied-en")
    assert Employee.objects.count() == before + 2000

    upload(page, live_server.url, "lonnssystem.csv", content)
    expect(page.get_by_test_id("import-counts").locator("[data-count=unchanged]")).to_have_text("2000")
    expect(page.get_by_test_id("import-counts").locator("[data-count=create]")).to_have_text("0")
    expect(page.get_by_test_id("import-counts").locator("[data-count=change]")).to_have_text("0")


def test_hr_sees_errors_by_line_and_column_and_cannot_confirm(live_server, page, demo, shot):
    header = [
        "org_number",
        "employee_number",
        "first_name",
        "last_name",
        "unit",
        "manager_employee_number",
        "employment_start",
    ]
    content = csv_bytes(
        [
            [DEMO_ORG, "9001", "Kari", "Nordmann", "Drift/Renhold", "1001", "01.03.2024"],
            [DEMO_ORG, "9002", "Ola", "Nordmann", "Lageret", "", "01.03.2024"],
            ["912345603", "9003", "Per", "Li", "Kundeservice", "", "2024-03-01"],
            [DEMO_ORG, "9001", "Anne", "Lie", "Kundeservice", "", "2024-03-01"],
            [DEMO_ORG, "9005", "Eva", "Berg", "Kundeservice", "77777", "31.02.2024"],
        ],
        header,
    )
    log_in(page, live_server.url, "hr", language="nb")
    upload(page, live_server.url, "feil.csv", content, full=True)
    expect(page.get_by_test_id("import-has-errors")).to_be_visible()
    issues = page.get_by_test_id("import-issues")
    expect(issues.locator("tbody tr")).to_have_count(5)
    expect(issues.locator("tbody tr").nth(0)).to_contain_text("unit")
    expect(issues.locator("tbody tr").nth(0)).to_contain_text("3")
    expect(page.get_by_test_id("import-confirm")).to_have_count(0)
    shot("import-errors-nb")
    assert not Employee.objects.filter(employee_number="9001").exists()


def test_a_large_import_shows_its_progress_while_the_worker_writes(live_server, page, demo, shot, worker):
    from imports import services

    content = large_file(20_000, org_number=DEMO_ORG)
    log_in(page, live_server.url, "hr", language="nb")
    upload(page, live_server.url, "hele-registeret.csv", content)
    expect(page.get_by_test_id("import-counts").locator("[data-count=create]")).to_have_text("20000")
    page.get_by_test_id("import-confirm").locator("button").click()
    progress = page.get_by_test_id("import-progress")
    expect(progress).to_be_visible()
    bar = progress.locator("progress")
    # The bar moves: some rows written, not yet all (it reports a chunk at a time).
    page.wait_for_function(
        "() => { const bar = document.querySelector('[data-testid=import-progress] progress');"
        " return bar && bar.value > 0; }",
        timeout=60_000,
    )
    assert (
        int(bar.get_attribute("max") or 0) == 20_000
        or page.evaluate("() => document.querySelector('[data-testid=import-progress] progress').max") == 20_000
    )
    expect(progress).to_contain_text("rader skrevet")
    shot("import-progress-nb")
    expect(page.get_by_test_id("import-applied")).to_be_visible(timeout=120_000)
    assert ImportBatch.objects.get(filename="hele-registeret.csv").status == ImportBatch.Status.APPLIED
    assert Employee.objects.filter(employee_number__gte="50000", employee_number__lt="70000").count() == 20_000
    assert services.progress_get(ImportBatch.objects.get(filename="hele-registeret.csv").pk) is None
