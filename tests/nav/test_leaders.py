"""The nearest leader at NAV: changes in the app reach the fake esyfo-narmesteleder once; NAV's requirements
become HR tasks answered from the app."""

from datetime import date, timedelta

import pytest
import requests

from audit.models import AuditEvent
from nav import leaders, tasks
from nav.demo import synthetic_national_id
from nav.fake.samples import linemanager_requirement
from nav.models import Integration, LeaderReport, LeaderRequirement
from organisation.models import Delegation
from organisation.services import employee_manager_set
from tests.factories import EmployeeFactory

FNR = "01019010046"
ORGNR = "974652277"

pytestmark = pytest.mark.django_db


def fault(fake, path, error, times=None):
    requests.post(f"{fake.url}/_fake/faults", json={"path": path, "error": error, "times": times}, timeout=5)


@pytest.fixture
def sick(world, make_case):
    """The sales employee on sick leave, with identity numbers; the sales unit with the integration on."""
    world.sales.business_number = ORGNR
    world.sales.save()
    Integration.objects.create(unit=world.sales, enabled=True)
    employee = world.sales_employee
    employee.national_id = FNR
    employee.save()
    for n, manager in enumerate([world.sales_manager, world.support_manager], start=1):
        manager.national_id = synthetic_national_id(n)
        manager.mobile = "+47 900 00 00" + str(n)
        manager.save()
    make_case(employee, ("sick", date.today() - timedelta(days=3), date.today() + timedelta(days=10), 100))
    return employee


def given(fake):
    return {
        m["employeeIdentificationNumber"]: m for m in requests.get(f"{fake.url}/_fake/linemanagers", timeout=5).json()
    }


def test_a_manager_change_by_hand_reaches_nav_once(fake_nav, world, sick, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        employee_manager_set(employee=sick, manager=world.support_manager)
    report = LeaderReport.objects.get()
    assert (report.status, report.action, report.reason) == ("sent", "assign", "manual")
    manager = given(fake_nav)[FNR]
    assert manager["lastName"] == world.support_manager.last_name
    assert manager["nationalIdentificationNumber"] == world.support_manager.national_id
    assert manager["mobile"] == "+4790000002"  # spaces out, as NAV wants it
    assert manager["systemuser_org"] == world.root.organisation.org_number  # the system user's organisation
    # Saving again, or a sync, tells NAV nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        sick.save()
    assert leaders.leaders_sync() == []
    assert LeaderReport.objects.count() == 1
    assert AuditEvent.objects.filter(action="nav.leader.sent").count() == 1


def test_an_import_style_bulk_change_is_told_through_the_signal(
    fake_nav, world, sick, django_capture_on_commit_callbacks
):
    from organisation.models import Employee
    from organisation.signals import managers_changed

    sick.manager = world.support_manager
    Employee.objects.bulk_update([sick], ["manager"])
    managers_changed.send(sender=Employee, employee_ids=[sick.pk], source="import")
    assert LeaderReport.objects.get().reason == "import"


def test_a_delegation_hands_the_staff_to_the_acting_manager_and_back(
    fake_nav, world, sick, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        delegation = Delegation.objects.create(
            manager=world.sales_manager,
            acting_manager=world.support_manager,
            starts_on=date.today(),
            ends_on=date.today() + timedelta(days=7),
        )
    assert given(fake_nav)[FNR]["nationalIdentificationNumber"] == world.support_manager.national_id
    with django_capture_on_commit_callbacks(execute=True):
        delegation.delete()
    assert given(fake_nav)[FNR]["nationalIdentificationNumber"] == world.sales_manager.national_id
    assert list(LeaderReport.objects.order_by("pk").values_list("reason", "manager_id")) == [
        ("delegation", world.support_manager.pk),
        ("delegation", world.sales_manager.pk),
    ]


def test_no_manager_any_more_revokes_at_nav(fake_nav, world, sick, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        employee_manager_set(employee=sick, manager=world.support_manager)
    with django_capture_on_commit_callbacks(execute=True):
        employee_manager_set(employee=sick, manager=None)
    assert LeaderReport.objects.first().action == "revoke"
    assert FNR not in given(fake_nav)


def test_a_last_name_the_register_does_not_know_is_refused_in_words(
    fake_nav, world, sick, in_english, django_capture_on_commit_callbacks
):
    requests.post(
        f"{fake_nav.url}/_fake/population-register", timeout=5, json={world.support_manager.national_id: "Somebodyelse"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        employee_manager_set(employee=sick, manager=world.support_manager)
    report = LeaderReport.objects.get()
    assert report.status == "failed" and report.last_error_code == (
        "LINEMANAGER_NAME_NATIONAL_IDENTIFICATION_NUMBER_MISMATCH"
    )
    assert "last name does not match" in report.last_error
    # HR corrects the name and tries again.
    world.support_manager.last_name = "Somebodyelse"
    world.support_manager.save()
    with django_capture_on_commit_callbacks(execute=True):
        leaders.leader_report_retry(report=report, by=world.org_hr)
    assert LeaderReport.objects.first().status == "sent"


def test_missing_manager_data_is_refused_before_anything_is_sent(
    fake_nav, world, sick, in_english, django_capture_on_commit_callbacks
):
    world.support_manager.mobile = ""
    world.support_manager.save()
    with django_capture_on_commit_callbacks(execute=True):
        employee_manager_set(employee=sick, manager=world.support_manager)
    report = LeaderReport.objects.get()
    assert report.status == "failed" and "mobile" in report.last_error
    assert not fake_nav.state.exchanges or all("linemanager" not in e["path"] for e in fake_nav.state.exchanges)


def test_a_transient_failure_is_retried_with_backoff(fake_nav, world, sick, django_capture_on_commit_callbacks):
    fault(fake_nav, "/api/v1/linemanager", "UPSTREAM_SERVICE_UNAVAILABLE", times=1)
    with django_capture_on_commit_callbacks(execute=True):
        employee_manager_set(employee=sick, manager=world.support_manager)
    report = LeaderReport.objects.get()
    assert report.status == "retrying" and report.next_attempt_at is not None
    LeaderReport.objects.filter(pk=report.pk).update(next_attempt_at=None)
    tasks.send_due_leaders()
    report.refresh_from_db()
    assert (report.status, report.attempts) == ("sent", 2)
    tasks.send_due_leaders()  # nothing twice
    assert LeaderReport.objects.get().attempts == 2


def test_employees_not_on_sick_leave_are_not_reported(fake_nav, world, sick, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        employee_manager_set(employee=world.sales_employee_2, manager=world.support_manager)
    assert not LeaderReport.objects.exists()


def test_navs_requirement_becomes_an_hr_task_answered_with_a_manager(
    fake_nav, world, sick, django_capture_on_commit_callbacks
):
    requirement = linemanager_requirement(
        fnr=FNR,
        orgnr=ORGNR,
        first_name=sick.first_name,
        last_name=sick.last_name,
        main_orgnr=world.root.organisation.org_number,
    )
    requests.post(f"{fake_nav.url}/_fake/requirements", json=requirement, timeout=5).raise_for_status()
    integration = Integration.objects.get()
    assert leaders.requirements_fetch(integration=integration) == 1
    assert leaders.requirements_fetch(integration=integration) == 0  # the cursor moved on
    task = LeaderRequirement.objects.get()
    assert (task.employee, task.state) == (sick, "open")
    with django_capture_on_commit_callbacks(execute=True):
        leaders.requirement_answer(requirement=task, manager=world.support_manager, by=world.org_hr)
    task.refresh_from_db()
    sick.refresh_from_db()
    assert task.state == "answered" and sick.manager == world.support_manager
    assert given(fake_nav)[FNR]["lastName"] == world.support_manager.last_name
    assert fake_nav.state.requirements[0]["status"] == "COMPLETED"
    assert LeaderReport.objects.count() == 1  # the app's own change did not tell NAV a second time


def test_requirements_are_paged_by_the_last_created(fake_nav, world, sick):
    base = date.today()
    from datetime import UTC, datetime

    for n in range(55):
        other = EmployeeFactory(organisation=world.root.organisation, unit=world.sales)
        item = linemanager_requirement(
            fnr=synthetic_national_id(10 + n),
            orgnr=ORGNR,
            first_name="A",
            last_name=other.last_name,
            main_orgnr=world.root.organisation.org_number,
            created=datetime(base.year, 1, 1, 8, n, tzinfo=UTC),
        )
        fake_nav.state.requirements.append(item)
    assert leaders.requirements_fetch(integration=Integration.objects.get()) == 55
    queries = [e["query"] for e in fake_nav.state.exchanges if e["path"].endswith("/requirement")]
    assert len(queries) == 2 and "createdAfter=" in queries[1]


def test_hr_answers_navs_requirement_on_the_integration_page(
    fake_nav, world, sick, client, settings, in_english, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    item = linemanager_requirement(
        fnr=FNR,
        orgnr=ORGNR,
        first_name=sick.first_name,
        last_name=sick.last_name,
        main_orgnr=world.root.organisation.org_number,
    )
    fake_nav.state.requirements.append(item)
    leaders.requirements_fetch(integration=Integration.objects.get())
    client.force_login(world.org_hr)
    page = client.get(reverse("nav:integrations")).content.decode()
    assert "NAV asks for a nearest leader" in page and sick.full_name in page
    requirement = LeaderRequirement.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("nav:requirement_answer", args=[requirement.pk]), {"manager": world.support_manager.pk}, follow=True
        )
    assert f"{world.support_manager.full_name} is given to NAV as nearest leader" in response.content.decode()
    assert given(fake_nav)[FNR]["lastName"] == world.support_manager.last_name
    # A manager is not HR: the page answers as if nothing were there.
    client.force_login(world.sales_manager.user)
    assert client.post(reverse("nav:requirement_answer", args=[requirement.pk]), {"manager": 1}).status_code == 404


def test_a_refused_leader_shows_in_words_for_hr_in_norwegian(
    fake_nav, world, sick, client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    fault(fake_nav, "/api/v1/linemanager", "EMPLOYEE_NAME_NATIONAL_IDENTIFICATION_NUMBER_MISMATCH")
    with django_capture_on_commit_callbacks(execute=True):
        employee_manager_set(employee=sick, manager=world.support_manager)
    client.force_login(world.org_hr)
    page = client.get(reverse("nav:integrations")).content.decode()
    assert "etternavn" in page.lower() and "folkeregisteret" in page.lower()
