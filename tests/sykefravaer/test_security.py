"""Headers that keep health data out of caches and scripts out of pages."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from api.models import ApiToken
from api.services import token_create
from followup_plans import services as plans

from .test_no_inline_script import INLINE_SCRIPT

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture
def case(world, make_case):
    return make_case(
        world.sales_employee,
        ("sick", date(2026, 2, 20), date(2026, 3, 31), 100),
        by=world.sales_manager.user,
        today=TODAY,
    )


def _no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


@time_machine.travel(TODAY, tick=False)
def test_every_authenticated_response_is_no_store_private(client, world, case):
    manager = world.sales_manager.user
    client.force_login(manager)
    for url in [reverse("cases:detail", args=[case.pk]), reverse("home"), "/ansatte/"]:
        response = client.get(url, follow=url == reverse("home"))
        assert response.status_code == 200, url
        assert _no_store(response), url
    version = plans.plan_start(case=case, by=manager)
    pdf = client.get(
        reverse("followup_plans:pdf", kwargs={"case_pk": case.pk, "plan_pk": version.plan_id, "number": version.number})
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert _no_store(pdf)
    # A refusal is no different: a 404 to a signed-in user is not cached either.
    assert _no_store(client.get(reverse("cases:detail", args=[case.pk + 1000])))


@time_machine.travel(TODAY, tick=False)
def test_the_api_by_key_and_by_session_is_no_store(client, world, case):
    key = token_create(token=ApiToken(name="Test", user=world.org_hr), by=None)[1]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    for url in ["/api/v1/cases/", f"/api/v1/cases/{case.pk}/", "/api/v1/employees/"]:
        response = api.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url
    # A wrong key gets no data, and its answer is not stored either.
    api.credentials(HTTP_AUTHORIZATION="Bearer sf_wrong")
    assert _no_store(api.get("/api/v1/cases/"))
    client.force_login(world.org_hr)
    assert _no_store(client.get("/api/v1/cases/"))


def _policy(response) -> dict[str, set[str]]:
    header = response["Content-Security-Policy"]
    return {name: set(values) for name, *values in (part.split() for part in header.split(";") if part.strip())}


@time_machine.travel(TODAY, tick=False)
def test_every_page_has_a_policy_without_inline_script_or_framing(client, world, case):
    for url in ["/konto/login/", "/api/v1/cases/"]:
        assert _policy(client.get(url))["default-src"] == {"'self'"}, url
    client.force_login(world.sales_manager.user)
    policy = _policy(client.get(reverse("cases:detail", args=[case.pk])))
    assert policy["default-src"] == {"'self'"}
    assert policy["frame-ancestors"] == {"'none'"}
    for directive in ("script-src", "style-src"):
        assert directive not in policy  # default-src 'self' holds: no 'unsafe-inline', no other host
    assert "unsafe" not in client.get(reverse("cases:detail", args=[case.pk]))["Content-Security-Policy"]
    client.force_login(world.admin)
    assert _policy(client.get("/admin/"))["frame-ancestors"] == {"'none'"}


def test_the_api_docs_load_their_script_from_a_url_not_inline(client, world):
    client.force_login(world.org_hr)
    page = client.get(reverse("api:docs"))
    assert page.status_code == 200
    html = page.content.decode()
    assert not INLINE_SCRIPT.search(html)
    script = client.get(reverse("api:docs") + "?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
