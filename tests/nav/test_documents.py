"""Documents from NAV (syfo-dokumentporten): letters and plans land on the case as PDFs; a DM letter becomes a task
to confirm the date, which drives the plan-to-NAV deadline."""

from datetime import UTC, date, datetime, timedelta

import pytest
import requests
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.timeline import case_timeline_events
from dialog_meetings.models import DialogMeeting
from nav import documents, fetching
from nav.fake.samples import dialogue_meeting_letter, letter_pdf
from nav.models import Integration, NavDocument

FNR = "01019010046"
ORGNR = "974652277"

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world, make_case):
    world.sales.business_number = ORGNR
    world.sales.save()
    Integration.objects.create(unit=world.sales, enabled=True)
    employee = world.sales_employee
    employee.national_id = FNR
    employee.save()
    return make_case(employee, ("sick", date.today() - timedelta(days=60), date.today() + timedelta(days=60), 100))


def letter(fake, **kwargs):
    document = dialogue_meeting_letter(
        fnr=FNR, orgnr=ORGNR, name="Kari Nordmann", meeting_at=datetime.now() + timedelta(days=30), **kwargs
    )
    fake.state.documents.append(document)
    return document


def test_a_dialogue_meeting_letter_lands_on_the_case_as_a_pdf_with_a_task(fake_nav, world, case):
    sent = letter(fake_nav)
    assert documents.documents_fetch(integration=Integration.objects.get()) == 1
    stored = NavDocument.objects.get()
    assert (stored.case, stored.employee, stored.doc_type) == (case, world.sales_employee, "DIALOGMOTE")
    assert bytes(stored.content) == sent["pdf"] and bytes(stored.content).startswith(b"%PDF-")
    assert stored.date_state == NavDocument.DateState.TO_CONFIRM
    # Fetched again: nothing new, nothing twice.
    assert documents.documents_fetch(integration=Integration.objects.get()) == 0
    assert NavDocument.objects.count() == 1
    events = [e for e in case_timeline_events(case, user=world.org_hr) if e.kind == "nav_document"]
    assert len(events) == 1 and events[0].url.endswith(f"/dokument/{stored.pk}/")
    assert AuditEvent.objects.filter(action="nav.document.received").count() == 1
    assert FNR not in str(list(AuditEvent.objects.values_list("detail", flat=True)))
    paths = [e["path"] for e in fake_nav.state.exchanges]
    assert (
        f"/api/v1/documents/{sent['documentId']}/details" in paths
        and f"/api/v1/documents/{sent['documentId']}" in paths
    )


def test_confirming_the_dm2_date_records_navs_meeting_and_moves_the_plan_deadline(fake_nav, world, case):
    letter(fake_nav)
    documents.documents_fetch(integration=Integration.objects.get())
    stored = NavDocument.objects.get()
    starts = timezone.make_aware(
        datetime.combine(date.today() + timedelta(days=30), datetime.min.time()).replace(hour=10)
    )
    documents.meeting_date_confirm(
        document=stored, by=world.sales_manager.user, kind="dm2", starts_at=starts, ends_at=starts + timedelta(hours=1)
    )
    stored.refresh_from_db()
    case.refresh_from_db()
    assert stored.date_state == NavDocument.DateState.CONFIRMED
    meeting = DialogMeeting.objects.get(case=case)
    assert (meeting.kind, meeting.starts_at) == ("dm2", starts) and stored.meeting == meeting
    assert case.dm2_date == starts.date()
    assert case.milestones.get(key="plan_to_nav").due == starts.date() - timedelta(days=7)
    with pytest.raises(documents.DocumentError):
        documents.meeting_date_confirm(
            document=stored,
            by=world.sales_manager.user,
            kind="dm2",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
        )


def test_a_letter_that_changes_the_date_moves_the_meeting(fake_nav, world, case):
    letter(fake_nav, created=datetime.now(UTC) - timedelta(days=2))
    letter(fake_nav)
    documents.documents_fetch(integration=Integration.objects.get())
    first, second = NavDocument.objects.order_by("created_at_nav")
    starts = timezone.now().replace(microsecond=0) + timedelta(days=20)
    documents.meeting_date_confirm(
        document=first, by=world.sales_manager.user, kind="dm2", starts_at=starts, ends_at=starts + timedelta(hours=1)
    )
    later = starts + timedelta(days=5)
    documents.meeting_date_confirm(
        document=second, by=world.sales_manager.user, kind="dm2", starts_at=later, ends_at=later + timedelta(hours=1)
    )
    assert DialogMeeting.objects.get(case=case).starts_at == later
    case.refresh_from_db()
    assert case.dm2_date == timezone.localtime(later).date()


def test_plans_from_navs_tool_are_kept_and_pages_follow_the_last_created(fake_nav, world, case):
    for n in range(52):
        fake_nav.state.documents.append(
            {
                "documentId": f"00000000-0000-4000-8000-{n:012d}",
                "type": "OPPFOLGINGSPLAN",
                "contentType": "application/pdf",
                "fnr": FNR,
                "fullName": "Kari",
                "orgNumber": ORGNR,
                "title": "Oppfølgingsplan",
                "summary": "",
                "pdf": letter_pdf("Oppfølgingsplan", [str(n)]),
                "created": datetime(2026, 1, 1, 8, n, tzinfo=UTC).isoformat(),
            }
        )
    assert documents.documents_fetch(integration=Integration.objects.get()) == 52
    assert (
        NavDocument.objects.filter(doc_type="OPPFOLGINGSPLAN", case=case, date_state=NavDocument.DateState.NONE).count()
        == 52
    )
    lists = [
        e["query"]
        for e in fake_nav.state.exchanges
        if e["path"] == "/api/v1/documents" and "OPPFOLGINGSPLAN" in e["query"]
    ]
    assert len(lists) == 2 and "2026-01-01T08%3A49%3A00Z" in lists[1]


def test_a_failure_is_kept_on_the_integration_in_words(fake_nav, world, case, in_english):
    requests.post(f"{fake_nav.url}/_fake/faults", json={"path": "/api/v1/documents", "error": "500"}, timeout=5)
    letter(fake_nav)
    results = fetching.fetch_for(Integration.objects.get())
    assert results["documents"] == "INTERNAL_SERVER_ERROR"
    integration = Integration.objects.get()
    assert "technical error" in integration.last_error
    assert not NavDocument.objects.exists()


def test_the_pdf_opens_for_the_manager_and_not_for_others(fake_nav, world, case, client):
    letter(fake_nav)
    documents.documents_fetch(integration=Integration.objects.get())
    stored = NavDocument.objects.get()
    client.force_login(world.sales_manager.user)
    response = client.get(reverse("nav:document_pdf", args=[case.pk, stored.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-testid="nav-date-task"' in page
    client.force_login(world.support_manager.user)
    assert client.get(reverse("nav:document_pdf", args=[case.pk, stored.pk])).status_code == 404
    assert AuditEvent.objects.filter(action="nav.document.read").count() == 1


def test_the_manager_confirms_the_date_on_the_page(fake_nav, world, case, client):
    letter(fake_nav)
    documents.documents_fetch(integration=Integration.objects.get())
    stored = NavDocument.objects.get()
    client.force_login(world.sales_manager.user)
    url = reverse("nav:document_confirm", args=[case.pk, stored.pk])
    assert client.get(url).status_code == 200
    day = date.today() + timedelta(days=25)
    response = client.post(url, {"kind": "dm2", "date": day.isoformat(), "start_time": "10:00", "end_time": "11:00"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.dm2_date == day
    # The employee cannot confirm dates on their own case, nor open the employer's letters.
    client.force_login(world.sales_employee.user)
    assert client.get(url).status_code == 404
    assert client.get(reverse("nav:document_pdf", args=[case.pk, stored.pk])).status_code == 404
