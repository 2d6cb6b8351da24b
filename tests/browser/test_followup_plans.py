"""The follow-up plan written together: the manager drafts, the employee takes part, both approve, the PDF.

The English run asserts on text (Norwegian translations are added afterwards);
the Norwegian run asserts on structure and test ids only.
"""

import importlib
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from followup_plans.models import PlanVersion
from organisation.models import Employee

from .conftest import SCREENSHOTS, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _ola_case():
    """The demo employee Ola Hansen (user "ansatt"), sick now, manager "leder"; the plan is due within a week."""
    return Employee.objects.get(first_name="Ola", last_name="Hansen").cases.current().order_by("-start").first()


@pytest.fixture
def measure_templates(demo):
    """HR's default list of common adjustments, as the data migration adds it; a flush may have removed it."""
    from django.apps import apps

    migration = importlib.import_module("followup_plans.migrations.0002_default_measure_templates")
    migration.add_templates(apps, None)


def _switch_user(page, base_url, username, language):
    page.context.clear_cookies()
    log_in(page, base_url, username, language=language)


def _submit(page):
    page.get_by_test_id("plan-form").get_by_test_id("submit").click()


def test_plan_written_together_approved_and_downloaded(live_server, page, demo, measure_templates, shot):
    base = live_server.url
    case = _ola_case()
    today = timezone.localdate()

    # The manager finds the plan on the case page and starts it.
    log_in(page, base, "leder", language="en")
    page.goto(f"{base}/saker/{case.pk}/")
    section = page.get_by_test_id("plans-section")
    expect(section.get_by_test_id("plan-status")).to_have_attribute("data-status", "none")
    section.get_by_test_id("plan-open").click()
    page.get_by_test_id("start-plan").click()
    expect(page.get_by_test_id("plan-draft")).to_contain_text("Follow-up plan for Ola Hansen")

    # Autosave: type, leave the field, and the status line says when it was saved.
    page.fill("#id_typical_workday", "Kundeservice på telefon og e-post, 08–16. Fast teammøte mandag.")
    page.locator("#id_follow_up").click()
    status = page.get_by_test_id("autosave-status")
    expect(status).to_have_attribute("data-state", "saved")
    expect(status).to_have_text(re.compile(r"^Saved \d\d:\d\d$"))
    assert PlanVersion.objects.get(plan__case=case).typical_workday.startswith("Kundeservice")

    page.fill("#id_follow_up", "Kort samtale hver mandag etter teammøtet.")
    page.fill("#id_period_end", (today + timedelta(days=35)).isoformat())
    page.fill("#id_evaluation_date", (today + timedelta(days=21)).isoformat())
    page.fill("#id_contact_person_phone", "91234567")
    page.get_by_test_id("save-draft").click()
    expect(page.locator(".alert-success")).to_contain_text("The draft is saved.")
    expect(page.locator("#id_contact_person_phone")).to_have_value("91234567")

    # Two work tasks: one assessed by the manager, one left for the employee.
    for title, assessment in [("Telefonvakt", "Can be done"), ("Kundebesøk ute", None)]:
        page.get_by_test_id("add-task").click()
        page.fill("#id_title", title)
        if assessment:
            page.get_by_label(assessment, exact=True).check()
        _submit(page)
    expect(page.get_by_test_id("plan-task")).to_have_count(2)

    # A measure from HR's list of common adjustments.
    page.select_option("#id_template", label="Tilpasset arbeidstid")
    page.get_by_test_id("use-template").click()
    page.get_by_label("Agreed", exact=True).check()
    _submit(page)
    expect(page.get_by_test_id("plan-measure")).to_have_count(1)
    expect(page.get_by_test_id("plan-measure").first).to_have_attribute("data-status", "agreed")
    shot("plan-draft-manager-en")

    # The employee reads the draft, comments, assesses a task and proposes a measure.
    _switch_user(page, base, "ansatt", "en")
    page.goto(f"{base}/saker/{case.pk}/")
    page.get_by_test_id("plans-section").get_by_test_id("plan-open-draft").click()
    expect(page.get_by_test_id("employee-intro")).to_be_visible()
    expect(page.get_by_test_id("approve")).to_be_disabled()
    page.fill("#id_text", "Jeg kan ta telefon før lunsj, men ikke kjøre ut til kunder ennå.")
    page.get_by_test_id("comment-submit").click()
    expect(page.get_by_test_id("plan-comment").first).to_contain_text("Jeg kan ta telefon før lunsj")
    page.get_by_test_id("plan-task").filter(has_text="Kundebesøk ute").get_by_test_id("assess-task").click()
    page.get_by_label("Cannot be done", exact=True).check()
    _submit(page)
    expect(page.get_by_test_id("plan-task").filter(has_text="Kundebesøk ute")).to_have_attribute(
        "data-assessment", "cannot"
    )
    page.get_by_test_id("propose-measure").click()
    page.fill("#id_description", "En kollega tar kundebesøkene de neste fire ukene.")
    _submit(page)
    expect(page.get_by_test_id("plan-measure").filter(has_text="En kollega")).to_have_attribute(
        "data-status", "proposed"
    )
    expect(page.get_by_test_id("completion-problems")).to_contain_text("Decide on every proposed measure")
    shot("plan-draft-employee-en")

    # The manager agrees to the proposal and approves.
    _switch_user(page, base, "leder", "en")
    page.goto(f"{base}/saker/{case.pk}/plan/")
    page.get_by_test_id("open-draft").click()
    page.get_by_test_id("plan-measure").filter(has_text="En kollega").get_by_role("link", name="Edit").click()
    page.get_by_label("Agreed", exact=True).check()
    _submit(page)
    page.get_by_test_id("to-approval").click()
    expect(page.get_by_test_id("plan-comment").first).to_contain_text("Jeg kan ta telefon")
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("approval-employer")).to_contain_text("Approved")
    expect(page.get_by_test_id("approval-employee")).to_contain_text("Not approved yet")

    # The employee approves: version 1 is completed and frozen.
    _switch_user(page, base, "ansatt", "en")
    page.goto(f"{base}/saker/{case.pk}/plan/")
    page.get_by_test_id("open-draft-review").click()
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("plan-version")).to_have_attribute("data-status", "completed")
    expect(page.get_by_test_id("approval-employee")).to_contain_text("Ola Hansen")
    expect(page.get_by_test_id("approval-employer")).to_contain_text("Kari Solberg")
    expect(page.get_by_test_id("propose-measure")).to_have_count(0)
    shot("plan-completed-employee-en")

    # The manager downloads the PDF and records that it went to the doctor.
    _switch_user(page, base, "leder", "en")
    page.goto(f"{base}/saker/{case.pk}/plan/")
    page.get_by_test_id("open-latest").click()
    with page.expect_download() as download:
        page.get_by_test_id("pdf-en").click()
    pdf = SCREENSHOTS / "browser-plan-en.pdf"
    download.value.save_as(pdf)
    _check_pdf(
        pdf,
        [
            "Follow-up plan",
            "Ola Hansen",
            "Kari Solberg",
            "Nordlys Eiendom AS",
            "912345602",
            "Telefonvakt",
            "Kundebesøk ute",
            "En kollega tar kundebesøkene",
            "Version 1",
            "Page 1 of",
        ],
    )
    page.get_by_test_id("record-sent-doctor").click()
    _submit(page)
    expect(page.get_by_test_id("sharing-record")).to_have_attribute("data-recipient", "doctor")
    shot("plan-completed-manager-en")

    # The case page: milestone done, and the plan's dates on the timeline.
    page.goto(f"{base}/saker/{case.pk}/")
    expect(page.get_by_test_id("plans-section").get_by_test_id("plan-status")).to_have_attribute(
        "data-status", "completed"
    )
    expect(page.get_by_test_id("event-plan_completed")).to_contain_text("version 1 approved")
    expect(page.get_by_test_id("event-plan_sent_to_doctor")).to_contain_text("sent to the doctor")
    expect(page.get_by_test_id("event-plan_evaluation_due")).to_be_visible()
    assert case.milestones.get(key="followup_plan").completed_at is not None
    shot("plan-case-page-en")

    # A second version starts as a copy, and its changes are shown.
    page.goto(f"{base}/saker/{case.pk}/plan/")
    page.get_by_test_id("new-version").click()
    page.fill("#id_follow_up", "Kort samtale hver fredag.")
    page.get_by_test_id("save-draft").click()
    page.get_by_test_id("to-approval").click()
    page.get_by_test_id("see-changes").click()
    expect(page.get_by_test_id("field-change")).to_have_count(1)
    expect(page.get_by_test_id("field-change")).to_contain_text("How the follow-up will be done")
    shot("plan-changes-en")


def _check_pdf(path: Path, words: list[str]) -> None:
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftotext, pdftoppm) is not installed: apt-get install poppler-utils")
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout.split()
    )
    for word in words:
        assert word in text, word
    for old in SCREENSHOTS.glob(f"{path.stem}-page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(path), str(SCREENSHOTS / f"{path.stem}-page")], check=True)
    assert list(SCREENSHOTS.glob(f"{path.stem}-page-*.png"))


def test_plan_pages_in_norwegian(live_server, page, demo, measure_templates, shot):
    """The same pages in Norwegian, checked by structure only; and a plan marked not needed on the timeline."""
    base = live_server.url
    case = _ola_case()
    log_in(page, base, "leder", language="nb")
    page.goto(f"{base}/saker/{case.pk}/plan/")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    page.get_by_test_id("start-plan").click()
    page.fill("#id_typical_workday", "Kundeservice 08–16.")
    page.locator("#id_follow_up").click()
    expect(page.get_by_test_id("autosave-status")).to_have_attribute("data-state", "saved")
    page.get_by_test_id("add-task").click()
    page.fill("#id_title", "Telefonvakt")
    _submit(page)
    expect(page.get_by_test_id("plan-task")).to_have_count(1)
    shot("plan-draft-manager-nb")

    _switch_user(page, base, "ansatt", "nb")
    page.goto(f"{base}/saker/{case.pk}/")
    expect(page.get_by_test_id("plans-section").get_by_test_id("plan-status")).to_have_attribute("data-status", "draft")
    page.get_by_test_id("plans-section").get_by_test_id("plan-open-draft").click()
    expect(page.get_by_test_id("employee-intro")).to_be_visible()
    expect(page.get_by_test_id("plan-task")).to_have_attribute("data-assessment", "none")
    expect(page.get_by_test_id("approve")).to_be_disabled()
    expect(page.get_by_test_id("edit-draft")).to_have_count(0)
    shot("plan-draft-employee-nb")

    # HR sees the plan and keeps the list of common adjustments.
    _switch_user(page, base, "hr", "nb")
    page.goto(f"{base}/saker/{case.pk}/plan/")
    expect(page.get_by_test_id("plan-versions").get_by_test_id("plan-version-row")).to_have_attribute(
        "data-status", "draft"
    )
    shot("plan-index-hr-nb")
    page.goto(f"{base}/tiltaksmaler/")
    expect(page.get_by_test_id("template-list")).to_be_visible()
    shot("plan-templates-hr-nb")

    # Another demo case: the manager records that a plan is obviously unnecessary.
    leder = Employee.objects.get(first_name="Kari", last_name="Solberg")
    colleague = leder.reports.exclude(first_name__in=["Ola", "Sara"]).filter(cases__status="open").first()
    other = colleague.cases.current().order_by("-start").first()
    _switch_user(page, base, "leder", "nb")
    page.goto(f"{base}/saker/{other.pk}/plan/")
    if page.get_by_test_id("mark-not-needed").count():
        page.get_by_test_id("mark-not-needed").click()
        page.fill("#id_reason", "Tilbake i full stilling neste uke; avtalt med den ansatte.")
        _submit(page)
    expect(page.get_by_test_id("plan-not-needed")).to_be_visible()
    page.goto(f"{base}/saker/{other.pk}/")
    expect(page.get_by_test_id("plans-section").get_by_test_id("plan-status")).to_have_attribute(
        "data-status", "not_needed"
    )
    expect(page.get_by_test_id("event-plan_not_needed")).to_be_visible()
    shot("plan-not-needed-case-nb")
