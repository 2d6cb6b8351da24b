"""Throttling, session limits and the audit events of signing in, as a browser's requests meet them."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from api.models import ApiToken
from api.services import token_create
from api.throttling import TokenRateThrottle
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "secret-password-1"  # noqa: S105


@pytest.fixture
def hr(world):
    world.org_hr.set_password(PASSWORD)
    world.org_hr.save()
    return world.org_hr


def _sign_in(client, username, password, ip="192.0.2.10"):
    return client.post("/konto/login/", {"login": username, "password": password}, REMOTE_ADDR=ip)


def test_thirty_wrong_passwords_and_the_limit_holds(client, hr):
    client.cookies["sykefravaer_language"] = "nb"
    pages = [_sign_in(client, "orghr", f"wrong-{n}").content.decode() for n in range(30)]
    assert all("Brukernavnet og/eller passordet du oppgav er feil" in page for page in pages[:5])
    # From the sixth on: refused without trying the password, saying when to try again.
    assert all("For mange mislykkede innlogginger. Prøv igjen om 15 minutter." in page for page in pages[5:])
    # More than 30 requests a minute from one address: refused before the form is read.
    burst = _sign_in(client, "orghr", PASSWORD)
    assert burst.status_code == 429 and "Vent et minutt" in burst.content.decode()
    # Even the right password waits out the limit.
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert "Prøv igjen om 15 minutter" in _sign_in(client, "orghr", PASSWORD).content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 5
    assert AuditEvent.objects.filter(action="auth.throttled", detail__username="orghr").count() == 26
    # 15 minutes later the right password works again.
    with time_machine.travel(timezone.now() + timedelta(minutes=18)):
        assert _sign_in(client, "orghr", PASSWORD).status_code == 302


def test_the_limit_is_per_account_from_any_address_and_gives_no_hint(client, hr):
    for n in range(5):
        _sign_in(client, "orghr", "wrong", ip=f"198.51.100.{n}")
    assert "Prøv igjen om 15 minutter" in _sign_in(client, "orghr", PASSWORD, ip="198.51.100.99").content.decode()
    # A name that does not exist is limited just the same.
    for n in range(5):
        _sign_in(client, "nobody-here", "wrong", ip=f"203.0.113.{n}")
    assert "Prøv igjen om 15 minutter" in _sign_in(client, "nobody-here", "x", ip="203.0.113.99").content.decode()


def test_the_limit_is_per_address_across_accounts(client, hr):
    for n in range(5):
        _sign_in(client, f"guess-{n}", "wrong", ip="192.0.2.77")
    assert "Prøv igjen om 15 minutter" in _sign_in(client, "orghr", PASSWORD, ip="192.0.2.77").content.decode()
    assert _sign_in(Client(), "orghr", PASSWORD, ip="192.0.2.78").status_code == 302


def test_password_reset_is_limited(client, world):
    for _ in range(10):
        client.post("/konto/password/reset/", {"email": "salesemployee@example.org"}, REMOTE_ADDR="192.0.2.5")
    assert len(mail.outbox) == 3


def test_the_api_is_throttled_per_key(client, world, monkeypatch):
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {**TokenRateThrottle.THROTTLE_RATES, "token": "3/min"})
    first = token_create(token=ApiToken(name="A", user=world.org_hr), by=None)[1]
    second = token_create(token=ApiToken(name="B", user=world.org_hr), by=None)[1]
    answers = [client.get("/api/v1/employees/", HTTP_AUTHORIZATION=f"Bearer {first}").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = client.get("/api/v1/employees/", HTTP_AUTHORIZATION=f"Bearer {first}")
    assert refused.json()["code"] == "throttled" and "Retry-After" in refused
    # Another key of the same user has its own budget.
    assert client.get("/api/v1/employees/", HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200


def test_the_session_id_changes_at_sign_in(client, hr):
    client.get("/konto/login/")
    before = client.cookies["sessionid"].value if "sessionid" in client.cookies else None
    client.session.save()
    anonymous = client.session.session_key
    assert _sign_in(client, "orghr", PASSWORD).status_code == 302
    assert client.session.session_key not in {before, anonymous}


def test_idle_timeout_signs_out(client, hr, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _sign_in(client, "orghr", PASSWORD)
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get("/hr/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=58), tick=False):
        assert client.get("/hr/").status_code == 200  # 29 minutes after the last request
    with time_machine.travel(start + timedelta(minutes=89), tick=False):
        response = client.get("/hr/")
        assert response.status_code == 302 and response["Location"].startswith("/konto/login/")
        assert "_auth_user_id" not in client.session
        assert "30 minutter uten aktivitet" in client.get(response["Location"]).content.decode()


def test_absolute_lifetime_signs_out_however_busy(client, hr):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _sign_in(client, "orghr", PASSWORD)
    for minutes in range(20, 8 * 60, 20):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get("/hr/").status_code == 200, minutes
    with time_machine.travel(start + timedelta(hours=8, minutes=1), tick=False):
        response = client.get("/hr/")
        assert response.status_code == 302
        assert "høyst 8 timer" in client.get(response["Location"]).content.decode()


def test_sign_out_everywhere_ends_every_session(hr):
    laptop, phone = Client(), Client()
    _sign_in(laptop, "orghr", PASSWORD)
    _sign_in(phone, "orghr", PASSWORD, ip="192.0.2.11")
    assert phone.get("/hr/").status_code == 200
    profile = laptop.get("/konto/profil/").content.decode()
    assert "2 enheter eller nettlesere" in profile
    assert laptop.post("/konto/logg-ut-overalt/").status_code == 302
    assert phone.get("/hr/").status_code == 302
    assert laptop.get("/hr/").status_code == 302
    assert AuditEvent.objects.filter(action="auth.logout_everywhere", actor=hr).exists()


def test_sign_in_events_are_on_the_audit_log_page(client, world, hr):
    _sign_in(client, "orghr", "wrong")
    _sign_in(client, "orghr", PASSWORD)
    client.post("/konto/logout/")
    client.force_login(world.admin)
    page = client.get("/logg/").content.decode()
    for text in ("Innlogging mislyktes", "Logget inn", "Logget ut"):
        assert text in page


def test_second_factor_added_and_removed_are_audit_events(client, hr, settings, django_capture_on_commit_callbacks):
    import re

    from tests.browser.test_mfa import totp

    settings.MFA_REQUIRED_FOR_HR = True
    assert _sign_in(client, "orghr", PASSWORD).status_code == 302
    # HR without a second factor: every page leads to setting one up.
    assert client.get("/hr/")["Location"] == "/konto/2fa/totp/activate/"
    page = client.get("/konto/2fa/totp/activate/").content.decode()
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page, re.S)
    secret = secret or re.search(r'value="([A-Z2-7]{16,})"[^>]*id="authenticator_secret"', page, re.S)
    with django_capture_on_commit_callbacks(execute=True):  # allauth sends its signals on commit
        activated = client.post("/konto/2fa/totp/activate/", {"code": totp(secret.group(1))})
    assert activated.status_code == 302, activated.content.decode()[-3000:]
    assert activated["Location"] == "/konto/2fa/recovery-codes/", activated["Location"]
    assert AuditEvent.objects.filter(action="auth.mfa_added", actor=hr, detail__type="totp").exists()
    assert client.get("/hr/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/konto/2fa/totp/deactivate/").status_code == 302
    assert AuditEvent.objects.filter(action="auth.mfa_removed", actor=hr, detail__type="totp").exists()
