"""What the case page shows: timeline events and the meeting section's overview."""

from datetime import date

from cases.timeline import case_timeline_events
from dialog_meetings import selectors, services
from dialog_meetings.models import Participant
from dialog_meetings.services import Invitee

from .conftest import oslo


def kinds(events):
    return [(e.date, e.kind) for e in events]


def test_timeline_shows_invited_moved_cancelled_and_held(case, invite, people, clock):
    first = invite(case)
    services.meeting_reschedule(
        meeting=first,
        by=people.manager,
        starts_at=oslo(2026, 2, 11, 10, 0),
        ends_at=oslo(2026, 2, 11, 11, 0),
        place="Kantina",
    )
    services.meeting_cancel(meeting=first, by=people.manager, reason="Syk leder")
    clock.move_to(oslo(2026, 2, 3, 9, 0))
    second = invite(case, starts_at=oslo(2026, 2, 16, 9, 0))
    clock.move_to(oslo(2026, 2, 16, 12, 0))
    services.minutes_record(
        meeting=second, by=people.manager, situation="S", conclusion="K", employee_tasks="A", employer_tasks="B"
    )
    events = selectors.case_timeline_events(case, user=people.employee)
    assert kinds(events) == [
        (date(2026, 2, 2), "meeting_invited"),
        (date(2026, 2, 2), "meeting_rescheduled"),
        (date(2026, 2, 2), "meeting_cancelled"),
        (date(2026, 2, 3), "meeting_invited"),
        (date(2026, 2, 16), "meeting_held"),
    ]
    cancelled = events[2]
    assert "Syk leder" in cancelled.label
    assert cancelled.url == f"/saker/{case.pk}/moter/{first.pk}/"


def test_a_planned_meeting_is_on_the_timeline_on_its_day(case, invite, people):
    invite(case)
    events = case_timeline_events(case, user=people.manager)  # through the case app's collector
    planned = [e for e in events if e.kind == "meeting_planned"]
    assert planned and planned[0].date == date(2026, 2, 10)


def test_timeline_shows_navs_meetings_and_the_need_answer(case, people):
    services.meeting_need_answer(case=case, by=people.manager, needed=True, reason="Trenger hjelp")
    dm2 = services.nav_meeting_record(
        case=case, by=people.manager, kind="dm2", starts_at=oslo(2026, 6, 15, 12, 0), ends_at=oslo(2026, 6, 15, 13, 0)
    )
    services.nav_meeting_reply(meeting=dm2, by=people.manager, reply="coming")
    found = kinds(selectors.case_timeline_events(case, user=people.manager))
    assert (date(2026, 2, 2), "meeting_need_answered") in found
    assert (date(2026, 2, 2), "meeting_nav_date") in found
    assert (date(2026, 2, 2), "meeting_nav_reply") in found
    assert (date(2026, 6, 15), "meeting_planned") in found


def test_overview_for_the_employee_and_the_manager(case, invite, people):
    meeting = invite(case, others=[Invitee(Participant.Role.DOCTOR, "Dr. Lege", "")])
    manager_view = selectors.case_overview(case, user=people.manager, today=date(2026, 2, 2))
    assert manager_view.can_change and not manager_view.is_employee
    assert manager_view.dm1 == meeting and not manager_view.can_invite_dm1
    assert manager_view.dm1_milestone.obj.due == date(2026, 2, 22)
    assert not manager_view.dm1_minutes_possible
    employee_view = selectors.case_overview(case, user=people.employee, today=date(2026, 2, 10))
    assert employee_view.is_employee and not employee_view.can_change
    page = selectors.meeting_page(meeting, user=people.employee)
    assert page.can_participate and page.doctor_awaiting_consent.name == "Dr. Lege"


def test_plan_to_nav_alert_appears_with_a_dm2_date(case, people):
    assert not selectors.case_overview(case, user=people.manager).plan_to_nav_alert
    services.nav_meeting_record(
        case=case, by=people.manager, kind="dm2", starts_at=oslo(2026, 6, 15, 12, 0), ends_at=oslo(2026, 6, 15, 13, 0)
    )
    overview = selectors.case_overview(case, user=people.manager)
    assert overview.plan_to_nav_alert and overview.plan_to_nav.obj.due == date(2026, 6, 8)
