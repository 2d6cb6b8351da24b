"""The daily run: each step once, on its day, to the right person; catch-up; moved dates; exactly once."""

from datetime import timedelta

import pytest
import time_machine
from django.core.mail.backends import locmem
from django.urls import reverse

from cases import services as case_services
from cases.models import Case
from reminders import services
from reminders.models import Delivery, NotificationPreference
from tests.factories import DelegationFactory

from .conftest import S, at_run_hour, sent

pytestmark = pytest.mark.django_db
FC, FP = "first_conversation", "followup_plan"


def day(n: int):
    return S + timedelta(days=n)


@pytest.fixture
def case(world, make_case):
    """Sick from S for 61 days: first conversation due S+4, plan S+27, DM1 S+48, activity S+55."""
    return make_case(world.sales_employee, ("sick", S, day(60)), by=world.sales_manager.user)


def test_manager_gets_each_step_once_on_its_day_then_hr_gets_the_escalation(case, run_days):
    run_days(S, day(12))
    assert sent(milestone_key=FC) == [
        (S, "salesmanager", FC, "before_7"),  # due in 4 days: the case began after "7 days before"
        (day(3), "salesmanager", FC, "before_1"),
        (day(4), "salesmanager", FC, "due"),
        (day(7), "orghr", FC, "escalation"),
        (day(7), "unithr", FC, "escalation"),
        (day(7), "salesmanager", FC, "escalation_copy"),
    ]


def test_running_the_same_day_twice_sends_one_email(case, run, mailoutbox):
    run(S)
    run(S)
    assert [m.to for m in mailoutbox] == [["salesmanager@example.org"]]
    assert Delivery.objects.count() == 1


def test_a_run_killed_half_way_is_finished_by_the_next_run_without_doubles(
    world, make_case, run, monkeypatch, mailoutbox, client
):
    """Killed while sending the fourth: three sent and stamped, the fourth claimed; never sent twice."""
    for employee in [world.sales_employee, world.north_employee, world.support_employee]:
        make_case(employee, ("sick", S, day(60)))
    original = locmem.EmailBackend.send_messages
    calls = []

    def dies_on_the_fourth(backend, messages):
        if len(calls) == 3:
            raise RuntimeError("worker killed")
        calls.extend(messages)
        return original(backend, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", dies_on_the_fourth)
    with pytest.raises(RuntimeError):
        run(day(7))  # every first conversation is 3 days overdue: 8 escalations and copies
    assert len(mailoutbox) == 3
    assert Delivery.objects.filter(sent_at__isnull=False).count() == 3
    claimed = Delivery.objects.claimed().get()  # nobody knows whether the mail server got it
    monkeypatch.setattr(locmem.EmailBackend, "send_messages", original)
    run(day(7))
    assert len(mailoutbox) == 7 and Delivery.objects.claimed().get() == claimed
    run(day(8))  # claimed long ago: stamped as sent, the e-mail marked uncertain, not sent again
    recipients = sorted((m.to[0], m.body.split("\n")[2]) for m in mailoutbox)
    assert len(recipients) == 7 == len(set(recipients))
    assert Delivery.objects.filter(sent_at__isnull=False).count() == 8
    claimed.refresh_from_db()
    assert claimed.email_uncertain and not claimed.emailed and claimed.sent_at == claimed.claimed_at
    assert f".delivery-{claimed.pk}@" in claimed.message_id  # to look it up in the mail server's log
    client.force_login(claimed.recipient)  # the notification is there, and says the e-mail may not have come
    assert b'data-testid="email-uncertain"' in client.get(reverse("reminders:list")).content


def test_missed_days_are_caught_up_by_the_furthest_step_only(case, run):
    run(S)
    run(day(8))  # the worker was down from S+1 to S+7
    assert sent(milestone_key=FC) == [
        (S, "salesmanager", FC, "before_7"),
        (day(8), "orghr", FC, "escalation"),
        (day(8), "unithr", FC, "escalation"),
        (day(8), "salesmanager", FC, "escalation_copy"),
    ]
    run(day(22))  # plan due S+27: "7 days before" is sent late, five days before
    run(day(26))
    assert sent(milestone_key=FP) == [
        (day(22), "salesmanager", FP, "before_7"),
        (day(26), "salesmanager", FP, "before_1"),
    ]


def test_recorded_but_unsent_deliveries_are_sent_by_the_next_run_unless_overtaken(case, run):
    with time_machine.travel(at_run_hour(day(3)), tick=False):
        services.deliveries_record(on=day(3))  # recorded, then the worker died before sending
    assert Delivery.objects.pending().get().kind == Delivery.Kind.BEFORE
    run(day(4))
    before, due = Delivery.objects.order_by("pk")
    assert before.cancelled_at is not None and before.data == {"cancelled": "overtaken"}
    assert sent(milestone_key=FC) == [(day(4), "salesmanager", FC, "due")]

    with time_machine.travel(at_run_hour(day(7)), tick=False):
        services.deliveries_record(on=day(7))
    run(day(8))  # an escalation still holds the day after: sent late
    assert len(sent(milestone_key=FC, kind__in=["escalation", "escalation_copy"])) == 3


def test_done_and_not_required_milestones_are_not_reminded(case, world, run, run_days):
    manager = world.sales_manager.user
    run(S)
    with time_machine.travel(at_run_hour(day(2)), tick=False):
        case_services.milestone_complete(case=case, key=FC, by=manager)
        case_services.milestone_not_required(case=case, key=FP, by=manager, reason="Graded, back in own tasks.")
    run_days(day(2), day(40))
    assert sent(milestone_key=FC) == [(S, "salesmanager", FC, "before_7")]
    assert sent(milestone_key=FP) == []


def test_milestones_that_do_not_apply_and_closed_cases_are_not_reminded(world, make_case, run_days):
    # Sick until S+115: NAV's question at S+119 does not apply.
    make_case(world.sales_employee, ("sick", S, day(115)))
    run_days(day(110), day(125))
    assert sent(milestone_key="nav_meeting_need_query") == []
    assert Delivery.objects.filter(milestone_key="nav_meeting_need_query").count() == 0


def test_an_ended_case_is_closed_16_days_after_its_last_day_and_gets_nothing_more(world, make_case, run):
    case = make_case(world.sales_employee, ("sick", S, day(10)))
    run(day(26))
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN
    result = run(day(27))
    case.refresh_from_db()
    assert (case.status, result.closed_cases) == (Case.Status.CLOSED, 1)
    before = Delivery.objects.count()
    run(day(28))
    assert Delivery.objects.count() == before


def test_when_the_due_date_moves_the_reminders_follow_the_new_date(case, world, run, run_days):
    manager = world.sales_manager.user
    with time_machine.travel(at_run_hour(day(2)), tick=False):
        case_services.milestone_complete(case=case, key=FC, by=manager)
    run_days(S, day(20))  # plan due S+27: "7 days before" on S+20
    period = case.employee.absence_periods.get()
    with time_machine.travel(at_run_hour(day(21)), tick=False):
        # The sick note really began five days later: the plan is now due S+32.
        case_services.period_update(period=period, start=day(5), end=day(60), grade=100, kind="sick", by=manager)
    case.refresh_from_db()
    assert case.milestones.get(key=FP).due == day(32)
    run_days(day(21), day(36))
    assert sent(milestone_key=FP) == [
        (day(20), "salesmanager", FP, "before_7"),
        (day(25), "salesmanager", FP, "before_7"),  # the steps start over for the new date
        (day(31), "salesmanager", FP, "before_1"),
        (day(32), "salesmanager", FP, "due"),
        (day(35), "orghr", FP, "escalation"),
        (day(35), "unithr", FP, "escalation"),
        (day(35), "salesmanager", FP, "escalation_copy"),
    ]


def test_an_unsent_reminder_for_a_date_that_moved_is_cancelled(case, world, run):
    with time_machine.travel(at_run_hour(day(20)), tick=False):
        services.deliveries_record(on=day(20))
    pending = Delivery.objects.pending().get(milestone_key=FP)
    period = case.employee.absence_periods.get()
    with time_machine.travel(at_run_hour(day(20)), tick=False):
        case_services.period_update(
            period=period, start=day(3), end=day(60), grade=100, kind="sick", by=world.sales_manager.user
        )
        assert services.delivery_send(delivery_id=pending.pk) == services.CANCELLED
    pending.refresh_from_db()
    assert pending.data == {"cancelled": "due_date_moved"} and pending.sent_at is None


def test_after_a_manager_change_the_next_steps_go_to_the_new_manager_and_none_is_repeated(
    case, world, run, run_days, mailoutbox
):
    run(S)  # "7 days before" to the sales manager
    employee = world.sales_employee
    employee.manager = world.support_manager
    employee.save()
    run_days(day(1), day(8))
    assert sent(milestone_key=FC) == [
        (S, "salesmanager", FC, "before_7"),  # not sent again to the new manager
        (day(3), "supportmanager", FC, "before_1"),
        (day(4), "supportmanager", FC, "due"),
        (day(7), "orghr", FC, "escalation"),
        (day(7), "unithr", FC, "escalation"),
        (day(7), "supportmanager", FC, "escalation_copy"),
    ]


def test_the_database_refuses_a_second_recipient_for_a_managers_step(case, world, run):
    run(S)
    first = Delivery.objects.get()
    Delivery.objects.bulk_create(
        [
            Delivery(
                kind=first.kind,
                days_before=first.days_before,
                case=case,
                milestone_key=FC,
                due=first.due,
                recipient=world.support_manager.user,
                run_on=S,
            )
        ],
        ignore_conflicts=True,
    )
    assert Delivery.objects.count() == 1


def test_during_a_delegation_the_acting_manager_gets_the_steps(case, world, run_days):
    DelegationFactory(
        manager=world.sales_manager, acting_manager=world.support_manager, starts_on=day(3), ends_on=day(4)
    )
    run_days(S, day(7))
    assert sent(milestone_key=FC) == [
        (S, "salesmanager", FC, "before_7"),
        (day(3), "supportmanager", FC, "before_1"),
        (day(4), "supportmanager", FC, "due"),
        (day(7), "orghr", FC, "escalation"),
        (day(7), "unithr", FC, "escalation"),
        (day(7), "salesmanager", FC, "escalation_copy"),  # the delegation has ended
    ]


def test_hr_for_another_unit_gets_no_escalation(world, make_case, run):
    make_case(world.support_employee, ("sick", S, day(60)))
    run(day(7))
    assert sent(milestone_key=FC) == [
        (day(7), "orghr", FC, "escalation"),
        (day(7), "supportmanager", FC, "escalation_copy"),
    ]


def test_the_employee_is_never_told_about_their_own_case(world, make_case, run):
    # The HR person for the whole organisation is herself on sick leave.
    hr_employee = world.support_employee
    hr_employee.user = world.org_hr
    hr_employee.save()
    make_case(hr_employee, ("sick", S, day(60)))
    run(day(7))
    assert sent(milestone_key=FC) == [(day(7), "supportmanager", FC, "escalation_copy")]


def test_each_recipient_reads_the_email_in_their_own_language(case, world, run, mailoutbox):
    world.sales_manager.preferred_language = "en"
    world.sales_manager.save()
    run(S)
    run(day(7))
    english = mailoutbox[0]
    assert english.to == ["salesmanager@example.org"]
    assert "First conversation" in english.subject and "Mar 2026" in english.subject
    assert "Recommended routine (NAV)" in english.body
    norwegian = next(
        m for m in mailoutbox if m.to == ["orghr@example.org"]
    )  # users without an employee: the site's language, nb
    assert "Første samtale" in norwegian.body and "6. mar. 2026" in norwegian.body
    assert "Anbefalt rutine (NAV)" in norwegian.body


def test_in_app_only_means_no_email_but_a_notification(case, world, run, mailoutbox):
    NotificationPreference.objects.create(
        user=world.sales_manager.user, channel=NotificationPreference.Channel.APP_ONLY
    )
    run(S)
    assert mailoutbox == []
    delivery = Delivery.objects.get()
    assert delivery.sent_at is not None and delivery.emailed is False
    assert list(Delivery.objects.unread().filter(recipient=world.sales_manager.user)) == [delivery]


def test_a_recipient_without_an_address_gets_the_notification_in_the_app(case, world, run, mailoutbox):
    user = world.sales_manager.user
    user.email = ""
    user.save()
    world.sales_manager.email = ""
    world.sales_manager.save()
    run(S)
    assert mailoutbox == [] and Delivery.objects.get().sent_at is not None


def test_other_milestones_such_as_org_routine_steps_are_reminded_the_same_way(case, world, run, mailoutbox):
    case.milestones.create(key="check_in_call", due=day(10), statutory=False)
    run(day(3))
    run(day(10))
    assert sent(milestone_key="check_in_call") == [
        (day(3), "salesmanager", "check_in_call", "before_7"),
        (day(10), "salesmanager", "check_in_call", "due"),
    ]
    assert "Check in call" in mailoutbox[-1].subject
    assert "Open the case and complete this step." in mailoutbox[-1].body


def test_the_run_records_a_missed_weekly_digest_but_not_on_the_digest_day(world, run, settings):
    settings.DIGEST_WEEKDAY = 1
    run(S)  # Monday: the weekly task sends it
    assert not Delivery.objects.filter(kind=Delivery.Kind.DIGEST).exists()
    run(day(1))  # Tuesday: it was missed, so the daily run catches up
    run(day(2))
    assert sorted(Delivery.objects.filter(kind="digest").values_list("recipient__username", "due")) == [
        ("orghr", S),
        ("unithr", S),
    ]


def test_a_message_for_someone_deactivated_before_it_went_out_is_cancelled(case, world, run):
    with time_machine.travel(at_run_hour(S), tick=False):
        services.deliveries_record(on=S)
    user = world.sales_manager.user
    user.is_active = False
    user.save()
    run(S)
    assert Delivery.objects.get().data == {"cancelled": "recipient_inactive"}
