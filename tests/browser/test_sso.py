"""Single sign-on through a real OpenID Connect provider (django-oauth-toolkit, in its own process):
each role lands on its start page, a person the app does not know is refused, signing out ends both sessions."""

import re

import pytest
from playwright.sync_api import expect

from audit.models import AuditEvent
from kernel.env import oidc_origins
from organisation.models import Employee

from ..oidc_provider import serve

pytestmark = pytest.mark.django_db(transaction=True)

CLIENT_ID = "sykefravaer-test"
SECRET = "provider-secret-for-tests-only"  # noqa: S105 - a test provider's own secret
PASSWORD = "at-the-provider-1"  # noqa: S105


@pytest.fixture
def provider(live_server, demo, settings):
    """The demo's people as the employer's identity provider knows them, plus one the app does not know."""
    people = {"unknown": {"password": PASSWORD, "email": "new.person@nordlys.example", "name": "New Person"}}
    for username in ("leder", "hr", "ansatt"):
        employee = Employee.objects.get(user__username=username)
        people[f"op-{username}"] = {
            "password": PASSWORD,
            "email": employee.email.upper(),
            "employee_id": employee.employee_number,
            "name": employee.full_name,
        }
    running = serve.start(
        people=people,
        client_id=CLIENT_ID,
        secret=SECRET,
        redirect_uris=[f"{live_server.url}/konto/oidc/test/login/callback/"],
        post_logout_redirect_uris=[f"{live_server.url}/konto/login/"],
    )

    def configure(match_claim: str = "email") -> None:
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {
                "OAUTH_PKCE_ENABLED": True,
                "APPS": [
                    {
                        "provider_id": "test",
                        "name": "Testleverandør",
                        "client_id": CLIENT_ID,
                        "secret": SECRET,
                        "settings": {"server_url": running.issuer, "match_claim": match_claim},
                    }
                ],
            }
        }
        # As settings.py does for the providers it reads: sign-in and sign-out forms may go there.
        settings.SECURE_CSP = {
            **settings.SECURE_CSP,
            "form-action": ["'self'", *oidc_origins([{"issuer": running.issuer}])],
        }

    configure()
    running.configure = configure
    yield running
    running.stop()


def sso_sign_in(page, base_url: str, username: str) -> None:
    page.context.add_cookies([{"name": "sykefravaer_language", "value": "nb", "url": base_url}])
    page.goto(f"{base_url}/konto/login/")
    # Single sign-on comes first, before the password form.
    buttons = page.locator("main button[type=submit]")
    expect(buttons.first).to_have_text("Logg inn med Testleverandør")
    buttons.first.click()
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in at the provider").click()


@pytest.mark.parametrize(
    "username, role, heading, match_claim",
    [
        ("leder", "manager", "Mine sykmeldte", "email"),
        ("hr", "hr", "HR-oversikt", "email"),
        ("ansatt", "employee", "Min side", "employee_id"),  # by the employee number in a custom claim
    ],
)
def test_sign_in_through_the_identity_provider(live_server, page, provider, username, role, heading, match_claim):
    provider.configure(match_claim)
    sso_sign_in(page, live_server.url, f"op-{username}")
    start = page.get_by_test_id("start-page")
    expect(start).to_have_attribute("data-role", role)
    expect(start).to_have_text(heading)
    assert AuditEvent.objects.filter(action="auth.login", actor__username=username).exists()


def test_a_person_the_app_does_not_know_is_refused(live_server, page, provider):
    sso_sign_in(page, live_server.url, "unknown")
    expect(page.get_by_test_id("sso-refused")).to_contain_text("Innlogging avvist")
    expect(page.get_by_test_id("sso-refused")).to_contain_text("Testleverandør")
    event = AuditEvent.objects.get(action="auth.sso_refused")
    assert event.detail["value"] == "new.person@nordlys.example" and event.detail["claim"] == "email"
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/konto/login/?next=/")


def test_signing_out_ends_the_session_here_and_at_the_provider(live_server, page, provider):
    sso_sign_in(page, live_server.url, "op-leder")
    expect(page.get_by_test_id("start-page")).to_have_text("Mine sykmeldte")
    page.get_by_role("button", name="Logg ut").click()
    # The provider's end_session_endpoint: it asks, then sends the browser back to the sign-in page.
    expect(page).to_have_url(re.compile(re.escape(provider.issuer) + "/logout/"))
    page.get_by_role("button", name="Logout").click()
    page.wait_for_url(f"{live_server.url}/konto/login/")
    assert AuditEvent.objects.filter(action="auth.logout", actor__username="leder").exists()
    # Signed out at the provider too: signing in again asks for the password there.
    page.locator("main button[type=submit]").first.click()
    expect(page.locator("#id_username")).to_be_visible()
