"""The occupational health service: registered by HR, involved in a case, invited to dialogue meeting 1."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from dialog_meetings import services as meeting_services
from dialog_meetings.models import Participant
from routines import bht
from routines.models import BhtInvolvement, OccupationalHealthService, RoutineSettings

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(world):
    return bht.bht_register(
        organisation=world.root.organisation,
        by=world.org_hr,
        name="Agder BHT",
        contact_person="Kari Lege",
        email="post@agder-bht.example",
    )


@pytest.fixture
def meeting(world, long_case, frozen):
    starts = timezone.make_aware(datetime.combine(TODAY + timedelta(days=5), datetime.min.time())) + timedelta(hours=9)
    return meeting_services.meeting_invite(
        case=long_case,
        by=world.sales_manager.user,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        place="Møterom 2",
    )


def test_hr_for_the_whole_organisation_registers_the_service(client, world):
    client.force_login(world.org_hr)
    response = client.post(
        reverse("routines:settings"),
        {
            "what": "bht",
            "b-name": "Agder BHT",
            "b-contact_person": "",
            "b-email": "post@agder-bht.example",
            "b-phone": "",
        },
    )
    assert response.status_code == 302
    assert OccupationalHealthService.objects.get(organisation=world.root.organisation).name == "Agder BHT"
    client.force_login(world.unit_hr)
    assert client.get(reverse("routines:settings")).status_code == 404


def test_the_manager_records_involvement_on_the_timeline(client, world, long_case, service, frozen):
    client.force_login(world.sales_manager.user)
    response = client.post(
        reverse("routines:bht_involvement", args=[long_case.pk]),
        {"kind": "workplace_assessment", "on": TODAY.isoformat(), "note": ""},
    )
    assert response.status_code == 302
    assert BhtInvolvement.objects.get(case=long_case).kind == "workplace_assessment"
    page = client.get(reverse("cases:detail", args=[long_case.pk])).content.decode()
    assert "Agder BHT" in page and "Gjorde en arbeidsplassvurdering" in page
    client.force_login(world.support_manager.user)
    assert client.get(reverse("routines:bht_involvement", args=[long_case.pk])).status_code == 404


def test_invite_to_dm1_needs_the_employees_consent_and_sends_the_invitation(
    client, world, long_case, service, meeting, frozen, django_capture_on_commit_callbacks
):
    client.force_login(world.sales_manager.user)
    url = reverse("routines:bht_invite", args=[long_case.pk])
    refused = client.post(url, {})
    assert refused.status_code == 200 and not Participant.objects.filter(role="ohs").exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"consent": "on"})
    assert response.status_code == 302
    participant = Participant.objects.get(meeting=meeting, role=Participant.Role.OHS)
    assert participant.email == "post@agder-bht.example"
    assert participant.consent_at is not None and participant.consent_recorded_by == world.sales_manager.user
    assert len(mail.outbox) == 1 and "post@agder-bht.example" in mail.outbox[0].to[0]
    assert AuditEvent.objects.filter(action="routines.bht.invited").exists()
    with pytest.raises(bht.BhtError):
        bht.bht_invite_to_dm1(case=long_case, by=world.sales_manager.user, consent=True)


def test_no_invite_without_a_planned_meeting_or_a_registered_service(world, long_case, frozen):
    with pytest.raises(bht.BhtError) as error:
        bht.bht_invite_to_dm1(case=long_case, by=world.sales_manager.user, consent=True)
    assert error.value.code == "no_bht"


def test_hrs_routine_page_shows_the_three_steps_and_switches_them_off(client, world):
    client.force_login(world.org_hr)
    page = client.get(reverse("hr:routine")).content.decode()
    for key in ("letter", "flags", "bht"):
        assert f'data-testid="routine-step-{key}" data-active="true"' in page
    assert client.post(reverse("routines:toggle", args=["bht"]), {"enabled": "0"}).status_code == 302
    assert RoutineSettings.objects.get(organisation=world.root.organisation).bht_enabled is False
    assert 'data-testid="routine-step-bht" data-active="false"' in client.get(reverse("hr:routine")).content.decode()
    client.force_login(world.unit_hr)
    assert client.post(reverse("routines:toggle", args=["letter"]), {"enabled": "0"}).status_code == 404
