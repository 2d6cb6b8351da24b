"""The plan's hand-over journey: manager → employee (told by the bell) → back → both approve.

Runs in Norwegian and asserts on test ids and the Norwegian words the issue names.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from followup_plans.models import PlanVersion
from reminders.models import Delivery

from .conftest import log_in
from .test_followup_plans import _ola_case, _submit, _switch_user, measure_templates  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_hand_over_to_the_employee_and_back_then_both_approve(live_server, page, demo, measure_templates, shot):
    base = live_server.url
    case = _ola_case()
    today = timezone.localdate()

    # The manager writes the draft; a measure from HR's list starts as proposed.
    log_in(page, base, "leder", language="nb")
    page.goto(f"{base}/saker/{case.pk}/plan/")
    page.get_by_test_id("start-plan").click()
    page.fill("#id_typical_workday", "Kundeservice på telefon og e-post, 08–16.")
    page.fill("#id_follow_up", "Kort samtale hver mandag.")
    page.fill("#id_period_end", (today + timedelta(days=35)).isoformat())
    page.fill("#id_evaluation_date", (today + timedelta(days=21)).isoformat())
    page.fill("#id_contact_person_phone", "91234567")
    page.get_by_test_id("save-draft").click()
    page.get_by_test_id("add-task").click()
    page.fill("#id_title", "Telefonvakt")
    page.get_by_label("Kan utføres", exact=True).check()
    _submit(page)
    page.select_option("#id_template", label="Tilpasset arbeidstid")
    page.get_by_test_id("use-template").click()
    _submit(page)
    expect(page.get_by_test_id("plan-measure").first).to_have_attribute("data-status", "proposed")
    send = page.get_by_test_id("send-to-employee")
    expect(send).to_have_text("Send til Ola Hansen for gjennomgang")
    send.click()
    expect(page.get_by_test_id("hand-over")).to_have_attribute("data-holder", "employee")
    shot("plan-hand-over-manager-nb")
    assert len(mail.outbox) == 1 and mail.outbox[0].body.startswith("Hei Ola Hansen,")
    assert "/plan/" in mail.outbox[0].body and "Tilpasset arbeidstid" not in mail.outbox[0].body

    # The employee sees it on the bell and opens the version straight from the notification.
    _switch_user(page, base, "ansatt", "nb")
    expect(page.get_by_test_id("unread-count")).to_have_text("1")
    page.get_by_test_id("notifications-bell").click()
    page.get_by_test_id("notification").filter(has_text="til gjennomgang").get_by_test_id("notification-open").click()
    expect(page.get_by_test_id("plan-version")).to_have_attribute("data-status", "draft")
    blocker = page.get_by_test_id("blocker").filter(has=page.get_by_test_id("blocker-action"))
    expect(blocker.first).to_have_attribute("data-code", "proposed_measures")
    expect(page.get_by_test_id("approve")).to_be_disabled()
    page.set_viewport_size({"width": 390, "height": 844})
    shot("plan-hand-over-employee-390-nb")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_test_id("agree-measure").click()
    expect(page.get_by_test_id("plan-measure").first).to_have_attribute("data-status", "agreed")
    expect(page.get_by_test_id("completion-problems")).to_have_count(0)
    page.fill("#id_text", "Ser bra ut.")
    page.get_by_test_id("comment-submit").click()
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("approval-employee")).to_contain_text("Godkjent")
    page.get_by_test_id("send-to-manager").click()
    expect(page.get_by_test_id("hand-over")).to_have_attribute("data-holder", "employer")
    shot("plan-hand-over-employee-nb")

    # The manager is told (comment, approval, hand-over) and approves: the version is completed.
    _switch_user(page, base, "leder", "nb")
    page.get_by_test_id("notifications-bell").click()
    kinds = {Delivery.Kind.PLAN_COMMENT, Delivery.Kind.PLAN_APPROVED, Delivery.Kind.PLAN_RETURNED}
    for kind in kinds:
        expect(page.locator(f'[data-testid="notification"][data-kind="{kind}"]')).to_have_count(1)
    page.locator('[data-testid="notification"][data-kind="plan_returned"]').get_by_test_id("notification-open").click()
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("plan-version")).to_have_attribute("data-status", "completed")
    assert PlanVersion.objects.get(plan__case=case).is_completed
    assert Delivery.objects.filter(kind=Delivery.Kind.PLAN_COMPLETED, recipient__username="ansatt").exists()
    shot("plan-hand-over-completed-nb")
