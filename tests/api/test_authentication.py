from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.models import ApiToken, hash_key

pytestmark = pytest.mark.django_db

URL = "/api/v1/employees/"


def get(key: str | None = None, header: str | None = None, language: str = "en"):
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if header is not None:
        client.credentials(HTTP_AUTHORIZATION=header)
    elif key is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client.get(URL)


def test_without_credentials_the_answer_is_401_json(world):
    response = get()
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["code"] == "not_authenticated"


def test_a_valid_key_acts_as_its_user_and_notes_its_use(world, key_for):
    key = key_for(world.org_hr)
    response = get(key)
    assert response.status_code == 200 and response.json()["count"] == 6
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    assert get(header=f"Token {key}").status_code == 200


def test_only_the_hash_of_the_key_is_stored(world, key_for):
    key = key_for(world.org_hr)
    token = ApiToken.objects.get()
    assert key.startswith("sf_") and len(key) > 40
    assert token.key_hash == hash_key(key) and key not in (token.key_hash, token.prefix)
    assert token.prefix == key[:10]


@pytest.mark.parametrize("problem", ["unknown", "revoked", "expired", "inactive_user", "malformed"])
def test_unusable_keys_are_refused(world, key_for, problem):
    key = key_for(world.org_hr)
    header = None
    if problem == "unknown":
        key = "sf_" + "x" * 43
    elif problem == "revoked":
        ApiToken.objects.update(revoked=True)
    elif problem == "expired":
        ApiToken.objects.update(expires_at=datetime.now(UTC) - timedelta(minutes=1))
    elif problem == "inactive_user":
        world.org_hr.is_active = False
        world.org_hr.save()
    elif problem == "malformed":
        header = f"Bearer {key} extra"
    response = get(key, header=header)
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert response.json()["detail"]


def test_a_key_that_expires_later_works(world, key_for):
    key = key_for(world.org_hr, expires_at=datetime.now(UTC) + timedelta(days=1))
    assert get(key).status_code == 200


def test_errors_are_in_the_request_language(world):
    assert get(language="nb").json()["detail"] == "Manglende autentiseringsinformasjon."
    assert get(language="en").json()["detail"] == "Authentication credentials were not provided."


def test_the_site_session_works_for_reading_and_needs_csrf_for_writing(world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.org_hr)
    assert client.get(URL).status_code == 200
    response = client.post(
        "/api/v1/periods/",
        {"employee": world.sales_employee.pk, "start": "2026-03-01", "end": "2026-03-02"},
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied" and "CSRF" in response.json()["detail"]


def test_admin_creates_a_key_shown_once(client, world):
    client.force_login(world.admin)
    response = client.post(reverse("admin:api_apitoken_add"), {"name": "Lønnssystem", "user": world.org_hr.pk})
    assert response.status_code == 200
    key = response.context["key"]
    assert key in response.content.decode()
    token = ApiToken.objects.get()
    assert token.created_by == world.admin and token.user == world.org_hr
    assert get(key).status_code == 200
    # Never again: the change page does not have it.
    page = client.get(reverse("admin:api_apitoken_change", args=[token.pk])).content.decode()
    assert key not in page and token.prefix in page


def test_admin_revokes_keys_and_revoking_is_logged(client, world, key_for):
    from audit.models import AuditEvent

    key = key_for(world.org_hr)
    token = ApiToken.objects.get()
    client.force_login(world.admin)
    client.post(reverse("admin:api_apitoken_changelist"), {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked
    assert AuditEvent.objects.filter(action="api_token.revoke", actor=world.admin).exists()
    assert get(key).status_code == 401


def test_a_revoked_key_cannot_be_made_usable_again_in_the_admin(client, world, key_for):
    key = key_for(world.org_hr)
    token = ApiToken.objects.get()
    ApiToken.objects.update(revoked=True)
    client.force_login(world.admin)
    client.post(
        reverse("admin:api_apitoken_change", args=[token.pk]), {"name": "Ny", "expires_at_0": "", "expires_at_1": ""}
    )
    token.refresh_from_db()
    assert token.revoked and token.name == "Ny"
    assert get(key).status_code == 401


@pytest.mark.parametrize("who", ["org_hr", "unit_hr", "sales_manager"])
def test_only_administrators_manage_keys(client, world, who):
    from .conftest import user_of

    user = user_of(world, who)
    user.is_staff = True
    user.save()
    client.force_login(user)
    # The administration site sends anyone but administrators to its log-in page.
    assert client.get(reverse("admin:api_apitoken_changelist")).status_code in (302, 403)
    assert client.post(reverse("admin:api_apitoken_add"), {"name": "x", "user": user.pk}).status_code in (302, 403)
    assert not ApiToken.objects.exists()
