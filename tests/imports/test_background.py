"""A confirmed import runs in the background: progress for the page, bulk writes, one audit event per employee."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from imports import services
from imports.models import ImportBatch
from organisation.models import Employee

from .helpers import large_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(date(2026, 3, 2), tick=False):
        yield


def _upload(client, content) -> ImportBatch:
    client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("ansatte.csv", content)})
    return ImportBatch.objects.latest("pk")


def test_the_file_is_read_once_at_the_upload(client, world, monkeypatch):
    client.force_login(world.org_hr)
    batch = _upload(client, large_file(30))
    assert len(batch.parsed["rows"]) == 30 and bytes(batch.content) == b""

    def no_second_read(*args, **kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(services, "parse_file", no_second_read)
    for show in ["changes", "create", "units"]:
        assert client.get(reverse("imports:preview", args=[batch.pk]), {"show": show}).status_code == 200
    assert services.batch_plan(batch).counts["create"] == 30


def test_a_confirmed_import_shows_its_progress_until_the_worker_is_done(client, world):
    client.force_login(world.org_hr)
    batch = _upload(client, large_file(40))
    fingerprint = services.batch_plan(batch).fingerprint
    # No worker runs here: the confirmation is queued (transaction not committed yet, so the task waits).
    response = client.post(reverse("imports:confirm", args=[batch.pk]), {"fingerprint": fingerprint})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLYING and batch.applied_by == world.org_hr
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="import-progress"' in page and "0 of 40 rows written" in page
    assert client.get(reverse("imports:progress", args=[batch.pk])).json() == {
        "status": "applying",
        "done": 0,
        "total": 40,
    }
    # A second confirmation is refused while it runs.
    client.post(reverse("imports:confirm", args=[batch.pk]), {"fingerprint": fingerprint})
    assert "already been applied" in client.get(reverse("imports:upload")).content.decode()

    services.batch_apply_confirmed(batch.pk)  # what the worker runs
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED and batch.parsed == {}
    assert Employee.objects.filter(employee_number__gte="50000").count() == 40
    assert client.get(reverse("imports:progress", args=[batch.pk])).json()["status"] == "applied"
    services.batch_apply_confirmed(batch.pk)  # a redelivered task does nothing
    assert Employee.objects.filter(employee_number__gte="50000").count() == 40


def test_progress_is_reported_a_chunk_at_a_time(world, monkeypatch):
    monkeypatch.setattr(services, "CHUNK", 25)
    plan = services.plan_content(large_file(60), filename="x.csv", organisation=world.root.organisation, full=False)
    seen = []
    services.plan_apply(plan, by=world.org_hr, source={}, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(25, 60), (50, 60), (60, 60)]


def test_progress_of_another_organisations_import_is_refused(client, world):
    client.force_login(world.org_hr)
    batch = _upload(client, large_file(3))
    client.force_login(world.unit_hr)
    assert client.get(reverse("imports:progress", args=[batch.pk])).status_code == 404


@pytest.mark.parametrize("count", [300, 1200])
def test_writes_are_bulk_and_each_created_or_changed_employee_is_audited_once(world, count):
    organisation = world.root.organisation
    plan = services.plan_content(large_file(count), filename="x.csv", organisation=organisation, full=False)
    with CaptureQueriesContext(connection) as queries:
        services.plan_apply(plan, by=world.org_hr, source={"batch": 1})
    events = AuditEvent.objects.filter(action="employee.import_create")
    assert events.count() == count == events.values("employee").distinct().count()
    employee_inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "organisation_employee"')]
    audit_inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "audit_auditevent"')]
    assert len(employee_inserts) == -(-count // services.CHUNK)
    assert len(audit_inserts) == -(-count // 2000) + 1  # the employees' events, then the import's own

    # Change every other employee: one UPDATE per chunk, one event each.
    content = large_file(count).replace(b"Fornavn1", b"Endret1")
    again = services.plan_content(content, filename="x.csv", organisation=organisation, full=False)
    changed = again.counts["change"]
    assert changed > 0
    with CaptureQueriesContext(connection) as queries:
        services.plan_apply(again, by=world.org_hr, source={"batch": 2})
    assert AuditEvent.objects.filter(action="employee.import_change").count() == changed
    updates = [q for q in queries if q["sql"].startswith('UPDATE "organisation_employee"')]
    assert len(updates) <= -(-count // services.CHUNK) + 1  # the changed rows' chunks, and the managers


def test_the_confirmed_preview_is_recognised_in_another_language(world):
    from django.utils import translation

    organisation = world.root.organisation
    content = large_file(5)
    with translation.override("en"):
        english = services.plan_content(content, filename="x.csv", organisation=organisation, full=False)
    with translation.override("nb"):
        norwegian = services.plan_content(content, filename="x.csv", organisation=organisation, full=False)
    shown = {c.field: c.after for c in english.rows[0].changes}
    assert shown["employment_start"] != {c.field: c.after for c in norwegian.rows[0].changes}["employment_start"]
    assert english.fingerprint == norwegian.fingerprint
    changed = services.plan_content(
        content.replace(b"Fornavn1;", b"Annet;"), filename="x.csv", organisation=organisation, full=False
    )
    assert changed.fingerprint != english.fingerprint
