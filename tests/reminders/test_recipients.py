"""Who is responsible for an employee on a day, and which HR users cover the employee's unit."""

from datetime import date

import pytest

from cases import access
from organisation.models import Employee
from reminders.recipients import Directory, hr_recipients, responsible_manager
from tests.factories import DelegationFactory, EmployeeFactory, HRAccessFactory, UserFactory

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 2)


def test_the_nearest_manager_is_responsible(world):
    assert responsible_manager(world.sales_employee, on=ON) == world.sales_manager.user
    assert responsible_manager(world.north_employee, on=ON) == world.sales_manager.user
    assert responsible_manager(world.support_employee, on=ON) == world.support_manager.user


def test_the_acting_manager_is_responsible_only_while_the_delegation_runs(world):
    DelegationFactory(
        manager=world.sales_manager,
        acting_manager=world.support_manager,
        starts_on=date(2026, 3, 2),
        ends_on=date(2026, 3, 6),
    )
    assert responsible_manager(world.sales_employee, on=date(2026, 3, 1)) == world.sales_manager.user
    assert responsible_manager(world.sales_employee, on=date(2026, 3, 2)) == world.support_manager.user
    assert responsible_manager(world.sales_employee, on=date(2026, 3, 6)) == world.support_manager.user
    assert responsible_manager(world.sales_employee, on=date(2026, 3, 7)) == world.sales_manager.user
    # Only the staff of the manager who delegated.
    assert responsible_manager(world.support_employee, on=ON) == world.support_manager.user


def test_the_latest_of_overlapping_delegations_wins(world):
    other = EmployeeFactory(organisation=world.root.organisation, unit=world.sales, user=UserFactory(username="other"))
    DelegationFactory(
        manager=world.sales_manager,
        acting_manager=world.support_manager,
        starts_on=date(2026, 2, 1),
        ends_on=date(2026, 3, 31),
    )
    DelegationFactory(manager=world.sales_manager, acting_manager=other, starts_on=ON, ends_on=ON)
    assert responsible_manager(world.sales_employee, on=ON) == other.user


def test_a_delegation_to_the_employee_themself_or_to_someone_without_a_login_is_passed_over(world):
    to_self = DelegationFactory(
        manager=world.sales_manager, acting_manager=world.sales_employee, starts_on=ON, ends_on=ON
    )
    assert responsible_manager(world.sales_employee, on=ON) == world.sales_manager.user
    assert responsible_manager(world.north_employee, on=ON) == world.sales_employee.user  # for the others it holds
    to_self.delete()
    no_login = EmployeeFactory(organisation=world.root.organisation, unit=world.sales, user=None)
    DelegationFactory(manager=world.sales_manager, acting_manager=no_login, starts_on=ON, ends_on=ON)
    assert responsible_manager(world.north_employee, on=ON) == world.sales_manager.user


def test_no_manager_no_login_or_an_inactive_login_means_no_manager_reminder(world):
    assert responsible_manager(world.sales_manager, on=ON) is None  # has no manager
    world.sales_manager.user.is_active = False
    world.sales_manager.user.save()
    assert responsible_manager(world.sales_employee, on=ON) is None


def test_hr_recipients_are_those_whose_scope_holds_the_unit(world):
    assert [u.username for u in hr_recipients(world.sales_employee)] == ["orghr", "unithr"]
    assert [u.username for u in hr_recipients(world.north_employee)] == ["orghr", "unithr"]  # sub-unit
    assert [u.username for u in hr_recipients(world.support_employee)] == ["orghr"]


def test_hr_recipients_leave_out_inactive_users_and_the_employee(world):
    world.unit_hr.is_active = False
    world.unit_hr.save()
    assert [u.username for u in hr_recipients(world.sales_employee)] == ["orghr"]
    world.support_employee.user = world.org_hr
    world.support_employee.save()
    assert hr_recipients(world.support_employee) == []


def test_hr_scope_matches_the_access_policy_for_every_employee_and_hr_user(world):
    other_org_hr = UserFactory(username="otherorg")
    from tests.factories import OrganisationFactory

    HRAccessFactory(
        user=other_org_hr, organisation=OrganisationFactory(org_number="974760673"), whole_organisation=True
    )
    directory = Directory.load(ON)
    for employee in Employee.objects.select_related("unit"):
        covered = directory.hr_user_ids(organisation_id=employee.organisation_id, unit_path=employee.unit.path)
        for hr in [world.unit_hr, world.org_hr, other_org_hr]:
            visible = access.visible_employees(hr, access.Action.VIEW_AUDIT).filter(pk=employee.pk).exists()
            assert (hr.pk in covered) == visible, (employee, hr)
