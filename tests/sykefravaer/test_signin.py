"""Sign-in without a browser: providers from the environment, matching a person, no sign-up, LOCAL_LOGIN."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

from audit.models import AuditEvent
from kernel.env import oidc_providers_from_env
from sykefravaer.signin import matching

pytestmark = pytest.mark.django_db


def test_providers_from_numbered_variables(monkeypatch):
    monkeypatch.delenv("OIDC_PROVIDERS", raising=False)
    monkeypatch.setenv("OIDC_1_ID", "entra")
    monkeypatch.setenv("OIDC_1_NAME", "Microsoft Entra ID")
    monkeypatch.setenv("OIDC_1_ISSUER", "https://login.microsoftonline.com/tenant/v2.0/")
    monkeypatch.setenv("OIDC_1_CLIENT_ID", "abc")
    monkeypatch.setenv("OIDC_1_SECRET", "s")
    monkeypatch.setenv("OIDC_2_ISSUER", "https://keycloak.example/realms/x")
    monkeypatch.setenv("OIDC_2_CLIENT_ID", "k")
    assert oidc_providers_from_env() == [
        {
            "id": "entra",
            "name": "Microsoft Entra ID",
            "issuer": "https://login.microsoftonline.com/tenant/v2.0",
            "client_id": "abc",
            "secret": "s",
        },
        {"id": "oidc2", "name": "oidc2", "issuer": "https://keycloak.example/realms/x", "client_id": "k", "secret": ""},
    ]


def test_providers_from_json_and_their_errors(monkeypatch):
    monkeypatch.setenv("OIDC_PROVIDERS", '[{"name": "ADFS", "issuer": "https://adfs.example/adfs", "client_id": "c"}]')
    assert oidc_providers_from_env()[0]["id"] == "oidc1"
    monkeypatch.setenv("OIDC_PROVIDERS", '[{"name": "ADFS"}]')
    with pytest.raises(ImproperlyConfigured):
        oidc_providers_from_env()
    monkeypatch.setenv("OIDC_PROVIDERS", "not json")
    with pytest.raises(ImproperlyConfigured):
        oidc_providers_from_env()


def test_a_person_is_found_by_email_or_employee_number_never_created(world):
    employee = world.sales_employee
    assert matching.find_user({"email": employee.email.upper()}, "email") == employee.user
    assert matching.find_user({"email": world.admin.email}, "email") == world.admin  # a user without an employee
    employee.employee_number = "4711"
    employee.save()
    assert matching.find_user({"employee_id": "4711"}, "employee_id") == employee.user
    assert matching.find_user({"employee_id": "9999"}, "employee_id") is None
    assert matching.find_user({}, "email") is None
    # An employee without a user cannot sign in.
    assert matching.find_user({"email": world.sales_employee_2.email}, "email") is None
    employee.user.is_active = False
    employee.user.save()
    assert matching.find_user({"email": employee.email}, "email") is None


def test_nobody_signs_up(client):
    response = client.post("/konto/signup/", {"username": "new", "password1": "a-long-password-1"})
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="new").exists()


def test_local_login_off_refuses_a_password(client, world, settings):
    world.org_hr.set_password("secret-password-1")
    world.org_hr.save()
    settings.LOCAL_LOGIN = False
    assert 'name="password"' not in client.get("/konto/login/").content.decode()
    response = client.post("/konto/login/", {"login": "orghr", "password": "secret-password-1"})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302, 403, 405)
    assert not AuditEvent.objects.filter(action="auth.login").exists()
