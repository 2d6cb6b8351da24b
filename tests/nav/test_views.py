"""NAV pages: HR's integration page and the manager's plan sending, per role."""

from datetime import date, timedelta

import pytest
import requests
from django.urls import reverse

from cases.timeline import case_timeline_events
from followup_plans.models import PlanSharing
from nav.fake.samples import activity, sick_note
from nav.models import Integration, PlanSubmission, ReceivedSickNote
from tests.followup_plans.conftest import case, clock, completed, draft, employee, manager  # noqa: F401

FNR = "01019010046"
ORGNR = "974652277"

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client, settings, in_english):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def sales_unit(world):
    world.sales.business_number = ORGNR
    world.sales.save()
    return world.sales


def login(client, user):
    client.force_login(user)
    return client


def test_hr_sees_the_integration_page_with_units_and_waiting_notes(fake_nav, world, sales_unit, english):
    integration = Integration.objects.create(
        unit=sales_unit, enabled=True, last_error_code="unauthorized", last_error_at="2026-01-01T10:00:00Z"
    )
    ReceivedSickNote.objects.create(
        sykmelding_id="5b3f5d1e-8d0e-4b9a-a5b1-111111111111",
        loepenr=1,
        integration=integration,
        status="unmatched",
        problem="No employee has this national identity number.",
        name_on_note="Kari Nordmann",
        received_by_nav_at="2026-01-01T09:00:00Z",
        periods=[{"kind": "sick", "start": "2026-01-01", "end": "2026-01-05", "grade": 100}],
    )
    response = login(english, world.org_hr).get(reverse("nav:integrations"))
    content = response.content.decode()
    assert response.status_code == 200
    assert ORGNR in content and "Altinn" in content  # the last error, in words
    assert "Kari Nordmann" in content and "No employee has this national identity number." in content


@pytest.mark.parametrize("who", ["sales_manager", "sales_employee", "outsider"])
def test_others_do_not_see_the_integration_page(world, client, who):
    user = getattr(world, who)
    login(client, getattr(user, "user", user))
    assert client.get(reverse("nav:integrations")).status_code == 404


def test_unit_hr_does_not_see_units_outside_its_scope(world, client):
    world.support.business_number = "889640782"
    world.support.save()
    login(client, world.unit_hr)
    assert "889640782" not in client.get(reverse("nav:integrations")).content.decode()
    assert client.post(reverse("nav:integration_toggle", args=[world.support.pk]), {"enabled": "on"}).status_code == 404


def test_hr_switches_the_integration_on_and_fetches(fake_nav, world, sales_unit, client):
    world.sales_employee.national_id = FNR
    world.sales_employee.save()
    login(client, world.org_hr)
    client.post(reverse("nav:integration_toggle", args=[sales_unit.pk]), {"enabled": "on"})
    assert Integration.objects.get(unit=sales_unit).enabled
    today = date.today()
    requests.post(
        f"{fake_nav.url}/_fake/sykmeldinger",
        timeout=5,
        json=sick_note(
            fnr=FNR, orgnr=ORGNR, periods=[(today - timedelta(days=2), today + timedelta(days=5), activity())]
        ),
    )
    client.post(reverse("nav:integration_fetch", args=[sales_unit.pk]))
    assert ReceivedSickNote.objects.get().status == ReceivedSickNote.Status.RECORDED


def test_test_the_connection_says_whether_it_works(fake_nav, world, sales_unit, english, settings, tmp_path):
    login(english, world.org_hr)
    response = english.post(reverse("nav:integration_test", args=[sales_unit.pk]), follow=True)
    assert "The connection to NAV works." in response.content.decode()
    settings.MASKINPORTEN_CLIENT_ID = "someone-else"
    response = english.post(reverse("nav:integration_test", args=[sales_unit.pk]), follow=True)
    assert "does not work" in response.content.decode() and "Maskinporten" in response.content.decode()


def test_hr_retries_a_waiting_note_after_adding_the_number(fake_nav, world, sales_unit, client):
    integration = Integration.objects.create(unit=sales_unit, enabled=True)
    today = date.today()
    requests.post(
        f"{fake_nav.url}/_fake/sykmeldinger",
        timeout=5,
        json=sick_note(
            fnr=FNR, orgnr=ORGNR, periods=[(today - timedelta(days=2), today + timedelta(days=5), activity())]
        ),
    )
    from nav import sick_notes

    sick_notes.sick_notes_fetch(integration=integration)
    note = ReceivedSickNote.objects.get()
    assert note.waiting
    world.sales_employee.national_id = FNR
    world.sales_employee.save()
    login(client, world.org_hr).post(reverse("nav:sick_note_retry", args=[note.pk]))
    note.refresh_from_db()
    assert note.status == ReceivedSickNote.Status.RECORDED


def _version_url(version):
    return reverse("followup_plans:version", args=[version.plan.case_id, version.plan_id, version.number])


def test_manager_sends_an_approved_plan_and_sees_navs_status(
    fake_nav, world, completed, manager, english, django_capture_on_commit_callbacks
):
    world.sales_employee.national_id = FNR
    world.sales_employee.save()
    login(english, manager)
    page = english.get(_version_url(completed)).content.decode()
    assert 'data-testid="nav-send"' in page
    send_url = reverse("nav:plan_send", args=[completed.plan.case_id, completed.plan_id, completed.number])
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(
            send_url, {"to_nav": "on", "to_gp": "on", "nav_reason": PlanSharing.NavReason.BEFORE_DIALOGUE_MEETING}
        )
    response = english.get(response["Location"])
    content = response.content.decode()
    assert PlanSubmission.objects.get().status == PlanSubmission.Status.SENT
    assert "Received by NAV" in content
    events = {e.kind for e in case_timeline_events(completed.plan.case, user=manager)}
    assert "nav_plan_sent" in events
    # The same version again: refused in words, nothing sent.
    response = english.post(send_url, {"to_nav": "on", "nav_reason": "nav_asked"})
    assert "has been sent already" in response.content.decode()
    assert len(fake_nav.state.plans) == 1


def test_choosing_no_recipient_keeps_the_form(fake_nav, world, completed, manager, english):
    login(english, manager)
    send_url = reverse("nav:plan_send", args=[completed.plan.case_id, completed.plan_id, completed.number])
    response = english.post(send_url, {"nav_reason": "nav_asked"})
    assert response.status_code == 200 and "Choose NAV, the GP or both." in response.content.decode()


def test_a_refusal_shows_on_the_plan_in_words(
    fake_nav, world, completed, manager, english, django_capture_on_commit_callbacks
):
    world.sales_employee.national_id = FNR
    world.sales_employee.save()
    requests.post(
        f"{fake_nav.url}/_fake/faults",
        timeout=5,
        json={"path": "/api/v1/followupplan", "error": "GENERAL_PRACTITIONER_NOT_FOUND", "times": 1},
    )
    login(english, manager)
    send_url = reverse("nav:plan_send", args=[completed.plan.case_id, completed.plan_id, completed.number])
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(send_url, {"to_gp": "on"})
    assert "NAV found no general practitioner" in english.get(response["Location"]).content.decode()


@pytest.mark.parametrize("who", ["sales_employee", "support_manager", "outsider"])
def test_only_the_employer_side_may_send(world, completed, client, who):
    user = getattr(world, who)
    login(client, getattr(user, "user", user))
    send_url = reverse("nav:plan_send", args=[completed.plan.case_id, completed.plan_id, completed.number])
    assert client.post(send_url, {"to_gp": "on"}).status_code == 404
    assert not PlanSubmission.objects.exists()
