from datetime import date

import pytest
from django.test import Client

from cases import services
from cases.models import AbsencePeriod, Case
from organisation.models import Employee
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_case_has_milestones_with_their_state_title_and_legal_basis(api, world, case):
    body = api("org_hr").get(f"/api/v1/cases/{case.pk}/").json()
    assert body["status"] == "open" and body["start"] == "2026-02-20" and body["day"] == 11
    assert body["employee"] == {
        "id": world.sales_employee.pk,
        "employee_number": world.sales_employee.employee_number,
        "name": "Salesemployee Test",
    }
    first = next(m for m in body["milestones"] if m["key"] == "first_conversation")
    assert first["state"] == "overdue" and first["title"] == "First conversation"
    assert "Working Environment Act" in first["legal_basis"]
    assert [p["kind"] for p in body["periods"]] == ["sick"]
    norwegian = api("org_hr", language="nb").get(f"/api/v1/cases/{case.pk}/").json()
    assert next(m for m in norwegian["milestones"] if m["key"] == "first_conversation")["title"] == "Første samtale"


def test_case_filters(api, world, case, make_case):
    closed = make_case(
        world.support_employee,
        ("sick", date(2026, 1, 5), date(2026, 1, 9), 100),
        by=world.org_hr,
        today=date(2026, 1, 9),
    )
    services.cases_sync(employee=world.support_employee)  # as the daily run does: it has ended by now
    client = api("org_hr")
    assert {c["id"] for c in results(client.get("/api/v1/cases/"))} == {case.pk, closed.pk}
    assert [c["id"] for c in results(client.get("/api/v1/cases/?status=open"))] == [case.pk]
    assert [c["id"] for c in results(client.get("/api/v1/cases/?status=closed"))] == [closed.pk]
    assert [c["id"] for c in results(client.get(f"/api/v1/cases/?employee={world.support_employee.pk}"))] == [closed.pk]
    assert [c["id"] for c in results(client.get(f"/api/v1/cases/?unit={world.sales.pk}"))] == [case.pk]
    assert [c["id"] for c in results(client.get(f"/api/v1/cases/?unit={world.root.pk}&status=open"))] == [case.pk]
    assert results(client.get(f"/api/v1/cases/?unit={world.sales_north.pk}")) == []


def test_employee_filters(api, world):
    client = api("org_hr")
    in_sales = {e["id"] for e in results(client.get(f"/api/v1/employees/?unit={world.sales.pk}"))}
    assert world.north_employee.pk in in_sales and world.support_employee.pk not in in_sales
    assert [e["id"] for e in results(client.get("/api/v1/employees/?q=northemp"))] == [world.north_employee.pk]
    number = world.support_employee.employee_number
    assert [e["id"] for e in results(client.get(f"/api/v1/employees/?q={number}"))] == [world.support_employee.pk]
    Employee.objects.filter(pk=world.support_employee.pk).update(employment_end=date(2026, 1, 31))
    left = results(client.get("/api/v1/employees/?active=false"))
    assert [e["id"] for e in left] == [world.support_employee.pk] and left[0]["active"] is False
    assert len(results(client.get("/api/v1/employees/?active=true"))) == 5


def test_pagination(api, world):
    for _ in range(5):
        EmployeeFactory(organisation=world.root.organisation, unit=world.support)
    client = api("org_hr")
    first = client.get("/api/v1/employees/?page_size=4").json()
    assert first["count"] == 11 and len(first["results"]) == 4 and "page=2" in first["next"]
    last = client.get("/api/v1/employees/?page_size=4&page=3").json()
    assert len(last["results"]) == 3 and last["next"] is None
    assert client.get("/api/v1/employees/?page=9").status_code == 404
    for bad in ["page=0", "page=x", "page_size=0", "page_size=201", "page_size=abc"]:
        response = client.get(f"/api/v1/employees/?{bad}")
        assert response.status_code == 400, bad
        assert response.json()["code"] == "invalid"


@pytest.mark.parametrize(
    "path, query, field",
    [
        ("cases", "status=void", "status"),
        ("cases", "status=", "status"),
        ("cases", "employee=abc", "employee"),
        ("cases", "employee=", "employee"),
        ("cases", "unit=-1", "unit"),
        ("cases", "employee=99999999999999999999999", "employee"),
        ("employees", "active=", "active"),
        ("employees", "active=yes", "active"),
        ("employees", "q=", "q"),
        ("employees", "q=%00", "q"),
    ],
)
def test_bad_filters_are_400_with_the_field(api, world, path, query, field):
    response = api("org_hr").get(f"/api/v1/{path}/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and field in body["fields"] and body["detail"].startswith("The request is not")


def test_register_a_sick_note_opens_a_case_with_milestones(api, world):
    response = api("sales_manager").post(
        "/api/v1/periods/",
        {
            "employee": world.sales_employee.pk,
            "kind": "sick",
            "start": "2026-02-23",
            "end": "2026-03-13",
            "grade": 50,
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    case = Case.objects.get(employee=world.sales_employee)
    assert body["case"] == case.pk and body["grade"] == 50 and body["source"] == "api"
    assert case.milestones.count() > 0


def test_register_a_holiday(api, world, case):
    response = api("org_hr").post(
        "/api/v1/periods/",
        {
            "employee": world.sales_employee.pk,
            "kind": "holiday",
            "start": "2026-04-01",
            "end": "2026-04-10",
        },
        format="json",
    )
    assert response.status_code == 201 and response.json()["kind"] == "holiday"


def test_a_refused_rule_is_400_with_its_code_and_field(api, world, case):
    response = api("org_hr").post(
        "/api/v1/periods/",
        {
            "employee": world.sales_employee.pk,
            "kind": "sick",
            "start": "2026-03-01",
            "end": "2026-03-05",
        },
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "overlap" and body["field"] == "start" and "overlaps" in body["detail"]
    too_early = (
        api("org_hr")
        .post(
            "/api/v1/periods/",
            {
                "employee": world.sales_employee.pk,
                "kind": "sick",
                "start": "2019-12-01",
                "end": "2019-12-05",
            },
            format="json",
        )
        .json()
    )
    assert too_early["code"] in ("before_employment", "too_far_back")


@pytest.mark.parametrize(
    "body, field",
    [
        ({"kind": "sick", "start": "2026-03-01", "end": "2026-03-05"}, "employee"),
        ({"employee": 1, "kind": "egenmelding", "start": "2026-03-01", "end": "2026-03-02"}, "kind"),
        ({"employee": 1, "start": "01.03.2026", "end": "2026-03-05"}, "start"),
        ({"employee": 1, "start": "2026-03-05", "end": "2026-03-01"}, "end"),
        ({"employee": 1, "start": "2026-03-01", "end": "2026-03-05", "grade": 101}, "grade"),
    ],
)
def test_invalid_bodies_name_the_field(api, world, body, field):
    response = api("org_hr").post("/api/v1/periods/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not AbsencePeriod.objects.exists()


def test_not_json_is_refused_as_json(api, world):
    client = api("org_hr")
    response = client.post("/api/v1/periods/", "employee=1", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415 and response.json()["code"] == "unsupported_media_type"
    response = client.post("/api/v1/periods/", "{not json", content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "parse_error"


def test_unknown_addresses_and_ids_answer_json_404(api, world):
    client = api("org_hr")
    for url in [
        "/api/v1/nothing/",
        "/api/v1/cases/abc/",
        "/api/v1/cases/99999999999999999999999/",
        "/api/v2/",
        "/api/v1/employees/a%0Ab/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found"
    assert client.delete("/api/v1/nothing/").status_code == 404


def test_method_not_allowed(api, world, case):
    response = api("org_hr").delete(f"/api/v1/cases/{case.pk}/")
    assert response.status_code == 405 and response.json()["code"] == "method_not_allowed"


def test_errors_follow_accept_language(api, world):
    english = api("org_hr", language="en").get("/api/v1/cases/?status=void").json()
    norwegian = api("org_hr", language="nb").get("/api/v1/cases/?status=void").json()
    assert english["fields"]["status"] == ['"void" is not a valid choice.']
    assert norwegian["fields"]["status"] != english["fields"]["status"]


def test_schema_and_docs_are_served_without_a_cdn(world):
    client = Client()
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {
        "/api/v1/employees/",
        "/api/v1/units/",
        "/api/v1/cases/",
        "/api/v1/cases/{id}/",
        "/api/v1/periods/",
        "/api/v1/periods/{id}/",
    } <= set(paths)
    assert schema.json()["components"]["securitySchemes"]["apiKey"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema.json()["components"]["securitySchemes"]["apiKey"]["description"],
    }
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn." not in html and "jsdelivr" not in html
    assert client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js").status_code == 200
