"""Every list that shows who is on sick leave is traced: one event per read, naming the employees, one INSERT."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from api.models import ApiToken
from api.services import token_create
from audit.models import AuditEvent
from organisation.models import Employee

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture
def cases(world, make_case):
    with time_machine.travel(TODAY, tick=False):
        return {
            "sales": make_case(world.sales_employee, ("sick", date(2026, 1, 22), date(2026, 3, 31), 100), today=TODAY),
            "north": make_case(world.north_employee, ("sick", date(2026, 2, 28), date(2026, 3, 20), 100), today=TODAY),
            "support": make_case(
                world.support_employee, ("sick", date(2026, 2, 11), date(2026, 4, 30), 100), today=TODAY
            ),
        }


def _inserts(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith("INSERT") and "audit_auditevent" in q["sql"]]


def _read(client, url) -> tuple[AuditEvent, list[str]]:
    before = set(AuditEvent.objects.filter(action="list.read").values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    new = AuditEvent.objects.filter(action="list.read").exclude(pk__in=before)
    assert new.count() == 1, url
    return new.get(), _inserts(queries.captured_queries)


def _names(world, *names) -> list[int]:
    return sorted(getattr(world, name).pk for name in names)


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    "who, url, page, listed",
    [
        ("org_hr", "/hr/", "hr_start", ["sales_employee", "north_employee", "support_employee"]),
        ("unit_hr", "/hr/", "hr_start", ["sales_employee", "north_employee"]),
        # Those whose milestones due so far the tallies count (north's first is due on 4 March).
        ("org_hr", "/hr/etterlevelse/", "hr:compliance", ["sales_employee", "support_employee"]),
        ("sales_manager", "/leder/", "manager_start", ["sales_employee", "north_employee"]),
        ("sales_employee", "/min-side/", "employee_start", ["sales_employee"]),
        (
            "sales_manager",
            "/ansatte/",
            "organisation:employee_list",
            ["sales_manager", "sales_employee", "sales_employee_2", "north_employee"],
        ),
    ],
)
def test_each_list_read_is_one_event_in_one_insert(client, world, cases, who, url, page, listed):
    user = getattr(world, who)
    user = getattr(user, "user", user)
    client.force_login(user)
    event, inserts = _read(client, url)
    assert len(inserts) == 1
    assert event.actor == user and event.employee is None
    assert event.detail["page"] == page
    assert event.detail["employees"] == _names(world, *listed)
    assert event.detail["organisation"] == world.root.organisation_id


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    "url, page", [("/api/v1/employees/", "api:employee-list"), ("/api/v1/cases/", "api:case-list")]
)
def test_the_api_lists_are_one_event_each(world, cases, url, page):
    api = APIClient()
    api.credentials(
        HTTP_AUTHORIZATION=f"Bearer {token_create(token=ApiToken(name='T', user=world.unit_hr), by=None)[1]}"
    )
    with CaptureQueriesContext(connection) as queries:
        assert api.get(url).status_code == 200
    assert len(_inserts(queries.captured_queries)) == 1
    event = AuditEvent.objects.get(action="list.read")
    assert event.detail["page"] == page and event.actor == world.unit_hr
    expected = (
        ["sales_manager", "sales_employee", "sales_employee_2", "north_employee"]
        if "employees" in url
        else ["sales_employee", "north_employee"]
    )
    assert event.detail["employees"] == _names(world, *expected)
    if "cases" in url:
        assert sorted(event.detail["cases"]) == sorted([cases["sales"].pk, cases["north"].pk])
        assert not AuditEvent.objects.filter(action="case.view").exists()  # not one per case any more


def test_a_long_list_costs_one_insert_not_one_per_person(client, world):
    Employee.objects.bulk_create(
        [
            Employee(
                organisation=world.root.organisation,
                unit=world.support,
                employee_number=f"n{i}",
                first_name=f"P{i}",
                last_name="Many",
                employment_start=date(2020, 1, 1),
            )
            for i in range(200)
        ]
    )
    client.force_login(world.org_hr)
    event, inserts = _read(client, "/ansatte/")
    assert len(inserts) == 1
    assert len(event.detail["employees"]) == 25  # the page shown


def test_an_empty_list_logs_nothing(client, world):
    client.force_login(world.sales_employee.user)  # no case: Min side lists nobody
    client.get("/min-side/")
    assert not AuditEvent.objects.filter(action="list.read").exists()
