"""The Content-Security-Policy refuses nothing the app's own pages need."""

import pytest
from playwright.sync_api import expect

from cases.models import Case

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_pages_run_under_the_policy_without_a_violation(live_server, page, demo):
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    log_in(page, live_server.url, "leder")
    case = Case.objects.filter(status="open").order_by("pk").first()
    page.goto(f"{live_server.url}/saker/{case.pk}/")
    bar = page.get_by_test_id("timeline-bar")
    expect(bar).to_be_visible()
    # The positions come from data attributes, set by the static script (no style attribute in the markup).
    width = bar.locator(".case-bar-absence").evaluate("el => el.style.width")
    assert width.endswith("%") and float(width[:-1]) > 0
    page.goto(f"{live_server.url}/leder/")
    assert violations == []
