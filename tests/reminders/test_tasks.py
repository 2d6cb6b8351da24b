"""The Celery tasks, run eagerly: retries on mail errors, the daily task queues what is unsent, the command."""

import smtplib
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.mail.backends import locmem
from django.core.management import CommandError, call_command

from reminders import services, tasks
from reminders.models import Delivery

from .conftest import S, at_run_hour

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(world, make_case):
    """Three escalation deliveries recorded for S+7, not yet sent."""
    make_case(world.sales_employee, ("sick", S, S + timedelta(days=60)))
    with time_machine.travel(at_run_hour(S + timedelta(days=7)), tick=False):
        services.deliveries_record(on=S + timedelta(days=7))
    return list(Delivery.objects.pending().order_by("pk").values_list("pk", flat=True))


def test_a_mail_error_retries_the_rest_later_and_sends_each_once(pending, monkeypatch, mailoutbox):
    original = locmem.EmailBackend.send_messages
    failures = []

    def fails_once_on_the_second(backend, messages):
        if len(mailoutbox) == 1 and not failures:
            failures.append(messages[0].to)
            raise smtplib.SMTPServerDisconnected("the server went away")
        return original(backend, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", fails_once_on_the_second)
    retries = []
    monkeypatch.setattr(
        tasks.send_deliveries, "retry", lambda **kw: retries.append(kw) or tasks.send_deliveries.apply(args=kw["args"])
    )
    with time_machine.travel(at_run_hour(S + timedelta(days=7)), tick=False):
        tasks.send_deliveries.apply(args=[pending, None])
    assert len(retries) == 1 and retries[0]["args"] == [pending[1:], None] and retries[0]["countdown"] == 60
    assert len(mailoutbox) == 3 == len({tuple(m.to) for m in mailoutbox})
    assert not Delivery.objects.pending().exists()


def test_retries_grow_and_when_they_run_out_the_rows_wait_for_the_next_run(pending, monkeypatch, mailoutbox, run):
    def always_fails(backend, messages):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", always_fails)
    with time_machine.travel(at_run_hour(S + timedelta(days=7)), tick=False):
        result = tasks.send_deliveries.apply(args=[pending, None])
    assert result.state == "FAILURE"
    assert Delivery.objects.pending().count() == 3
    monkeypatch.undo()
    run(S + timedelta(days=8))  # the next daily run queues them again
    assert len(mailoutbox) == 3 and not Delivery.objects.pending().exists()


def test_the_daily_task_records_and_queues_after_commit(
    world, make_case, monkeypatch, django_capture_on_commit_callbacks
):
    make_case(world.sales_employee, ("sick", S, S + timedelta(days=60)))
    queued = []
    monkeypatch.setattr(tasks.send_deliveries, "delay", lambda ids, day: queued.append((ids, day)))
    with time_machine.travel(at_run_hour(S + timedelta(days=7)), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.run_daily.apply().get() == {"closed": 0, "recorded": 3, "queued": 3}
    assert queued == [(list(Delivery.objects.order_by("pk").values_list("pk", flat=True)), None)]


def test_the_beat_schedule_runs_the_daily_job_and_the_weekly_digest():
    import sykefravaer.settings as configured  # as loaded, before any test changed it

    daily = configured.CELERY_BEAT_SCHEDULE["reminders-daily"]
    weekly = configured.CELERY_BEAT_SCHEDULE["reminders-weekly-digest"]
    assert daily["task"] == "reminders.tasks.run_daily"
    assert daily["schedule"].hour == {configured.DAILY_RUN_HOUR} and daily["schedule"].minute == {0}
    assert weekly["task"] == "reminders.tasks.send_weekly_digest"
    assert weekly["schedule"].day_of_week == {configured.DIGEST_WEEKDAY % 7}


def test_the_command_runs_the_daily_job_for_a_date(world, make_case, mailoutbox):
    make_case(world.sales_employee, ("sick", S, S + timedelta(days=60)))
    out = StringIO()
    with time_machine.travel(at_run_hour(S), tick=False):
        call_command("run_reminders", "--date", (S + timedelta(days=4)).isoformat(), stdout=out)
    assert "2026-03-06: 0 cases closed, 1 deliveries recorded" in out.getvalue()
    assert [m.subject for m in mailoutbox] == ["Due today: First conversation"]
    with pytest.raises(CommandError):
        call_command("run_reminders", "--date", "06.03.2026")


def test_a_redelivered_task_sends_nothing_twice(pending, mailoutbox):
    """The broker hands the same batch out again (acks_late after a lost connection): the claim guards it."""
    with time_machine.travel(at_run_hour(S + timedelta(days=7)), tick=False):
        first = tasks.send_deliveries.apply(args=[pending[:1], None]).get()
        again = tasks.send_deliveries.apply(args=[pending[:1], None]).get()
    assert first == {"sent": 1} and again == {"skipped": 1}
    assert len(mailoutbox) == 1


def test_a_delivery_another_worker_has_claimed_is_left_to_it(pending, mailoutbox):
    from django.utils import timezone

    Delivery.objects.filter(pk=pending[0]).update(claimed_at=timezone.now())
    with time_machine.travel(at_run_hour(S + timedelta(days=7)), tick=False):
        assert services.delivery_send(delivery_id=pending[0]) == services.SKIPPED
        assert services.deliveries_send(delivery_ids=pending) == {"sent": 2, "skipped": 1}
    assert len(mailoutbox) == 2 and pending[0] not in Delivery.objects.pending().values_list("pk", flat=True)


def test_a_batch_goes_over_one_connection_with_one_update_a_message(
    pending, monkeypatch, django_assert_max_num_queries
):

    opened = []
    original = locmem.EmailBackend.open
    monkeypatch.setattr(locmem.EmailBackend, "open", lambda self: opened.append(self) or original(self))
    with time_machine.travel(at_run_hour(S + timedelta(days=7)), tick=False):
        with django_assert_max_num_queries(len(pending) + 5):
            assert services.deliveries_send(delivery_ids=pending) == {"sent": 3}
    assert len(opened) == 1
