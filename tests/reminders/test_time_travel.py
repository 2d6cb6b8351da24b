"""A 52-week case, walked day by day: every reminder and escalation once, on its day, to the right person.

The daily job runs at 06:00 each day, twice (as if beat fired twice or a task was
retried); the weekly digest runs on Mondays at 06:30. What people do happens
at noon, after the day's run. In the middle the manager changes, and later the
new manager is away with an acting manager in charge.
"""

from datetime import datetime, time, timedelta

import pytest
import time_machine

from cases import services as case_services
from reminders import selectors, services
from reminders.models import Delivery
from tests.factories import DelegationFactory, EmployeeFactory, UserFactory

from .conftest import OSLO, S, at_run_hour, sent

pytestmark = pytest.mark.django_db

FC, FP, DM1, AR = "first_conversation", "followup_plan", "dialogue_meeting_1", "activity_requirement"
NAVQ, DM2, PTN = "nav_meeting_need_query", "dialogue_meeting_2", "plan_to_nav"
LAST_SICK_DAY = 363  # 52 weeks, S to S+363


def day(n: int):
    return S + timedelta(days=n)


EXPECTED = [
    # First conversation, due S+4: registered at noon on S, so "7 days before" comes the next morning; done S+3.
    (1, "salesmanager", FC, "before_7"),
    (3, "salesmanager", FC, "before_1"),
    # Follow-up plan, due S+27: done a day late, before the escalation on S+30.
    (20, "salesmanager", FP, "before_7"),
    (26, "salesmanager", FP, "before_1"),
    (27, "salesmanager", FP, "due"),
    # Dialogue meeting 1, due S+48: the manager changes on S+45; the new one gets the rest, not a repeat.
    (41, "salesmanager", DM1, "before_7"),
    (47, "newmanager", DM1, "before_1"),
    (48, "newmanager", DM1, "due"),
    (51, "orghr", DM1, "escalation"),
    (51, "unithr", DM1, "escalation"),
    (51, "newmanager", DM1, "escalation_copy"),
    # Activity requirement, due S+55: done the day before.
    (48, "newmanager", AR, "before_7"),
    (54, "newmanager", AR, "before_1"),
    # NAV's question, due S+119, during the delegation S+110 to S+125.
    (112, "actingmanager", NAVQ, "before_7"),
    (118, "actingmanager", NAVQ, "before_1"),
    (119, "actingmanager", NAVQ, "due"),
    (122, "orghr", NAVQ, "escalation"),
    (122, "unithr", NAVQ, "escalation"),
    (122, "actingmanager", NAVQ, "escalation_copy"),
    # Plan to NAV, due S+174: marked not required on S+170.
    (167, "newmanager", PTN, "before_7"),
    # Dialogue meeting 2, due S+181: never recorded as done.
    (174, "newmanager", DM2, "before_7"),
    (180, "newmanager", DM2, "before_1"),
    (181, "newmanager", DM2, "due"),
    (184, "orghr", DM2, "escalation"),
    (184, "unithr", DM2, "escalation"),
    (184, "newmanager", DM2, "escalation_copy"),
]


def test_a_52_week_case_day_by_day(world, settings, mailoutbox):
    settings.DIGEST_WEEKDAY = 1  # Monday
    employee = world.sales_employee
    old_manager = world.sales_manager
    new_manager = EmployeeFactory(
        organisation=world.root.organisation,
        unit=world.sales,
        first_name="New",
        user=UserFactory(username="newmanager"),
    )
    acting = EmployeeFactory(
        organisation=world.root.organisation,
        unit=world.sales,
        first_name="Acting",
        user=UserFactory(username="actingmanager"),
    )
    case = None

    def at_noon(n: int):
        return time_machine.travel(datetime.combine(day(n), time(12), tzinfo=OSLO), tick=False)

    def complete(key: str, by) -> None:
        case_services.milestone_complete(case=case, key=key, by=by.user)

    # What people do during the day, after the morning run.
    def events(n: int) -> None:
        nonlocal case
        if n == 0:
            case_services.period_register(
                employee=employee, kind="sick", start=S, end=day(LAST_SICK_DAY), by=old_manager.user
            )
            case = employee.cases.get()
        elif n == 3:
            complete(FC, old_manager)
        elif n == 28:
            complete(FP, old_manager)
        elif n == 45:
            employee.manager = new_manager
            employee.save(update_fields=["manager"])
            DelegationFactory(manager=new_manager, acting_manager=acting, starts_on=day(110), ends_on=day(125))
        elif n == 53:
            complete(DM1, new_manager)
        elif n == 54:
            complete(AR, new_manager)
        elif n == 124:
            complete(NAVQ, acting)
        elif n == 170:
            case_services.milestone_not_required(
                case=case, key=PTN, by=new_manager.user, reason="NAV cancelled dialogue meeting 2's plan requirement."
            )

    closes = LAST_SICK_DAY + 17  # R4: open until 16 days after the last sick day
    for n in range(0, closes + 3):
        with time_machine.travel(at_run_hour(day(n)), tick=False):
            services.reminders_run(send_now=True)
            services.reminders_run(send_now=True)
        if day(n).isoweekday() == 1:
            with time_machine.travel(at_run_hour(day(n)) + timedelta(minutes=30), tick=False):
                services.digest_run(send_now=True)
        with at_noon(n):
            events(n)
        if n == 190:
            with at_noon(n):  # HR's dashboard shows the open escalation of dialogue meeting 2 only
                assert [m.key for m in selectors.open_escalations(world.org_hr)] == [DM2]
                assert [m.key for m in selectors.open_escalations(world.unit_hr)] == [DM2]

    expected = [(day(n), who, key, kind) for n, who, key, kind in EXPECTED]
    assert sorted(sent()) == sorted(expected)

    # Each one went by e-mail, once, to its recipient.
    reminder_mails = [m for m in mailoutbox if not m.subject.startswith(("Weekly", "Ukesoppsummering"))]
    assert sorted(m.to[0].split("@")[0] for m in reminder_mails) == sorted(who for _, who, _, _ in EXPECTED)
    assert not Delivery.objects.pending().exists()
    assert not Delivery.objects.filter(cancelled_at__isnull=False).exists()

    # The case closed on its day, and nothing was due after.
    case.refresh_from_db()
    assert case.status == "closed"

    # One digest per ISO week to each HR user, on the Monday.
    mondays = [day(n) for n in range(0, closes + 3) if day(n).isoweekday() == 1]
    for user in [world.org_hr, world.unit_hr]:
        digests = Delivery.objects.filter(kind=Delivery.Kind.DIGEST, recipient=user).order_by("due")
        assert [d.due for d in digests] == mondays
        assert all(d.sent_at.astimezone(OSLO).date() == d.due for d in digests)
    assert len(mailoutbox) == len(EXPECTED) + 2 * len(mondays)
