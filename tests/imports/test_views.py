from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from imports import services
from imports.models import ImportBatch
from organisation.models import Employee, Organisation
from tests.factories import HRAccessFactory, UserFactory

from .helpers import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


NEW_ROW = [
    "912345602",
    "9001",
    "Nina",
    "Ny",
    "nina@example.no",
    "Root/Sales/Nytt team",
    "",
    "01.02.2026",
    "",
    "80",
    "nb",
]


def upload(client, content, name="ansatte.csv", full=False, **extra):
    data = {"file": SimpleUploadedFile(name, content), **extra}
    if full:
        data["full"] = "on"
    return client.post(reverse("imports:upload"), data)


# Upload page: HR with the whole organisation and administrators; everyone else is refused.
UPLOAD_PAGE = {
    "org_hr": 200,
    "admin": 200,
    "unit_hr": 404,
    "sales_manager": 404,
    "support_manager": 404,
    "sales_employee": 404,
    "outsider": 404,
}


@pytest.mark.parametrize("who, status", UPLOAD_PAGE.items())
def test_upload_page_access(client, world, who, status, user_of):
    user = user_of(who)
    client.force_login(user)
    assert client.get(reverse("imports:upload")).status_code == status
    assert client.get(reverse("imports:example_file")).status_code == status
    if status == 404:
        assert AuditEvent.objects.filter(actor=user, action="access.denied").exists()
        assert upload(client, csv_bytes([NEW_ROW])).status_code == 404
        assert not ImportBatch.objects.exists()


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(reverse("imports:upload"))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


@pytest.fixture
def batch(world):
    return services.batch_create(
        organisation=world.root.organisation,
        filename="ansatte.csv",
        content=csv_bytes([NEW_ROW]),
        full=False,
        by=world.org_hr,
    )


@pytest.mark.parametrize(
    "who, status",
    [
        ("org_hr", 200),
        ("admin", 200),
        ("unit_hr", 404),
        ("sales_manager", 404),
        ("sales_employee", 404),
        ("outsider", 404),
    ],
)
def test_preview_confirm_and_discard_access(client, world, batch, who, status, user_of):
    user = user_of(who)
    client.force_login(user)
    assert client.get(reverse("imports:preview", args=[batch.pk])).status_code == status
    if status == 404:
        assert AuditEvent.objects.filter(actor=user, action="access.denied", detail__object="import").exists()
        assert client.post(reverse("imports:confirm", args=[batch.pk])).status_code == 404
        assert client.post(reverse("imports:discard", args=[batch.pk])).status_code == 404
        batch.refresh_from_db()
        assert batch.status == ImportBatch.Status.PREVIEWED
        assert not Employee.objects.filter(employee_number="9001").exists()


def test_hr_of_another_organisation_cannot_see_the_upload(client, world, batch):
    other = Organisation.objects.create(name="Annen AS", org_number="974760673")
    user = UserFactory(username="otherhr")
    HRAccessFactory(user=user, organisation=other, whole_organisation=True)
    client.force_login(user)
    assert client.get(reverse("imports:upload")).status_code == 200
    assert client.get(reverse("imports:preview", args=[batch.pk])).status_code == 404


def test_upload_preview_confirm_and_import_again(client, world, confirm):
    client.force_login(world.org_hr)
    response = upload(client, csv_bytes([NEW_ROW]))
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("imports:preview", args=[batch.pk])
    assert batch.created_by == world.org_hr and batch.sha256 == services.sha256(csv_bytes([NEW_ROW]))
    page = client.get(response["Location"]).content.decode()
    assert 'data-count="create">1<' in page and 'data-count="new_units">1<' in page
    assert "Root / Sales / Nytt team" in page
    assert not Employee.objects.filter(employee_number="9001").exists()  # nothing written before confirming

    fingerprint = services.batch_plan(batch).fingerprint
    response = confirm(client, batch, {"fingerprint": fingerprint})
    assert Employee.objects.get(employee_number="9001").unit.name == "Nytt team"
    assert 'data-testid="import-applied"' in response.content.decode()
    assert AuditEvent.objects.filter(action="import.applied", actor=world.org_hr).exists()

    upload(client, csv_bytes([NEW_ROW]))
    again = ImportBatch.objects.latest("pk")
    page = client.get(reverse("imports:preview", args=[again.pk])).content.decode()
    assert 'data-count="unchanged">1<' in page and 'data-count="create">0<' in page


def test_xlsx_upload_previews(client, world):
    client.force_login(world.org_hr)
    response = upload(
        client,
        xlsx_bytes([[912345602, 9001, "Nina", "Ny", "", "Sales", None, date(2026, 2, 1), None, 100, "nb"]]),
        name="ansatte.xlsx",
    )
    page = client.get(response["Location"]).content.decode()
    assert 'data-count="create">1<' in page and 'data-count="errors">0<' in page


def test_errors_are_listed_with_line_and_column_and_block_the_import(client, world, confirm):
    client.force_login(world.org_hr)
    bad = NEW_ROW.copy()
    bad[7] = "31.02.2026"
    response = upload(client, csv_bytes([NEW_ROW, bad]))
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="import-has-errors"' in page
    assert '<td>3</td><td class="font-monospace">employee_number</td>' in page
    assert '<td>3</td><td class="font-monospace">employment_start</td>' in page
    assert 'data-testid="import-confirm"' not in page
    batch = ImportBatch.objects.get()
    response = confirm(client, batch, {})
    assert "nothing was imported" in response.content.decode()
    assert not Employee.objects.filter(employee_number="9001").exists()


def test_missing_column_is_shown(client, world):
    client.force_login(world.org_hr)
    response = upload(client, b"employee_number;first_name;last_name;unit\n1;A;B;Sales\n")
    page = client.get(response["Location"]).content.decode()
    assert "The column employment_start is missing." in page


def test_a_stale_preview_is_not_applied(client, world, batch, confirm):
    client.force_login(world.org_hr)
    response = confirm(client, batch, {"fingerprint": "old"})
    assert "changed since the preview" in response.content.decode()
    assert not Employee.objects.filter(employee_number="9001").exists()


def test_discard_forgets_the_file(client, world, batch):
    client.force_login(world.org_hr)
    client.post(reverse("imports:discard", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DISCARDED and bytes(batch.content) == b""
    assert client.get(reverse("imports:preview", args=[batch.pk])).status_code == 200


def test_full_import_checkbox_marks_the_missing_as_leaving(client, world):
    client.force_login(world.org_hr)
    response = upload(client, csv_bytes([NEW_ROW]), full=True)
    page = client.get(response["Location"] + "?show=deactivate").content.decode()
    assert 'data-count="deactivate">6<' in page
    assert "Supportemployee Test" in page


def test_preview_pages_through_a_large_file(client, world):
    from .helpers import large_file

    client.force_login(world.org_hr)
    response = upload(client, large_file(120))
    page = client.get(response["Location"] + "?show=create&page=3").content.decode()
    assert page.count('data-action="create"') == 20
    assert "Page 3 of 3" in page or "Side 3 av 3" in page


def test_organisation_choice_only_lists_importable_organisations(client, world):
    Organisation.objects.create(name="Annen AS", org_number="974760673")
    client.force_login(world.org_hr)
    page = client.get(reverse("imports:upload")).content.decode()
    assert "Annen AS" not in page
    other = Organisation.objects.get(org_number="974760673")
    upload(client, csv_bytes([NEW_ROW]), organisation=other.pk)
    assert ImportBatch.objects.get().organisation == world.root.organisation


def test_administrators_choose_the_organisation(client, world):
    other = Organisation.objects.create(name="Annen AS", org_number="974760673")
    client.force_login(world.admin)
    page = client.get(reverse("imports:upload")).content.decode()
    assert "Annen AS" in page and "Testbedriften AS" in page
    assert upload(client, csv_bytes([NEW_ROW])).status_code == 200  # the choice is required
    upload(client, csv_bytes([NEW_ROW]), organisation=other.pk)
    batch = ImportBatch.objects.get()
    assert batch.organisation == other
    page = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "not this import&#x27;s organisation" in page


def test_wrong_file_type_is_refused(client, world):
    client.force_login(world.org_hr)
    response = upload(client, b"hello", name="ansatte.pdf")
    assert response.status_code == 200
    assert not ImportBatch.objects.exists()
