"""The second factor: HR without one is sent to set it up at the first sign-in, enters a real TOTP code computed
from the secret, gets recovery codes, and is asked for a code at the next sign-in (a recovery code works)."""

import base64
import hashlib
import hmac
import struct
import time

import pytest
from playwright.sync_api import expect

from audit.models import AuditEvent

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def totp(secret: str, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """RFC 6238: the code an authenticator app shows for this secret now."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"


def test_rfc_6238_vector():
    # RFC 6238 appendix B, SHA-1, T = 59 s (8 digits): 94287082.
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp(secret, at=59, digits=8) == "94287082"


def test_hr_sets_up_a_second_factor_at_first_sign_in(live_server, page, demo, settings, shot):
    settings.MFA_REQUIRED_FOR_HR = True
    log_in(page, live_server.url, "hr")
    # Straight to setting up an authenticator app, whatever page was asked for.
    expect(page).to_have_url(f"{live_server.url}/konto/2fa/totp/activate/")
    page.goto(f"{live_server.url}/hr/")
    expect(page).to_have_url(f"{live_server.url}/konto/2fa/totp/activate/")
    shot("mfa-setup")
    secret = page.locator("#authenticator_secret").input_value()
    page.fill("input[name=code]", "000000" if totp(secret) != "000000" else "111111")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
    page.fill("input[name=code]", totp(secret))
    page.locator("main button[type=submit]").click()
    assert AuditEvent.objects.filter(action="auth.mfa_added", actor__username="hr").exists()
    # Recovery codes, to keep for a lost phone.
    expect(page).to_have_url(f"{live_server.url}/konto/2fa/recovery-codes/")
    recovery = page.locator("#recovery_codes").input_value().split()
    assert len(recovery) == 10
    page.goto(f"{live_server.url}/hr/")
    expect(page.get_by_test_id("start-page")).to_have_attribute("data-role", "hr")

    # The next sign-in asks for a code; a recovery code will do.
    page.get_by_role("button", name="Logg ut").click()
    log_in(page, live_server.url, "hr")
    expect(page.locator("input[name=code]")).to_be_visible()
    page.fill("input[name=code]", recovery[0])
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_test_id("start-page")).to_have_attribute("data-role", "hr")


def test_managers_and_employees_may_go_without(live_server, page, demo, settings):
    settings.MFA_REQUIRED_FOR_HR = True
    log_in(page, live_server.url, "leder")
    expect(page.get_by_test_id("start-page")).to_have_attribute("data-role", "manager")
    page.get_by_test_id("current-user").click()
    expect(page.get_by_test_id("mfa-status")).to_contain_text("Av")
