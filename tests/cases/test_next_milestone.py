"""Each case stores its next milestone (the dashboard sorts by it); it follows every change to the milestones."""

from datetime import date

import pytest
import time_machine

from cases import services
from cases.models import Case
from hr.models import RoutineStep
from hr.routine import apply_to_open_cases

pytestmark = pytest.mark.django_db


def _computed(case: Case) -> tuple:
    first = case.milestones.needing_action().order_by("due", "pk").first()
    return (first.due, first.key) if first else (None, "")


def _stored(case: Case) -> tuple:
    case.refresh_from_db()
    return case.next_milestone_due, case.next_milestone_key


def test_the_stored_next_milestone_follows_registration_completion_assessment_and_reopening(world, make_case):
    case = make_case(
        world.sales_employee, ("sick", date(2026, 1, 5), date(2026, 4, 30), 100), by=world.sales_manager.user
    )
    assert _stored(case) == _computed(case) == (date(2026, 1, 9), "first_conversation")
    with time_machine.travel(date(2026, 1, 8), tick=False):
        services.milestone_complete(case=case, key="first_conversation", by=world.sales_manager.user)
        assert _stored(case) == _computed(case) and case.next_milestone_key == "followup_plan"
        services.milestone_not_required(case=case, key="followup_plan", by=world.sales_manager.user, reason="Kort")
        assert _stored(case) == _computed(case) and case.next_milestone_key not in ("followup_plan", "")
        services.milestone_reopen(case=case, key="first_conversation", by=world.sales_manager.user)
        assert _stored(case) == _computed(case) == (date(2026, 1, 9), "first_conversation")


def test_a_shorter_sick_leave_moves_the_stored_next_milestone(world, make_case):
    case = make_case(world.sales_employee, ("sick", date(2026, 1, 5), date(2026, 4, 30), 100))
    with time_machine.travel(date(2026, 1, 6), tick=False):
        services.milestone_complete(case=case, key="first_conversation", by=None)
        period = case.employee.absence_periods.get()
        services.period_update(
            period=period, kind="sick", start=period.start, end=date(2026, 1, 20), grade=100, by=None
        )
    assert _stored(case) == _computed(case)


def test_a_routine_step_due_first_becomes_the_next_milestone(world, make_case):
    case = make_case(world.sales_employee, ("sick", date(2026, 1, 5), date(2026, 4, 30), 100))
    RoutineStep.objects.create(
        organisation=world.root.organisation,
        name_nb="Ring",
        name_en="Call",
        anchor="case_start",
        offset=1,
        offset_unit="days",
        responsible="manager",
        reminder_nb="-",
        reminder_en="-",
        active_from=date(2025, 1, 1),
    )
    apply_to_open_cases(organisation_id=world.root.organisation_id, on=date(2026, 1, 6))
    assert _stored(case) == _computed(case)
    assert case.next_milestone_key.startswith("org-") and case.next_milestone_due == date(2026, 1, 5)
