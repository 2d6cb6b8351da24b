"""A case with a plan in each state the tests need, built through the services."""

import importlib
from datetime import date

import pytest
import time_machine

from followup_plans import services
from followup_plans.models import PlanMeasure, PlanTask

# Sick from Monday 5 January 2026; the plan is due on day 28 (1 February).
SICK_FROM = date(2026, 1, 5)
SICK_TO = date(2026, 3, 1)
TODAY = date(2026, 1, 26)


@pytest.fixture
def clock():
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def measure_templates(db):
    """HR's default list, as the data migration adds it (a transactional test before may have flushed it)."""
    return add_default_measure_templates()


def add_default_measure_templates():
    from django.apps import apps

    migration = importlib.import_module("followup_plans.migrations.0002_default_measure_templates")
    migration.add_templates(apps, None)
    from followup_plans.models import MeasureTemplate

    return list(MeasureTemplate.objects.all())


@pytest.fixture
def manager(world):
    return world.sales_manager.user


@pytest.fixture
def employee(world):
    return world.sales_employee.user


@pytest.fixture
def case(world, make_case, manager):
    return make_case(world.sales_employee, ("sick", SICK_FROM, SICK_TO, 100), by=manager)


COMPLETE_TEXT = {
    "period_start": date(2026, 1, 26),
    "period_end": date(2026, 3, 1),
    "typical_workday": "Kundeservice på telefon og e-post 08–16, to faste møter i uka.",
    "previous_adjustments": "Kortere vakter i uke 3. Det hjalp noe.",
    "follow_up": "Kort samtale hver mandag; leder ringer.",
    "evaluation_date": date(2026, 2, 16),
    "contact_person_name": "Salesmanager Test",
    "contact_person_phone": "91234567",
    "contact_person_email": "salesmanager@example.org",
}


def fill(version, by, **overrides):
    """Make a draft complete enough to approve: text, one assessed task, one agreed measure."""
    services.version_update(version=version, by=by, data={**COMPLETE_TEXT, **overrides})
    task = services.task_save(
        version=version,
        by=by,
        title="Telefonvakt",
        description="Svare kunder på telefon",
        assessment=PlanTask.Assessment.CAN_WITH_ADJUSTMENT,
        adjustments=[PlanTask.Adjustment.MORE_TIME],
        adjustment_description="",
    )
    services.task_save(version=version, by=by, title="Tunge løft på lageret", assessment=PlanTask.Assessment.CANNOT)
    services.measure_save(
        version=version,
        by=by,
        description="Redusert tempo: ingen kø-ansvar",
        responsible=PlanMeasure.Responsible.EMPLOYER,
        start=date(2026, 1, 26),
        end=date(2026, 2, 20),
        status=PlanMeasure.Status.AGREED,
        task=task,
        comment="",
    )
    version.refresh_from_db()
    return version


@pytest.fixture
def draft(case, manager, clock):
    return services.plan_start(case=case, by=manager)


@pytest.fixture
def completed(draft, manager, employee):
    fill(draft, manager)
    services.version_approve(version=draft, by=manager)
    services.version_approve(version=draft, by=employee)
    draft.refresh_from_db()
    return draft
