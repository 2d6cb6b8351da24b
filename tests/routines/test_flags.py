"""Difficult cases: each flag with its rule, nothing more; the manager, the employee and HR see it."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from cases import services as case_services
from followup_plans.demo import build_plan
from followup_plans.models import PlanEvaluation
from routines import flags
from routines.models import Flag, RoutineSettings

from .conftest import TODAY

pytestmark = pytest.mark.django_db

SHORT = [
    ("egenmelding", date(2026, 1, 5), date(2026, 1, 6)),
    ("egenmelding", date(2026, 2, 2), date(2026, 2, 3)),
    ("sick", date(2026, 2, 16), date(2026, 2, 20)),
]


@pytest.fixture
def frequent(world, make_case, frozen):
    for period in SHORT:
        make_case(world.support_employee, period, by=world.support_manager.user, today=TODAY)
    return world.support_employee


def test_frequent_absences_flag_the_employee_with_the_rule(world, frequent):
    flag = Flag.objects.get(employee=frequent, cleared_on=None)
    assert (flag.rule, flag.case) == (Flag.Rule.FREQUENT, None)
    assert flag.detail == {"occasions_6m": 3, "occasions_12m": 3, "limit_6m": 3, "limit_12m": 4}
    assert flags.rule_text(flag) == (
        "3 fravær (sykmeldinger og egenmeldinger) de siste 6 månedene; rutinen markerer 3 eller flere."
    )


def test_the_limits_are_the_organisations(world, frequent):
    RoutineSettings.objects.create(organisation=world.root.organisation, frequent_occasions_6m=4)
    flags.flags_refresh(employee=frequent, on=TODAY)
    assert not Flag.objects.filter(employee=frequent, cleared_on=None).exists()
    assert Flag.objects.get(employee=frequent).cleared_on == TODAY


def test_adjacent_periods_are_one_occasion(world, make_case, frozen):
    make_case(
        world.support_employee,
        ("egenmelding", date(2026, 2, 2), date(2026, 2, 3)),
        ("sick", date(2026, 2, 4), date(2026, 2, 13)),
        by=world.support_manager.user,
        today=TODAY,
    )
    make_case(
        world.support_employee,
        ("egenmelding", date(2026, 2, 23), date(2026, 2, 24)),
        by=world.support_manager.user,
        today=TODAY,
    )
    assert flags.absence_counts(world.support_employee, on=TODAY) == (2, 2)
    assert not Flag.objects.filter(employee=world.support_employee).exists()


def test_the_manager_sees_flag_rule_and_suggested_actions_and_the_employee_sees_the_same_rule(client, world, frequent):
    rule = "3 fravær (sykmeldinger og egenmeldinger) de siste 6 månedene"
    client.force_login(world.support_manager.user)
    page = client.get(reverse("organisation:employee_detail", args=[frequent.pk])).content.decode()
    assert rule in page and "Involver bedriftshelsetjenesten (BHT)." in page
    client.force_login(frequent.user)
    own = client.get(reverse("employee_start")).content.decode()
    assert rule in own and "Inviter tillitsvalgt eller en annen tillitsperson." in own
    assert "Involver bedriftshelsetjenesten" not in own


def test_hrs_list_holds_the_flags_in_its_scope_only(client, world, frequent, django_assert_max_num_queries):
    client.force_login(world.org_hr)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("routines:flags"))
    assert frequent.full_name in page.content.decode()
    client.force_login(world.unit_hr)  # HR for sales: support is not in scope
    assert frequent.full_name not in client.get(reverse("routines:flags")).content.decode()
    client.force_login(world.support_manager.user)
    assert client.get(reverse("routines:flags")).status_code == 404


def test_dm1_not_held_flags_the_case_and_clears_when_marked_not_required(world, long_case, frozen):
    flag = Flag.objects.get(case=long_case, rule=Flag.Rule.DM1_NOT_HELD, cleared_on=None)
    assert "Dialogmøte 1 skulle vært holdt innen" in flags.rule_text(flag)
    case_services.milestone_not_required(
        case=long_case, key="dialogue_meeting_1", by=world.sales_manager.user, reason="Den ansatte er delvis i arbeid."
    )
    flags.flags_refresh(employee=long_case.employee, on=TODAY)
    assert not Flag.objects.filter(case=long_case, rule=Flag.Rule.DM1_NOT_HELD, cleared_on=None).exists()


def test_long_absence_with_an_overdue_evaluation_or_no_effect(world, long_case, frozen):
    version = build_plan(long_case, manager=world.sales_manager.user, start=TODAY - timedelta(days=40))
    assert version.evaluation_date < TODAY
    flags.flags_refresh(employee=long_case.employee, on=TODAY)
    flag = Flag.objects.get(case=long_case, rule=Flag.Rule.LONG_NO_PROGRESS, cleared_on=None)
    assert flag.detail["why"] == "evaluation_overdue"
    PlanEvaluation.objects.create(
        version=version,
        evaluated_on=TODAY,
        effect=PlanEvaluation.Effect.GOOD,
        why="Bra.",
        next_steps="Fortsette.",
        by=world.sales_manager.user,
    )
    flags.flags_refresh(employee=long_case.employee, on=TODAY)
    assert not Flag.objects.filter(case=long_case, rule=Flag.Rule.LONG_NO_PROGRESS, cleared_on=None).exists()
    PlanEvaluation.objects.create(
        version=version,
        evaluated_on=TODAY,
        effect=PlanEvaluation.Effect.NONE,
        why="Ingen endring.",
        next_steps="Nytt møte.",
        by=world.sales_manager.user,
    )
    flags.flags_refresh(employee=long_case.employee, on=TODAY)
    flag = Flag.objects.get(case=long_case, rule=Flag.Rule.LONG_NO_PROGRESS, cleared_on=None)
    assert "tiltakene ikke virket" in flags.rule_text(flag)


def test_flags_switched_off_are_not_shown(client, world, frequent):
    RoutineSettings.objects.create(organisation=world.root.organisation, flags_enabled=False)
    client.force_login(frequent.user)
    assert "Hyppig fravær" not in client.get(reverse("employee_start")).content.decode()
