from dataclasses import dataclass
from pathlib import Path

import pytest

from organisation.models import Employee, Unit

from .factories import EmployeeFactory, HRAccessFactory, UnitFactory, UserFactory


@dataclass
class World:
    """A small organisation with one person in each position the access policy knows.

    root
    ├── sales            manager: sales_manager; staff: sales_employee, sales_employee_2
    │   └── sales_north  staff: north_employee (manager: sales_manager)
    └── support          manager: support_manager; staff: support_employee
    Users: unit_hr (HR for sales and its sub-units), org_hr (whole organisation),
    admin (superuser), outsider (a user with no employee and no role).
    """

    root: Unit
    sales: Unit
    sales_north: Unit
    support: Unit
    sales_manager: Employee
    sales_employee: Employee
    sales_employee_2: Employee
    north_employee: Employee
    support_manager: Employee
    support_employee: Employee
    unit_hr: object
    org_hr: object
    admin: object
    outsider: object


def _employee(unit, manager=None, name="", with_user=True):
    user = UserFactory(username=name) if with_user else None
    return EmployeeFactory(
        organisation=unit.organisation,
        unit=unit,
        manager=manager,
        user=user,
        first_name=name.capitalize(),
        last_name="Test",
    )


# The packages whose tests read the English texts: each of their tests is marked `english`, and runs with
# English active, the world's employees preferring English and the test client asking for English.
# Mark a test elsewhere with @pytest.mark.english for the same. Norwegian stays the default of the app;
# tests/sykefravaer/test_translations.py checks the Norwegian catalogue.
ENGLISH_PACKAGES = {"dialog_meetings", "followup_plans", "imports", "reminders", "self_certification"}
TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        parts = Path(item.fspath).resolve().relative_to(TESTS).parts
        if len(parts) > 1 and parts[0] in ENGLISH_PACKAGES:
            item.add_marker(pytest.mark.english)


def _english(request) -> bool:
    return request.node.get_closest_marker("english") is not None


@pytest.fixture(autouse=True)
def _language(request):
    """English for the tests marked `english` (above); the app's own default otherwise."""
    if not _english(request):
        yield
        return
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client(client, request, settings):
    """Django's test client; for a test marked `english`, one that asks for English pages."""
    if _english(request):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def world(db, request) -> World:
    root = UnitFactory(name="Root")
    sales = UnitFactory(name="Sales", parent=root, organisation=root.organisation)
    north = UnitFactory(name="Sales North", parent=sales, organisation=root.organisation)
    support = UnitFactory(name="Support", parent=root, organisation=root.organisation)
    sales_manager = _employee(sales, name="salesmanager")
    support_manager = _employee(support, name="supportmanager")
    unit_hr = UserFactory(username="unithr")
    HRAccessFactory(user=unit_hr, organisation=root.organisation, units=[sales])
    org_hr = UserFactory(username="orghr")
    HRAccessFactory(user=org_hr, organisation=root.organisation, whole_organisation=True)
    world = World(
        root=root,
        sales=sales,
        sales_north=north,
        support=support,
        sales_manager=sales_manager,
        sales_employee=_employee(sales, sales_manager, "salesemployee"),
        sales_employee_2=_employee(sales, sales_manager, "salesemployee2", with_user=False),
        north_employee=_employee(north, sales_manager, "northemployee"),
        support_manager=support_manager,
        support_employee=_employee(support, support_manager, "supportemployee"),
        unit_hr=unit_hr,
        org_hr=org_hr,
        admin=UserFactory(username="admin", is_superuser=True, is_staff=True),
        outsider=UserFactory(username="outsider"),
    )
    return _prefer_english(world) if _english(request) else world


@pytest.fixture
def user_of(world):
    """The user account of one of the world's people or users, by name: `user_of("sales_manager")`."""

    def get(name: str):
        value = getattr(world, name)
        return value.user if hasattr(value, "user") else value

    return get


@pytest.fixture
def make_case(db):
    """Register periods for an employee through the services and return the case that holds the first.

    make_case(employee, ("sick", date(2026, 1, 5), date(2026, 3, 1), 100), by=user) -> Case
    Pass `today` to register as of another date (the services reject periods far from today).
    """
    import time_machine

    from cases import services

    def make(employee, *periods, by=None, today=None):
        first = None
        with time_machine.travel(today or periods[0][1], tick=False):
            for kind, start, end, *grade in periods:
                period = services.period_register(
                    employee=employee, kind=kind, start=start, end=end, grade=grade[0] if grade else 100, by=by
                )
                first = first or period
        return employee.cases.current().get(start__lte=first.start, end__gte=first.start)

    return make


@pytest.fixture
def in_english():
    """Run a test in English: its assertions read the English texts.

    Norwegian is the default language; these tests check behaviour, and the
    translation tests check the Norwegian catalogue.
    """
    from django.utils import translation

    with translation.override("en"):
        yield


def _prefer_english(world: World) -> World:
    Employee.objects.update(preferred_language="en")
    for value in vars(world).values():
        if isinstance(value, Employee):
            value.preferred_language = "en"
    return world


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Sign-in throttling counts in the cache: every test starts with no failed sign-ins counted."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def english_world(world):
    """The `world` with every employee preferring English (e-mails and pages in English)."""
    return _prefer_english(world)
