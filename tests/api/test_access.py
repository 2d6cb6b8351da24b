"""The API asks cases.access like the pages: each role sees and changes exactly its own."""

from datetime import date

import pytest

from audit.models import AuditEvent
from cases.models import AbsencePeriod

from .conftest import user_of

pytestmark = pytest.mark.django_db

ROLES = [
    "sales_employee",
    "north_employee",
    "sales_manager",
    "support_manager",
    "unit_hr",
    "org_hr",
    "admin",
    "outsider",
]

SALES = {"sales_manager", "sales_employee", "sales_employee_2", "north_employee"}
EMPLOYEES = {
    "sales_employee": {"sales_employee"},
    "north_employee": {"north_employee"},
    "sales_manager": SALES,
    "support_manager": {"support_manager", "support_employee"},
    "unit_hr": SALES,
    "org_hr": SALES | {"support_manager", "support_employee"},
    "admin": set(),
    "outsider": set(),
}
# Who sees sales_employee's case.
SEES_CASE = {"sales_employee", "sales_manager", "unit_hr", "org_hr"}
# Who may register absence for sales_employee.
CHANGES = {"sales_manager", "unit_hr", "org_hr"}


def ids(world, names) -> set[int]:
    return {getattr(world, name).pk for name in names}


@pytest.mark.parametrize("who", ROLES)
def test_employee_list_is_scoped(api, world, who):
    response = api(who).get("/api/v1/employees/")
    assert response.status_code == 200
    assert {e["id"] for e in response.json()["results"]} == ids(world, EMPLOYEES[who])


@pytest.mark.parametrize("who", ROLES)
def test_employee_detail_is_scoped_and_refusals_are_logged(api, world, who):
    user = user_of(world, who)
    for name in ["sales_employee", "support_employee"]:
        response = api(who).get(f"/api/v1/employees/{getattr(world, name).pk}/")
        if name in EMPLOYEES[who]:
            assert response.status_code == 200
            assert AuditEvent.objects.filter(actor=user, action="employee.view", employee=getattr(world, name)).exists()
        else:
            assert response.status_code == 404
            assert response.json()["code"] == "not_found"
            assert AuditEvent.objects.filter(
                actor=user, action="access.denied", detail__object="employee", detail__id=str(getattr(world, name).pk)
            ).exists()


@pytest.mark.parametrize("who", ROLES)
def test_units_are_those_of_visible_employees(api, world, who):
    units = {e.unit.pk for e in (getattr(world, n) for n in EMPLOYEES[who])}
    expected = set()
    for unit in world.root.organisation.units.filter(pk__in=units):
        expected |= {int(pk) for pk in unit.path.strip("/").split("/")}
    response = api(who).get("/api/v1/units/")
    assert {u["id"] for u in response.json()["results"]} == expected
    status = api(who).get(f"/api/v1/units/{world.support.pk}/").status_code
    assert status == (200 if world.support.pk in expected else 404)


@pytest.mark.parametrize("who", ROLES)
def test_case_list_and_detail_are_scoped_and_every_read_is_logged(api, world, case, who):
    user = user_of(world, who)
    listed = api(who).get("/api/v1/cases/").json()["results"]
    detail = api(who).get(f"/api/v1/cases/{case.pk}/")
    if who in SEES_CASE:
        assert [c["id"] for c in listed] == [case.pk]
        assert detail.status_code == 200
        # The list is one event naming the employees and their cases; the case itself one more.
        listed_event = AuditEvent.objects.get(actor=user, action="list.read")
        assert listed_event.detail["page"] == "api:case-list"
        assert listed_event.detail["employees"] == [case.employee_id] and listed_event.detail["cases"] == [case.pk]
        assert AuditEvent.objects.filter(actor=user, action="case.view", object_id=str(case.pk)).count() == 1
    else:
        assert listed == []
        assert detail.status_code == 404
        assert AuditEvent.objects.filter(actor=user, action="access.denied", detail__object="case").exists()
        assert not AuditEvent.objects.filter(actor=user, action__in=["case.view", "list.read"]).exists()


@pytest.mark.parametrize("who", ROLES)
def test_registering_needs_the_right_to_change_the_employee(api, world, who):
    body = {"employee": world.sales_employee.pk, "kind": "sick", "start": "2026-03-02", "end": "2026-03-06"}
    response = api(who).post("/api/v1/periods/", body, format="json")
    if who in CHANGES:
        assert response.status_code == 201
        period = AbsencePeriod.objects.get()
        assert period.source == AbsencePeriod.Source.API and period.registered_by == user_of(world, who)
    else:
        assert response.status_code == 404
        assert not AbsencePeriod.objects.exists()
        assert AuditEvent.objects.filter(
            actor=user_of(world, who), action="access.denied", detail__object="employee"
        ).exists()


@pytest.mark.parametrize("who", ROLES)
def test_changing_and_removing_periods_need_the_right_to_change(api, world, case, who):
    period = case.employee.absence_periods.get()
    client = api(who)
    patched = client.patch(f"/api/v1/periods/{period.pk}/", {"end": "2026-03-20"}, format="json")
    if who in CHANGES:
        assert patched.status_code == 200 and patched.json()["end"] == "2026-03-20"
        assert client.delete(f"/api/v1/periods/{period.pk}/").status_code == 204
        assert not AbsencePeriod.objects.exists()
    else:
        assert patched.status_code == 404
        assert client.delete(f"/api/v1/periods/{period.pk}/").status_code == 404
        period.refresh_from_db()
        assert period.end == date(2026, 3, 31)
