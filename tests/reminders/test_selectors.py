"""HR's escalations and the weekly digest, each within the reader's HR scope."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import services as case_services
from reminders import selectors, services
from reminders.models import Delivery

from .conftest import S, at_run_hour

pytestmark = pytest.mark.django_db


def day(n: int):
    return S + timedelta(days=n)


@pytest.fixture
def two_cases(world, make_case):
    sales = make_case(world.sales_employee, ("sick", S, day(60)))
    support = make_case(world.support_employee, ("sick", S, day(60)))
    return sales, support


def test_open_escalations_show_to_hr_in_scope_until_done(two_cases, world, run):
    sales, support = two_cases
    run(day(7))
    with time_machine.travel(at_run_hour(day(7)), tick=False):
        assert [(m.case, m.key) for m in selectors.open_escalations(world.org_hr)] == [
            (sales, "first_conversation"),
            (support, "first_conversation"),
        ]
        assert [(m.case, m.key) for m in selectors.open_escalations(world.unit_hr)] == [(sales, "first_conversation")]
        assert selectors.open_escalations(world.sales_manager.user) == []  # not HR
        case_services.milestone_complete(case=sales, key="first_conversation", by=world.sales_manager.user)
        assert [m.case for m in selectors.open_escalations(world.org_hr)] == [support]


def test_open_escalations_take_a_fixed_number_of_queries(two_cases, world, make_case, run):
    def queries() -> int:
        user = type(world.org_hr).objects.get(pk=world.org_hr.pk)
        with CaptureQueriesContext(connection) as captured:
            rows = selectors.open_escalations(user)
            [(m.case.employee.full_name, m.case.employee.manager, m.case.employee.unit) for m in rows]
        return len(rows), len(captured)

    run(day(7))
    rows, few = queries()
    make_case(world.north_employee, ("sick", S, day(60)))
    make_case(world.sales_employee_2, ("sick", S, day(60)))
    run(day(8))
    assert queries() == (rows + 2, few)


def test_the_digest_counts_what_is_in_the_readers_scope(two_cases, world, run):
    run(day(7))
    summary = selectors.digest_summary(world.unit_hr, today=day(7))
    assert summary["open_cases"] == 1
    assert summary["overdue"] == 1 and summary["escalated"] == 1
    assert summary["overdue_list"] == [
        {
            "case": two_cases[0].pk,
            "employee": "Salesemployee",
            "milestone": "first_conversation",
            "due": day(4).isoformat(),
            "days_overdue": 3,
        }
    ]
    assert selectors.digest_summary(world.org_hr, today=day(7))["open_cases"] == 2


def test_the_weekly_digest_goes_once_per_iso_week_to_each_hr_user(two_cases, world, mailoutbox):
    for n in [0, 0, 3, 7]:  # Monday, the same Monday again, Thursday, next Monday
        with time_machine.travel(at_run_hour(day(n)), tick=False):
            services.digest_run(send_now=True)
    digests = Delivery.objects.filter(kind=Delivery.Kind.DIGEST).order_by("due", "recipient__username")
    assert [(d.recipient.username, d.due) for d in digests] == [
        ("orghr", S),
        ("unithr", S),
        ("orghr", day(7)),
        ("unithr", day(7)),
    ]
    assert len(mailoutbox) == 4
    unit_mail = next(m for m in mailoutbox if m.to == ["unithr@example.org"] and "9. mar." in m.subject)
    assert "Salesemployee" in unit_mail.body and "Supportemployee" not in unit_mail.body
    assert "http://127.0.0.1:8000/hr/" in unit_mail.body
    # The notification keeps the counts, not the names (a digest outlives the cases it lists).
    stored = digests.filter(recipient=world.unit_hr).last().data
    assert stored["overdue"] == 1 and "Salesemployee" not in str(stored)
