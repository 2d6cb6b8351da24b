"""The organisation's own routine steps: due dates, how changes apply from the day they are made, the case page."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases import services as case_services
from cases.models import CaseActivity, CaseMilestone
from cases.templatetags.cases_tags import milestone_title
from hr import routine, services
from hr.models import RoutineStep, RoutineStepChange

from .conftest import TODAY

pytestmark = pytest.mark.django_db

CHECK_IN = dict(
    name_nb="Oppfølgingssamtale dag 31",
    name_en="Check-in on day 31",
    anchor="case_start",
    offset=31,
    offset_unit="days",
    responsible="manager",
    reminder_nb="Ta en ny prat.",
    reminder_en="Talk again.",
)


def _step(**fields) -> RoutineStep:
    return RoutineStep(**{**CHECK_IN, "active_from": date(2020, 1, 1), **fields})


@pytest.mark.parametrize(
    "fields, due",
    [
        (dict(offset=31), date(2026, 2, 21)),  # day 31, counting 22 January as day 1
        (dict(offset=52, offset_unit="weeks"), date(2027, 1, 20)),  # within 52 weeks: day 364
        (dict(offset=3, offset_unit="months"), date(2026, 4, 21)),
        (dict(anchor="milestone", anchor_milestone="dialogue_meeting_1", offset=-7), date(2026, 3, 4)),
        (dict(anchor="max_date", offset=-3, offset_unit="months"), date(2026, 10, 31)),
        (dict(anchor="max_date", offset=0), date(2027, 1, 31)),
    ],
)
def test_step_due_dates(fields, due):
    anchors = {"dialogue_meeting_1": routine.Anchor(date(2026, 3, 11), True)}
    target = routine.step_target(
        _step(**fields),
        case_start=date(2026, 1, 22),
        case_end=date(2027, 6, 1),
        max_date=date(2027, 1, 31),
        anchors=anchors,
    )
    assert target.due == due
    assert target.applies


def test_a_step_after_the_case_ends_or_on_a_milestone_that_does_not_apply_does_not_apply():
    anchors = {"dialogue_meeting_1": routine.Anchor(date(2026, 3, 11), False, "not_fully_absent")}
    short = routine.step_target(
        _step(), case_start=date(2026, 1, 22), case_end=date(2026, 2, 10), max_date=None, anchors=anchors
    )
    assert (short.applies, short.reason) == (False, "case_ended_before_due")
    graded = routine.step_target(
        _step(anchor="milestone", anchor_milestone="dialogue_meeting_1", offset=-7),
        case_start=date(2026, 1, 22),
        case_end=date(2026, 6, 1),
        max_date=None,
        anchors=anchors,
    )
    assert (graded.applies, graded.reason) == (False, "not_fully_absent")


@pytest.mark.parametrize(
    "day, amount, unit, expected",
    [
        (date(2026, 1, 31), 1, "months", date(2026, 2, 28)),
        (date(2024, 1, 31), 1, "months", date(2024, 2, 29)),
        (date(2026, 5, 31), -3, "months", date(2026, 2, 28)),
        (date(2026, 12, 15), 2, "months", date(2027, 2, 15)),
        (date(2026, 3, 1), -2, "weeks", date(2026, 2, 15)),
    ],
)
def test_shift(day, amount, unit, expected):
    assert routine.shift(day, amount, unit) == expected


def _create(world, **fields):
    return services.routine_step_create(organisation=world.root.organisation, by=world.org_hr, **{**CHECK_IN, **fields})


def _row(case, step):
    return case.milestones.filter(key=step.key).first()


def test_a_new_step_goes_to_open_cases_where_it_is_not_yet_due(world, cases, frozen):
    step = _create(world)
    # north: day 1 is 28 February, day 31 is 30 March: added. support: day 1 11 February, day 31 13 March: added.
    assert _row(cases["north"], step).due == date(2026, 3, 30)
    assert _row(cases["support"], step).due == date(2026, 3, 13)
    # sales: day 31 was 21 February, before the step existed: not added.
    assert _row(cases["sales"], step) is None
    support = _row(cases["support"], step)
    assert (support.statutory, support.applies) == (False, True)
    assert not _row(cases["north"], step).applies  # north's sick note ends on 20 March, before day 31
    assert step.key == f"org-{step.pk}"
    assert cases["north"].milestones.filter(statutory=True).count() == 6  # the statutory ones stay


def test_new_cases_get_the_steps(world, make_case, frozen):
    step = _create(world)
    case = make_case(world.sales_employee_2, ("sick", date(2026, 3, 2), date(2026, 4, 30), 100), today=TODAY)
    assert _row(case, step).due == date(2026, 4, 1)


def test_a_step_follows_its_case_when_a_sick_note_is_extended(world, make_case, frozen):
    step = _create(world)
    case = make_case(world.sales_employee_2, ("sick", date(2026, 3, 2), date(2026, 3, 20), 100), today=TODAY)
    assert (_row(case, step).applies, _row(case, step).reason) == (False, "case_ended_before_due")
    period = case.employee.absence_periods.get()
    case_services.period_update(period=period, kind="sick", start=period.start, end=date(2026, 4, 20), grade=100)
    assert _row(case, step).applies


def test_closed_cases_get_no_new_steps(world, make_case, frozen):
    closed = make_case(world.sales_employee_2, ("sick", date(2025, 11, 3), date(2025, 12, 20), 100), today=TODAY)
    step = _create(world, offset=300)
    assert _row(closed, step) is None


def test_changing_a_step_moves_milestones_not_yet_due_and_keeps_overdue_ones(world, cases):
    with time_machine.travel(date(2026, 3, 2), tick=False):
        step = _create(world)
    with time_machine.travel(date(2026, 3, 20), tick=False):  # support's day-31 (13 March) is now overdue
        services.routine_step_update(step=step, by=world.org_hr, offset=35)
    assert _row(cases["support"], step).due == date(2026, 3, 13)
    assert _row(cases["north"], step).due == date(2026, 4, 3)  # day 35
    assert CaseActivity.objects.filter(case=cases["north"], kind="deadline_moved", detail__key=step.key).exists()
    step.refresh_from_db()
    assert step.active_from == date(2026, 3, 20)


def test_a_change_never_moves_a_milestone_to_before_the_day_it_is_made(world, cases):
    with time_machine.travel(date(2026, 3, 2), tick=False):
        step = _create(world)
    with time_machine.travel(date(2026, 3, 20), tick=False):  # north's day 31 is 30 March; day 10 is 9 March
        services.routine_step_update(step=step, by=world.org_hr, offset=10)
    assert _row(cases["north"], step).due == date(2026, 3, 20)


def test_done_steps_never_change(world, cases):
    with time_machine.travel(date(2026, 3, 2), tick=False):
        step = _create(world)
        case_services.milestone_complete(case=cases["north"], key=step.key, by=world.sales_manager.user)
        services.routine_step_update(step=step, by=world.org_hr, offset=40)
    assert _row(cases["north"], step).due == date(2026, 3, 30)


def test_taking_a_step_out_of_use_ends_milestones_not_yet_due(world, cases):
    with time_machine.travel(date(2026, 3, 2), tick=False):
        step = _create(world, offset=20)  # day 20: north 19 March, support 2 March
    with time_machine.travel(date(2026, 3, 10), tick=False):
        services.routine_step_set_active(step=step, active=False, by=world.org_hr)
        north, support = _row(cases["north"], step), _row(cases["support"], step)
        assert (north.applies, north.reason) == (False, routine.STEP_ENDED)
        assert north.state(date(2026, 3, 10)) == CaseMilestone.State.NOT_REQUIRED
        assert support.applies and support.state(date(2026, 3, 10)) == CaseMilestone.State.OVERDUE
    with time_machine.travel(date(2026, 3, 12), tick=False):
        services.routine_step_set_active(step=step, active=True, by=world.org_hr)
    assert _row(cases["north"], step).applies
    assert _row(cases["north"], step).due == date(2026, 3, 19)
    actions = list(RoutineStepChange.objects.filter(step=step).order_by("at", "pk").values_list("action", flat=True))
    assert actions == ["created", "ended", "resumed"]


def test_a_changed_name_shows_at_once_and_everything_is_logged(world, cases, frozen):
    step = _create(world)
    services.routine_step_update(step=step, by=world.org_hr, name_en="Second conversation")
    step.refresh_from_db()
    assert step.active_from == TODAY
    change = RoutineStepChange.objects.get(step=step, action="changed")
    assert (change.before["name_en"], change.after["name_en"]) == ("Check-in on day 31", "Second conversation")
    assert AuditEvent.objects.filter(action="routine.step_created", actor=world.org_hr).exists()
    assert AuditEvent.objects.filter(action="routine.step_changed", object_id=str(step.pk)).exists()
    from django.utils import translation

    with translation.override("en"):
        assert milestone_title(step.key) == "Second conversation"
    with translation.override("nb"):
        assert milestone_title(step.key) == "Oppfølgingssamtale dag 31"
        assert milestone_title("followup_plan") == "Oppfølgingsplan"


@pytest.mark.parametrize(
    "fields, code",
    [
        (dict(name_en=" "), "name_required"),
        (dict(anchor="milestone", anchor_milestone=""), "anchor_required"),
        (dict(anchor="milestone", anchor_milestone="org-1"), "anchor_required"),
        (dict(offset=0), "offset_too_small"),
        (dict(offset=2000), "offset_too_large"),
        (dict(reminder_en=""), "reminder_required"),
    ],
)
def test_invalid_steps_are_refused(world, frozen, fields, code):
    with pytest.raises(services.RoutineError) as error:
        _create(world, **fields)
    assert error.value.code == code


def test_the_case_page_names_the_step_as_the_organisations_own(client, world, cases, frozen):
    step = _create(world, anchor="max_date", offset=-3, offset_unit="months", name_en="Letter about the max date")
    client.cookies["sykefravaer_language"] = "en"
    client.force_login(world.sales_manager.user)
    response = client.get(reverse("cases:detail", args=[cases["north"].pk]))
    content = response.content.decode()
    row = next(m for m in response.context["milestones"] if m["obj"].key == step.key)
    assert row["title"] == "Letter about the max date"
    assert row["legal_basis"] == "The organisation's own routine"
    assert row["explanation"] == "3 months before the max date. Responsible: nearest manager."
    assert row["own_routine"] and not row["statutory"]
    assert f'data-testid="milestone-{step.key}"' in content


def test_steps_on_the_dashboard(client, world, cases, frozen):
    step = _create(world, offset=3)  # day 3: north's is due today (2 March)
    client.force_login(world.org_hr)
    response = client.get(reverse("hr_start"), {"kind": step.key})
    rows = response.context["page"].object_list
    assert [(r["case"].pk, r["case"].next_key, r["state"]) for r in rows] == [(cases["north"].pk, step.key, "due_soon")]
    assert "Check-in on day 31" in response.content.decode() or "Oppfølgingssamtale dag 31" in response.content.decode()


# The pages ----------------------------------------------------------------------------

FORM = {
    "name_nb": "Brev om maksdato",
    "name_en": "Letter about the max date",
    "amount": "3",
    "offset_unit": "months",
    "direction": "before",
    "anchor": "max_date",
    "anchor_milestone": "dialogue_meeting_1",
    "responsible": "hr",
    "reminder_nb": "Send brevet.",
    "reminder_en": "Send the letter.",
}


def test_hr_adds_a_step_through_the_form(client, world, cases, frozen):
    client.force_login(world.org_hr)
    response = client.post(reverse("hr:routine_step_new"), FORM)
    assert response.status_code == 302
    step = RoutineStep.objects.get()
    assert (step.anchor, step.anchor_milestone, step.offset, step.offset_unit) == ("max_date", "", -3, "months")
    assert step.created_by == world.org_hr
    listing = client.get(reverse("hr:routine")).content.decode()
    assert "Brev om maksdato" in listing


def test_the_form_keeps_what_was_typed_when_refused(client, world, frozen):
    client.force_login(world.org_hr)
    response = client.post(reverse("hr:routine_step_new"), {**FORM, "anchor": "milestone", "anchor_milestone": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["anchor_milestone"]
    assert 'value="Brev om maksdato"' in response.content.decode()
    assert not RoutineStep.objects.exists()


def test_hr_edits_and_ends_a_step(client, world, cases, frozen):
    step = _create(world)
    client.force_login(world.org_hr)
    response = client.post(
        reverse("hr:routine_step_edit", args=[step.pk]),
        {**FORM, "anchor": "case_start", "amount": "30", "offset_unit": "days"},
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.offset, step.name_nb) == (30, "Brev om maksdato")
    client.post(reverse("hr:routine_step_toggle", args=[step.pk]))
    step.refresh_from_db()
    assert not step.active


def test_unit_hr_reads_the_routine_but_cannot_change_it(client, world, frozen):
    step = _create(world)
    client.force_login(world.unit_hr)
    assert client.get(reverse("hr:routine")).status_code == 200
    assert client.get(reverse("hr:routine_step_new")).status_code == 404
    assert client.post(reverse("hr:routine_step_edit", args=[step.pk]), FORM).status_code == 404
    assert client.post(reverse("hr:routine_step_toggle", args=[step.pk])).status_code == 404
    client.force_login(world.sales_manager.user)
    assert client.get(reverse("hr:routine")).status_code == 404


def test_a_step_of_another_organisation_is_not_found(client, world, frozen):
    from ..factories import OrganisationFactory

    other = OrganisationFactory(org_number="974760673", name="Annen AS")
    step = services.routine_step_create(organisation=other, by=None, **CHECK_IN)
    client.force_login(world.org_hr)
    assert client.get(reverse("hr:routine_step_edit", args=[step.pk])).status_code == 404


def test_the_manager_marks_a_step_done_or_not_required_on_the_case(client, world, cases, frozen):
    step = _create(world, offset=20)
    case = cases["support"]
    client.force_login(world.support_manager.user)
    for name in ("cases:milestone_done", "cases:milestone_not_required"):
        response = client.get(reverse(name, args=[case.pk, step.key]))
        assert response.status_code == 200
        assert response.context["title"] == "Oppfølgingssamtale dag 31"
    client.post(
        reverse("cases:milestone_done", args=[case.pk, step.key]),
        {"note": "Snakket sammen", "done_on": timezone.localdate().isoformat()},
    )
    assert _row(case, step).completed_at is not None


def test_reminders_name_routine_steps_and_use_their_reminder_text(world):
    from django.utils import translation

    from reminders import texts

    step = _create(world)
    key = f"org-{step.pk}"
    with translation.override("nb"):
        assert texts.milestone_title(key) == step.name_nb
        assert texts.what_to_do(key) == step.reminder_nb
    with translation.override("en"):
        assert texts.milestone_title(key) == step.name_en
        assert texts.what_to_do(key) == step.reminder_en
