"""The employee's own view (innsyn, GDPR art. 15): all that is held about them, who read it, as one file."""

import json
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from audit.models import AuditEvent
from cases import services
from cases.models import Case
from sykefravaer import innsyn

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture
def case(world, make_case):
    case = make_case(
        world.sales_employee,
        ("sick", date(2026, 2, 20), date(2026, 3, 31), 100),
        by=world.sales_manager.user,
        today=TODAY,
    )
    with time_machine.travel(TODAY, tick=False):
        services.conversation_record(
            case=case,
            by=world.sales_manager.user,
            held_on=TODAY,
            work_ability="Kan ta telefoner hjemmefra.",
            private_note="Bare for lederen: PRIVATNOTAT",
        )
    return case


def _user(world, who):
    value = getattr(world, who)
    return value.user if hasattr(value, "user") else value


@pytest.mark.parametrize(
    "who, status",
    [
        ("sales_employee", 200),
        ("sales_manager", 200),
        ("org_hr", 404),
        ("unit_hr", 404),
        ("admin", 404),
        ("outsider", 404),
    ],
)
def test_only_an_employee_opens_their_own_data(client, world, case, who, status):
    client.force_login(_user(world, who))
    for url in [reverse("my_data"), reverse("my_data_download", args=["json"])]:
        assert client.get(url).status_code == status, url
    if status == 200:
        # The manager is an employee too: they see their own data, never their staff's.
        data = json.loads(client.get(reverse("my_data_download", args=["json"])).content)
        assert data["employee"]["name"] == getattr(world, who).full_name
    assert client.get("/min-side/mine-data.xml").status_code == 404


@time_machine.travel(TODAY, tick=False)
def test_the_employee_sees_who_read_their_case_and_when(client, world, case):
    client.force_login(world.sales_manager.user)
    client.get(reverse("cases:detail", args=[case.pk]))
    client.force_login(world.org_hr)
    client.get(reverse("cases:detail", args=[case.pk]))
    client.force_login(world.sales_employee.user)
    client.get(reverse("cases:detail", args=[case.pk]))  # their own read is not listed
    client.cookies["sykefravaer_language"] = "en"
    page = client.get(reverse("employee_start"))
    reads = page.context["reads"]
    assert [(r.name, r.role, r.what) for r in reads if r.what == "Read your case"] == [
        ("orghr", "HR", "Read your case"),
        (world.sales_manager.full_name, "Nearest manager", "Read your case"),
    ]
    assert all(r.at.date() == TODAY for r in reads)
    assert world.sales_manager.full_name in page.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_the_download_holds_everything_but_the_private_note(client, world, case):
    client.force_login(world.sales_manager.user)
    client.get("/leder/")  # a list read naming the employee
    client.force_login(world.sales_employee.user)
    response = client.get(reverse("my_data_download", args=["json"]))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert "PRIVATNOTAT" not in text
    data = json.loads(text)
    assert data["periods"][0]["start"] == "2026-02-20" and data["periods"][0]["grade"] == 100
    [held] = data["cases"]
    assert held["start"] == "2026-02-20"
    assert {m["key"] for m in held["milestones"]} >= {"first_conversation", "followup_plan"}
    assert held["conversations"][0]["work_ability"] == "Kan ta telefoner hjemmefra."
    for key in ("plans", "meetings", "self_certifications", "reads", "retention_days"):
        assert key in data
    whats = {r["what"] for r in data["reads"]}
    assert any("list" in w or "liste" in w for w in whats)  # the manager saw them on the start page
    page = client.get(reverse("my_data")).content.decode()
    assert "Kan ta telefoner hjemmefra." in page and "PRIVATNOTAT" not in page
    assert AuditEvent.objects.filter(action="innsyn.download", employee=world.sales_employee).exists()


@time_machine.travel(TODAY, tick=False)
def test_the_pdf_is_a_pdf_with_the_employee_in_it(client, world, case):
    client.force_login(world.sales_employee.user)
    response = client.get(reverse("my_data_download", args=["pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"


def test_closed_cases_show_their_deletion_date(world, make_case, settings):
    settings.CASE_RETENTION_DAYS = 730
    case = make_case(world.sales_employee, ("sick", date(2024, 1, 8), date(2024, 1, 19), 100), today=date(2024, 1, 8))
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED)
    data = innsyn.my_data(world.sales_employee)
    # Over 16 days after 19 January 2024 (4 February), kept 730 days after: deleted from 4 February 2026.
    assert [(c.pk, day) for c, day in data.deletions] == [(case.pk, date(2026, 2, 4))]
