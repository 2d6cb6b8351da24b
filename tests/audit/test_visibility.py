"""Role × page for the audit log: an account without HR access sees no event that concerns an employee.

The audit log's pages (/logg/ and Django's admin list and change pages) show who read whose case, who is
on a list, when an egenmelding was registered: health data. Only HR reads those, for its own scope.
"""

import pytest
from django.urls import reverse

from audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(world):
    return {
        "sales": audit_record(
            actor=world.sales_manager.user,
            action="self_certification.submit",
            employee=world.sales_employee,
            detail={"start": "2026-03-02", "grade": 100},
        ),
        "support": audit_record(actor=world.support_manager.user, action="case.view", employee=world.support_employee),
        "list": audit_record(
            actor=world.sales_manager.user,
            action="self_certification.pending_list",
            detail={
                "page": "manager_start",
                "organisation": world.root.organisation_id,
                "employees": [world.sales_employee.pk],
            },
        ),
        "login": audit_record(actor=world.outsider, action="auth.login"),
    }


# Which events each account sees, on the page and in the admin; None: the page itself is refused (404).
LOG_MATRIX = {
    "org_hr": {"sales", "support", "list"},
    "unit_hr": {"sales"},
    "admin": {"login"},
    "sales_manager": None,
    "sales_employee": None,
    "outsider": None,
}


@pytest.mark.parametrize("who", list(LOG_MATRIX))
def test_the_audit_log_page_follows_the_matrix(client, world, events, who, user_of):
    client.force_login(user_of(who))
    response = client.get(reverse("audit:search"))
    expected = LOG_MATRIX[who]
    if expected is None:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    shown = {event.pk for event in response.context["page"]["events"]}
    assert {name for name, event in events.items() if event.pk in shown} == expected
    html = response.content.decode()
    for employee in (world.sales_employee, world.support_employee):
        assert (employee.full_name in html) == any(events[name].employee_id == employee.pk for name in expected), (
            who,
            employee,
        )
    if "sales" not in expected:
        assert "Egenmelding sendt" not in html  # the action's text (audit/actions.py)


@pytest.mark.parametrize("who", ["admin"])
def test_the_admin_shows_the_administrator_no_event_about_an_employee(client, world, events, who, user_of):
    client.force_login(user_of(who))
    listing = client.get("/admin/audit/auditevent/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert world.sales_employee.full_name not in html and world.support_employee.full_name not in html
    rows = set(listing.context["cl"].result_list)
    assert events["login"] in rows and not {events["sales"], events["support"], events["list"]} & rows
    for name, event in events.items():
        page = client.get(f"/admin/audit/auditevent/{event.pk}/change/", follow=True)
        if name == "login":
            assert page.status_code == 200 and "auth.login" in page.content.decode()
        else:  # the admin answers as if the event were not there
            assert world.sales_employee.full_name not in page.content.decode()
            assert "2026-03-02" not in page.content.decode()


def test_an_administrator_with_hr_access_sees_the_events_of_the_scope(client, world, events):
    from tests.factories import HRAccessFactory

    HRAccessFactory(user=world.admin, organisation=world.root.organisation, units=[world.sales])
    client.force_login(world.admin)
    html = client.get("/admin/audit/auditevent/").content.decode()
    assert world.sales_employee.full_name in html and world.support_employee.full_name not in html


@pytest.mark.parametrize("who", ["org_hr", "unit_hr", "sales_manager", "sales_employee", "outsider"])
def test_no_one_but_administrators_opens_the_admin(client, world, events, who, user_of):
    client.force_login(user_of(who))
    response = client.get(f"/admin/audit/auditevent/{events['sales'].pk}/change/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
