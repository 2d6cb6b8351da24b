"""The deadline dashboard, HR's start page: scope, order, filters, counts, queries and exports."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditEvent
from cases import services

from ..factories import EmployeeFactory
from .conftest import TODAY

pytestmark = pytest.mark.django_db


PAGES = ["hr_start", "hr:statistics", "hr:compliance", "hr:routine", "hr:quality"]


@pytest.mark.parametrize(
    "who, status",
    [
        ("org_hr", 200),
        ("unit_hr", 200),
        ("sales_manager", 404),
        ("sales_employee", 404),
        ("support_manager", 404),
        ("admin", 404),
        ("outsider", 404),
    ],
)
@pytest.mark.parametrize("page", PAGES)
def test_only_hr_opens_the_hr_pages(client, world, cases, who, status, page, user_of):
    client.force_login(user_of(who))
    assert client.get(reverse(page)).status_code == status


@pytest.mark.parametrize(
    "who, status", [("org_hr", 200), ("sales_manager", 404), ("sales_employee", 404), ("admin", 404)]
)
@pytest.mark.parametrize("name", ["hr:dashboard_export", "hr:statistics_export"])
def test_only_hr_exports(client, world, cases, who, status, name, user_of):
    client.force_login(user_of(who))
    for fmt in ("csv", "xlsx"):
        assert client.get(reverse(name, args=[fmt])).status_code == status


def _rows(response):
    return [row["case"] for row in response.context["page"].object_list]


def test_every_open_case_with_its_next_milestone_most_overdue_first(client, world, cases):
    client.force_login(world.org_hr)
    response = client.get(reverse("hr_start"))
    rows = response.context["page"].object_list
    assert [r["case"].pk for r in rows] == [cases["sales"].pk, cases["north"].pk, cases["support"].pk]
    assert [(r["case"].next_key, r["state"]) for r in rows] == [
        ("followup_plan", "overdue"),
        ("first_conversation", "due_soon"),
        ("followup_plan", "upcoming"),
    ]
    assert rows[0]["days_overdue"] == 12  # due 18 February (day 28), today 2 March
    assert rows[0]["day"] == 40
    assert response.context["counts"] == {"open": 3, "overdue": 1, "due_soon": 1, "upcoming": 1, "none": 0}
    content = response.content.decode()
    assert reverse("cases:detail", args=[cases["sales"].pk]) in content
    assert 'data-testid="start-page" data-role="hr"' in content


def test_unit_hr_sees_only_its_units_with_sub_units(client, world, cases):
    client.force_login(world.unit_hr)
    response = client.get(reverse("hr_start"))
    assert {c.pk for c in _rows(response)} == {cases["sales"].pk, cases["north"].pk}
    assert response.context["counts"]["open"] == 2
    # A unit outside the scope is not a choice, and is ignored.
    response = client.get(reverse("hr_start"), {"unit": world.support.pk})
    assert {c.pk for c in _rows(response)} == {cases["sales"].pk, cases["north"].pk}


def test_closed_and_long_finished_cases_are_not_shown(client, world, make_case, cases):
    old = make_case(world.sales_employee_2, ("sick", date(2025, 10, 1), date(2025, 10, 20), 100), today=TODAY)
    client.force_login(world.org_hr)
    assert old.pk not in {c.pk for c in _rows(client.get(reverse("hr_start")))}


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"unit": "sales"}, {"sales", "north"}),  # the unit with its sub-units
        ({"unit": "sales_north"}, {"north"}),
        ({"manager": "support_manager"}, {"support"}),
        ({"state": "overdue"}, {"sales"}),
        ({"state": "due_soon"}, {"north"}),
        ({"state": "upcoming"}, {"support"}),
        ({"kind": "first_conversation"}, {"north"}),  # the others have done it
        ({"kind": "dialogue_meeting_1"}, {"sales", "support"}),  # north's ends before it, so it does not apply
        ({"kind": "followup_plan", "state": "overdue"}, {"sales"}),
    ],
)
def test_filters(client, world, cases, params, expected):
    query = {}
    for name, value in params.items():
        if name == "unit":
            query[name] = getattr(world, value).pk
        elif name == "manager":
            query[name] = getattr(world, value).pk
        else:
            query[name] = value
    client.force_login(world.org_hr)
    response = client.get(reverse("hr_start"), query)
    by_pk = {case.pk: name for name, case in cases.items()}
    assert {by_pk[c.pk] for c in _rows(response)} == expected


def test_the_counts_follow_the_filters_but_not_the_status(client, world, cases):
    client.force_login(world.org_hr)
    response = client.get(reverse("hr_start"), {"unit": world.sales.pk, "state": "overdue"})
    assert response.context["counts"] == {"open": 2, "overdue": 1, "due_soon": 1, "upcoming": 0, "none": 0}


def test_kind_filter_shows_that_milestone(client, world, cases):
    client.force_login(world.org_hr)
    rows = client.get(reverse("hr_start"), {"kind": "dialogue_meeting_1"}).context["page"].object_list
    assert {r["case"].next_key for r in rows} == {"dialogue_meeting_1"}
    assert next(r for r in rows if r["case"].pk == cases["sales"].pk)["case"].next_due == date(2026, 3, 11)


def test_the_number_of_queries_does_not_grow_with_the_rows(client, world, make_case, cases):
    client.force_login(world.org_hr)
    client.get(reverse("hr_start"))  # warm up caches of the session and the user
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("hr_start"))
    for i in range(6):
        employee = EmployeeFactory(
            organisation=world.root.organisation,
            unit=world.support,
            manager=world.support_manager,
            employee_number=f"9{i}",
        )
        make_case(employee, ("sick", date(2026, 2, 1 + i), date(2026, 3, 20), 100), today=TODAY)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("hr_start"))
    assert len(response.context["page"].object_list) == 9
    assert len(many) == len(few)


def test_the_xlsx_export_costs_the_same_queries_at_two_sizes(client, world, make_case, cases):
    """Issue 21: the export reads its rows as values in one query, whatever their number."""
    client.force_login(world.org_hr)
    url = reverse("hr:dashboard_export", args=["xlsx"])
    client.get(url)  # warm up caches of the session and the user
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(6):
        employee = EmployeeFactory(
            organisation=world.root.organisation,
            unit=world.support,
            manager=world.support_manager if i % 2 else None,
            employee_number=f"9{i}",
        )
        make_case(employee, ("sick", date(2026, 2, 1 + i), date(2026, 3, 20), 100), today=TODAY)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 1 + 9
    no_manager = [r for r in rows[1:] if r[1] and r[1].startswith("9") and r[3] in (None, "")]
    assert len(no_manager) == 3


def test_pages_of_fifty(client, world, make_case, cases, settings):
    from hr import views

    client.force_login(world.org_hr)
    original = views.PAGE_SIZE
    views.PAGE_SIZE = 2
    try:
        first = client.get(reverse("hr_start"))
        second = client.get(reverse("hr_start"), {"page": 2})
    finally:
        views.PAGE_SIZE = original
    assert len(_rows(first)) == 2 and len(_rows(second)) == 1
    assert original == 50


def test_csv_export_has_the_filtered_rows_and_is_logged(client, english, world, cases):
    client.force_login(world.org_hr)
    response = client.get(reverse("hr:dashboard_export", args=["csv"]), {"unit": world.sales.pk})
    assert response["Content-Disposition"] == 'attachment; filename="frister-2026-03-02.csv"'
    assert response.content.startswith("\ufeff".encode())  # UTF-8 with BOM: Excel reads æ, ø and å
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Employee", "Employee number", "Unit"]
    # Nothing but the table: no note line inside the data.
    assert [r[0] for r in rows[1:]] == [world.sales_employee.full_name, world.north_employee.full_name]
    assert rows[1][7] == "2026-02-18" and rows[1][8] == "Overdue" and rows[1][9] == "12"
    event = AuditEvent.objects.get(action="export.dashboard")
    assert event.actor == world.org_hr
    assert event.detail == {
        "format": "csv",
        "rows": 2,
        "unit": world.sales.pk,
        "manager": None,
        "kind": "",
        "state": "",
    }


def test_xlsx_export_opens_in_a_spreadsheet(client, english, world, cases):
    client.force_login(world.unit_hr)
    response = client.get(reverse("hr:dashboard_export", args=["xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "Employee"
    assert {v[0] for v in values[1:3]} == {world.sales_employee.full_name, world.north_employee.full_name}
    assert values[1][7].date() == date(2026, 2, 18)
    assert len(values) == 3  # the header and two rows; the note is on the second sheet
    assert book.sheetnames[1] == "Note"
    assert next(book["Note"].iter_rows(values_only=True))[0].startswith("Exported 2026-03-02.")
    assert AuditEvent.objects.filter(action="export.dashboard", actor=world.unit_hr).exists()


def test_a_formula_in_a_name_is_not_run_by_the_spreadsheet(client, world, cases):
    world.sales_employee.first_name = "=HYPERLINK(evil)"
    world.sales_employee.save()
    client.force_login(world.org_hr)
    content = client.get(reverse("hr:dashboard_export", args=["csv"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK(evil)" in content


def test_unknown_export_format_is_not_found(client, world, cases):
    client.force_login(world.org_hr)
    assert client.get(reverse("hr:dashboard_export", args=["pdf"])).status_code == 404


def test_done_milestones_move_the_case_to_its_next_one(client, world, cases):
    services.milestone_complete(case=cases["sales"], key="followup_plan", by=world.sales_manager.user)
    client.force_login(world.org_hr)
    rows = client.get(reverse("hr_start")).context["page"].object_list
    sales = next(r for r in rows if r["case"].pk == cases["sales"].pk)
    assert (sales["case"].next_key, sales["state"]) == ("dialogue_meeting_1", "upcoming")
