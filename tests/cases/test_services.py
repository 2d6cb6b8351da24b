from datetime import date, timedelta

import pytest
import time_machine

import deadlines
from cases import services
from cases.models import AbsencePeriod, Case, CaseActivity, Conversation

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def _engine(employee):
    return services.employee_timeline(employee, on=TODAY)


def test_periods_become_a_case_with_the_engines_dates(world):
    e = world.sales_employee
    services.period_register(employee=e, kind="egenmelding", start=date(2026, 1, 5), end=date(2026, 1, 7))
    services.period_register(employee=e, kind="sick", start=date(2026, 1, 8), end=date(2026, 3, 31), grade=100)
    case = e.cases.get()
    # Spec EX1/EX5.
    assert (case.start, case.end, case.employer_period_end, case.max_date_estimate) == (
        date(2026, 1, 5),
        date(2026, 3, 31),
        date(2026, 1, 20),
        date(2027, 1, 1),
    )
    due = {m.key: m.due for m in case.milestones.all()}
    assert due == {
        "first_conversation": date(2026, 1, 9),
        "followup_plan": date(2026, 2, 1),
        "dialogue_meeting_1": date(2026, 2, 22),
        "activity_requirement": date(2026, 3, 1),
        "nav_meeting_need_query": date(2026, 5, 4),
        "dialogue_meeting_2": date(2026, 7, 5),
        "plan_to_nav": date(2026, 6, 28),
    }
    engine_case = _engine(e).cases[0]
    for milestone in case.milestones.all():
        expected = engine_case.milestone(milestone.key)
        assert (milestone.due, milestone.applies, milestone.reason or None) == (
            expected.due,
            expected.applies,
            expected.reason,
        )


def test_new_note_within_16_days_extends_the_case_and_17_opens_a_new_one(world):
    e = world.sales_employee
    services.period_register(employee=e, kind="sick", start=date(2026, 1, 5), end=date(2026, 1, 23))
    # 15 days at work (01-24 .. 02-07), sick again 02-08: same case.
    services.period_register(employee=e, kind="sick", start=date(2026, 2, 8), end=date(2026, 2, 20))
    assert e.cases.current().count() == 1
    assert e.cases.get().end == date(2026, 2, 20)
    # 16 or more non-sick days before the next note: a new case.
    services.period_register(employee=e, kind="sick", start=date(2026, 3, 9), end=date(2026, 3, 20))
    assert list(e.cases.current().order_by("start").values_list("start", flat=True)) == [
        date(2026, 1, 5),
        date(2026, 3, 9),
    ]


def test_a_note_that_bridges_two_cases_joins_them_and_keeps_what_was_done(world):
    e, by = world.sales_employee, world.sales_manager.user
    services.period_register(employee=e, kind="sick", start=date(2026, 1, 5), end=date(2026, 1, 20), by=by)
    services.period_register(employee=e, kind="sick", start=date(2026, 2, 20), end=date(2026, 3, 10), by=by)
    first, second = e.cases.current().order_by("start")
    services.conversation_record(case=second, by=by, kind="first", held_on=date(2026, 2, 21))
    services.period_register(employee=e, kind="sick", start=date(2026, 1, 21), end=date(2026, 2, 19), by=by)
    case = e.cases.current().get()
    assert case.pk == first.pk and not Case.objects.filter(pk=second.pk).exists()
    assert Conversation.objects.get().case_id == case.pk
    assert case.milestones.get(key="first_conversation").completed_at is not None
    assert case.activities.filter(kind=CaseActivity.Kind.MERGED).exists()


def test_moved_deadline_is_logged(world):
    e = world.sales_employee
    services.period_register(employee=e, kind="sick", start=date(2026, 1, 8), end=date(2026, 2, 28))
    services.period_register(employee=e, kind="egenmelding", start=date(2026, 1, 5), end=date(2026, 1, 7))
    case = e.cases.get()
    moved = case.activities.filter(kind=CaseActivity.Kind.DEADLINE_MOVED, detail__key="followup_plan").get()
    assert moved.detail["before"] == "2026-02-04" and moved.detail["after"] == "2026-02-01"


def test_removing_every_period_voids_the_case(world):
    e = world.sales_employee
    period = services.period_register(employee=e, kind="sick", start=date(2026, 1, 5), end=date(2026, 1, 20))
    case = e.cases.get()
    services.period_delete(period=period)
    case.refresh_from_db()
    assert case.status == Case.Status.VOID and not e.cases.current().exists()


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"start": date(2026, 2, 10), "end": date(2026, 2, 1)}, "invalid_period"),
        ({"grade": 10}, "invalid_grade"),
        ({"grade": 120}, "invalid_grade"),
        ({"start": date(2019, 12, 1), "end": date(2019, 12, 5)}, "before_employment"),
        ({"start": date(2027, 5, 1), "end": date(2027, 5, 5)}, "too_far_ahead"),
        ({"start": date(2026, 1, 10), "end": date(2026, 1, 12)}, "overlap"),
        ({"kind": "egenmelding", "start": date(2026, 1, 20), "end": date(2026, 1, 22)}, "overlap"),
    ],
)
def test_invalid_periods_are_refused_with_a_reason_and_nothing_is_lost(world, kwargs, code):
    e = world.sales_employee
    services.period_register(employee=e, kind="sick", start=date(2026, 1, 5), end=date(2026, 1, 31))
    before = list(AbsencePeriod.objects.values_list("pk", "start", "end"))
    args = {"employee": e, "kind": "sick", "start": date(2026, 2, 1), "end": date(2026, 2, 5), "grade": 100, **kwargs}
    with pytest.raises(services.PeriodError) as error:
        services.period_register(**args)
    assert error.value.code == code
    assert str(error.value.message)
    assert list(AbsencePeriod.objects.values_list("pk", "start", "end")) == before


def test_what_the_engine_refuses_reaches_the_message_with_its_field_and_reason(world):
    # Issue 15, item 5: the engine's detail, not only its code, reaches the user.
    e = world.sales_employee
    with pytest.raises(services.PeriodError) as error:
        services.period_register(employee=e, kind="nonsense", start=date(2026, 2, 1), end=date(2026, 2, 5))
    assert error.value.code == "unknown_kind"
    assert "kind: unknown kind 'nonsense'" in str(error.value.message)
    assert not AbsencePeriod.objects.exists()


def test_holiday_may_overlap_a_sick_note(world):
    e = world.sales_employee
    services.period_register(employee=e, kind="sick", start=date(2026, 1, 5), end=date(2026, 2, 28))
    services.period_register(employee=e, kind="holiday", start=date(2026, 2, 1), end=date(2026, 2, 10))
    assert e.absence_periods.count() == 2


def test_first_conversation_marks_the_milestone_done_once(world):
    e, by = world.sales_employee, world.sales_manager.user
    services.period_register(employee=e, kind="sick", start=date(2026, 2, 20), end=date(2026, 3, 20), by=by)
    case = e.cases.get()
    conversation = services.conversation_record(case=case, by=by, kind="first", held_on=date(2026, 2, 23))
    milestone = case.milestones.get(key="first_conversation")
    assert milestone.completed_by == by and milestone.fulfilled_by == conversation
    assert milestone.state(TODAY) == milestone.State.DONE
    services.conversation_record(case=case, by=by, kind="first", held_on=date(2026, 2, 25))
    milestone.refresh_from_db()
    assert milestone.fulfilled_by == conversation


def test_not_required_needs_a_reason_and_is_kept(world):
    e, by = world.sales_employee, world.sales_manager.user
    services.period_register(employee=e, kind="sick", start=date(2026, 2, 1), end=date(2026, 3, 20), grade=50)
    case = e.cases.get()
    with pytest.raises(services.MilestoneError):
        services.milestone_not_required(case=case, key="followup_plan", by=by, reason="  ")
    services.milestone_not_required(case=case, key="followup_plan", by=by, reason="Åpenbart unødvendig.")
    milestone = case.milestones.get(key="followup_plan")
    assert milestone.state(TODAY) == milestone.State.NOT_REQUIRED
    assert milestone.not_required_reason == "Åpenbart unødvendig."
    services.milestone_reopen(case=case, key="followup_plan", by=by)
    milestone.refresh_from_db()
    assert milestone.state(TODAY) in {milestone.State.OVERDUE, milestone.State.UPCOMING, milestone.State.DUE_SOON}


def test_milestone_states(world):
    e = world.sales_employee
    services.period_register(employee=e, kind="sick", start=date(2026, 2, 1), end=date(2026, 6, 30))
    case = e.cases.get()
    states = {m.key: m.state(TODAY) for m in case.milestones.all()}
    assert states["first_conversation"] == "overdue"  # 02-05
    assert states["followup_plan"] == "overdue"  # 02-28
    assert states["dialogue_meeting_1"] == "upcoming"  # 03-21
    with time_machine.travel(date(2026, 3, 15), tick=False):
        assert case.milestones.get(key="dialogue_meeting_1").state(date(2026, 3, 15)) == "due_soon"


def test_dm2_date_moves_plan_to_nav(world):
    e, by = world.sales_employee, world.org_hr
    services.period_register(employee=e, kind="sick", start=date(2026, 1, 5), end=date(2026, 9, 30))
    case = e.cases.get()
    services.case_set_dm2_date(case=case, dm2_date=date(2026, 6, 17), by=by)
    assert case.milestones.get(key="plan_to_nav").due == date(2026, 6, 10)
    engine = deadlines.compute_timeline(
        [p.as_engine_period() for p in e.absence_periods.all()],
        today=TODAY,
        events=[deadlines.Event.dm2(date(2026, 6, 17))],
    )
    assert engine.cases[0].milestone("plan_to_nav").due == date(2026, 6, 10)


def test_no_field_can_hold_a_diagnosis():
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.get_fields():
            assert "diagnos" not in field.name.lower(), f"{model.__name__}.{field.name}"


def test_sync_is_idempotent(world):
    e = world.sales_employee
    services.period_register(employee=e, kind="sick", start=date(2026, 1, 5), end=date(2026, 3, 30))
    before = list(CaseActivity.objects.values_list("pk", flat=True))
    services.cases_sync(employee=e)
    services.cases_sync(employee=e)
    assert list(CaseActivity.objects.values_list("pk", flat=True)) == before


def test_case_closes_16_days_after_its_end(world):
    e = world.sales_employee
    services.period_register(employee=e, kind="sick", start=date(2026, 2, 15), end=date(2026, 2, 20))
    assert e.cases.get().status == Case.Status.OPEN
    services.cases_sync(employee=e, on=date(2026, 3, 8))
    assert e.cases.get().status == Case.Status.OPEN
    services.cases_sync(employee=e, on=date(2026, 3, 9))
    assert e.cases.get().status == Case.Status.CLOSED
    assert date(2026, 2, 20) + timedelta(days=16) == e.cases.get().open_until()
