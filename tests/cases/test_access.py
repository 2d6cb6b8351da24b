"""The access policy: role × relation × action, for employees and the audit log."""

from datetime import date, timedelta

import pytest
import time_machine
from django.http import Http404

from audit.models import AuditEvent
from audit.services import audit_record
from cases import access
from cases.access import Action, Role

from ..factories import DelegationFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)

# Who may VIEW whom: user attribute -> the employees (attribute names) they see.
VIEW_MATRIX = {
    "sales_manager": {"sales_manager", "sales_employee", "sales_employee_2", "north_employee"},
    "support_manager": {"support_manager", "support_employee"},
    "sales_employee": {"sales_employee"},
    "north_employee": {"north_employee"},
    "support_employee": {"support_employee"},
    "unit_hr": {"sales_manager", "sales_employee", "sales_employee_2", "north_employee"},
    "org_hr": {
        "sales_manager",
        "sales_employee",
        "sales_employee_2",
        "north_employee",
        "support_manager",
        "support_employee",
    },
    "admin": set(),
    "outsider": set(),
}
CHANGE_MATRIX = {
    "sales_manager": {"sales_employee", "sales_employee_2", "north_employee"},
    "support_manager": {"support_employee"},
    "sales_employee": set(),
    "north_employee": set(),
    "support_employee": set(),
    "unit_hr": VIEW_MATRIX["unit_hr"],
    "org_hr": VIEW_MATRIX["org_hr"],
    "admin": set(),
    "outsider": set(),
}
EMPLOYEES = [
    "sales_manager",
    "sales_employee",
    "sales_employee_2",
    "north_employee",
    "support_manager",
    "support_employee",
]


@pytest.mark.parametrize(
    "action, matrix", [(Action.VIEW, VIEW_MATRIX), (Action.CHANGE, CHANGE_MATRIX), (Action.VIEW_PRIVATE, CHANGE_MATRIX)]
)
@pytest.mark.parametrize("who", list(VIEW_MATRIX))
def test_visible_employees_follow_the_matrix(world, who, action, matrix, user_of):
    user = user_of(who)
    with time_machine.travel(TODAY, tick=False):
        visible = set(access.visible_employees(user, action))
        for name in EMPLOYEES:
            employee = getattr(world, name)
            expected = name in matrix[who]
            assert (employee in visible) is expected, (who, action, name)
            assert access.can(user, action, employee) is expected


@pytest.mark.parametrize("who", list(VIEW_MATRIX))
def test_refused_employee_answers_404_and_is_logged(world, who, user_of):
    user = user_of(who)
    for name in EMPLOYEES:
        employee = getattr(world, name)
        if name in VIEW_MATRIX[who]:
            assert access.get_employee_or_404(user, employee.pk) == employee
            assert AuditEvent.objects.filter(action="employee.view", employee=employee, actor=user).exists()
        else:
            with pytest.raises(Http404):
                access.get_employee_or_404(user, employee.pk)
            assert AuditEvent.objects.filter(action="access.denied", actor=user, detail__id=str(employee.pk)).exists()


def test_inactive_user_sees_nothing(world):
    user = world.sales_manager.user
    user.is_active = False
    user.save()
    assert not access.visible_employees(user).exists()
    assert access.roles(user) == frozenset()


def test_acting_manager_sees_staff_only_during_delegation(world):
    acting = world.support_manager
    DelegationFactory(
        manager=world.sales_manager, acting_manager=acting, starts_on=TODAY, ends_on=TODAY + timedelta(days=13)
    )
    for day, expected in [
        (TODAY - timedelta(days=1), False),
        (TODAY, True),
        (TODAY + timedelta(days=13), True),
        (TODAY + timedelta(days=14), False),
    ]:
        with time_machine.travel(day, tick=False):
            user = UserFactory._meta.model.objects.get(pk=acting.user.pk)  # fresh: roles are cached per object
            assert access.can(user, Action.VIEW, world.sales_employee) is expected, day
            assert access.can(user, Action.CHANGE, world.north_employee) is expected, day
            # The delegation never reaches beyond the delegating manager's own staff.
            assert not access.can(user, Action.VIEW, world.sales_manager)
    # The manager who delegated keeps access.
    with time_machine.travel(TODAY + timedelta(days=1), tick=False):
        assert access.can(world.sales_manager.user, Action.VIEW, world.sales_employee)


def test_manager_loses_access_when_employee_changes_manager(world):
    world.sales_employee.manager = world.support_manager
    world.sales_employee.save()
    assert not access.can(world.sales_manager.user, Action.VIEW, world.sales_employee)
    assert access.can(world.support_manager.user, Action.VIEW, world.sales_employee)


def test_roles(world):
    assert access.roles(world.sales_manager.user) == {Role.EMPLOYEE, Role.MANAGER}
    assert access.roles(world.sales_employee.user) == {Role.EMPLOYEE}
    assert access.roles(world.unit_hr) == {Role.HR}
    assert access.roles(world.admin) == {Role.ADMIN}
    assert access.roles(world.outsider) == frozenset()


def test_audit_log_visibility(world, user_of):
    about_support = audit_record(actor=world.org_hr, action="employee.view", employee=world.support_employee)
    about_north = audit_record(actor=world.org_hr, action="employee.view", employee=world.north_employee)
    login = audit_record(actor=world.outsider, action="auth.login")
    # The administrator reads the log, but no event that concerns an employee (GDPR art. 9: health data).
    assert set(access.visible_audit_events(world.admin)) == {login}
    assert set(access.visible_audit_events(world.org_hr)) == {about_support, about_north}
    assert set(access.visible_audit_events(world.unit_hr)) == {about_north}
    for who in ["sales_manager", "sales_employee", "outsider"]:
        assert not access.visible_audit_events(user_of(who)).exists()


def test_non_numeric_pk_is_refused_not_an_error(world):
    with pytest.raises(Http404):
        access.get_employee_or_404(world.org_hr, "1 OR 1=1")


@pytest.mark.parametrize(("days_after_end", "visible"), [(121, True), (122, True), (123, False), (124, False)])
def test_manager_keeps_a_case_for_122_days_after_it_ended_and_not_a_day_more(world, make_case, days_after_end, visible):
    """NAV gives the nearest manager access until 4 months after the sick leave: 122 days, day 123 is refused."""
    case = make_case(
        world.sales_employee, ("sick", date(2026, 1, 5), date(2026, 3, 1), 100), by=world.org_hr, today=date(2026, 3, 1)
    )
    assert access.MANAGER_ACCESS_AFTER_CASE_END == timedelta(days=122)
    on = case.end + timedelta(days=days_after_end)
    manager = world.sales_manager.user
    assert (case in access.visible_cases(manager, on=on)) is visible
    with time_machine.travel(on, tick=False):
        assert access.can(manager, Action.VIEW, case) is visible
        assert access.can(world.org_hr, Action.VIEW, case)  # HR keeps it
        if not visible:
            with pytest.raises(Http404):
                access.get_case_or_404(manager, case.pk)
