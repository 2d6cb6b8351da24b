"""Issue 19 item 10: a real Celery worker killed (SIGKILL) in the middle of a batch, counted at an SMTP sink.

The sink (aiosmtpd, in this process) kills the worker while it receives the fourth
message of the batch, after keeping it and before answering: the mail reached the
server, the worker never learnt it. A new worker starts and, without any daily run,
sends the rest (celery's worker_ready, sykefravaer/celery.py). Each delivery reaches
the sink exactly once, by its Message-ID; the one the killed worker could not stamp
is resolved as "e-mail uncertain" and never sent again.
"""

import email
import os
import signal
import socket
import subprocess
import threading
import uuid
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from celery import Celery

from reminders import services
from reminders.models import Delivery
from tests.workers import start_worker

from .conftest import S
from .test_worker import DAY, REDIS_URL, _database_url, _wait

pytestmark = pytest.mark.django_db(transaction=True)
KILL_AT = 4  # the batch: 3 cases × (HR for the organisation, HR for the unit, the manager's copy) = 8 messages


class Sink:
    """An SMTP server that keeps every message and kills the worker on the KILL_AT-th."""

    def __init__(self):
        self.messages: list[email.message.Message] = []
        self.victim: subprocess.Popen | None = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content))
            if len(self.messages) == KILL_AT and self.victim is not None:
                self.victim.send_signal(signal.SIGKILL)  # before "250 OK": the worker never hears it
                self.victim.wait()
        return "250 OK"


@pytest.fixture
def sink():
    handler = Sink()
    with socket.socket() as probe:  # a free port (aiosmtpd checks it is up by connecting to it)
        probe.bind(("127.0.0.1", 0))
        handler.port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    yield handler
    controller.stop()


@pytest.fixture(
    params=[
        pytest.param("redis", marks=pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set")),
        "filesystem",
    ]
)
def workers(request, tmp_path, sink):
    """start() starts a worker on a private queue, sending by SMTP to the sink; send(name, *args) sends a task."""
    database_url = _database_url()
    queue = f"test-crash-{uuid.uuid4().hex[:12]}"
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.reminders.worker_settings",
            "TEST_CELERY_QUEUE": queue,
            "DATABASE_URL": database_url,
            "VAR_DIR": str(tmp_path),
            "EMAIL_BACKEND": "smtp",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(sink.port),
            "EMAIL_USE_TLS": "false",
            "SITE_URL": "https://sykefravaer.example.no",
            "DIGEST_WEEKDAY": "7",
        }
    )
    if request.param == "redis":
        env["REDIS_URL"] = REDIS_URL
        sender = Celery("test-sender", broker=REDIS_URL)
    else:
        folder = tmp_path / "celery"
        for path in ["out", "processed", "control"]:
            (folder / path).mkdir(parents=True)
        sender = Celery("test-sender", broker="filesystem://")
        sender.conf.broker_transport_options = {
            "data_folder_in": str(folder / "out"),
            "data_folder_out": str(folder / "out"),
            "processed_folder": str(folder / "processed"),
            "control_folder": str(folder / "control"),
            "store_processed": False,
        }
    processes = []

    def start(name: str):
        log = tmp_path / f"{name}.log"
        process = start_worker(queue, env, log)
        process.log = log
        processes.append(process)
        _wait(lambda: "ready." in log.read_text() or process.poll() is not None, f"{name} to start")
        assert process.poll() is None, log.read_text()
        return process

    def send(name: str, *args) -> None:
        sender.send_task(name, args=list(args), queue=queue)

    yield start, send
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    sender.close()
    if request.param == "redis":
        import redis

        redis.Redis.from_url(REDIS_URL).delete(queue)


def test_a_worker_killed_mid_batch_leaves_nothing_sent_twice_and_nothing_waiting(workers, sink, world, make_case):
    start, send = workers
    for employee in [world.sales_employee, world.north_employee, world.support_employee]:
        make_case(employee, ("sick", S, S + timedelta(days=60)))
    first = start("first")
    sink.victim = first

    send("reminders.tasks.run_daily", DAY.isoformat())  # records 8 and queues them as one batch
    _wait(lambda: first.poll() is not None, f"the sink to kill the worker:\n{first.log.read_text()}")
    assert first.returncode == -signal.SIGKILL
    assert len(sink.messages) == KILL_AT
    assert Delivery.objects.filter(sent_at__isnull=False).count() == KILL_AT - 1
    assert Delivery.objects.claimed().count() == 1  # at the sink, but never stamped
    assert Delivery.objects.pending().count() == 8 - KILL_AT

    second = start("second")  # no daily run: the worker's start queues what is unsent
    _wait(
        lambda: not Delivery.objects.pending().exists() and len(sink.messages) == 8,
        f"the rest to be sent:\n{second.log.read_text()}",
    )
    assert services.deliveries_resolve_claims(older_than=timedelta(0)) == 1

    deliveries = list(Delivery.objects.all())
    assert len(deliveries) == 8 and all(d.sent_at for d in deliveries)
    received = sorted(m["Message-ID"] for m in sink.messages)
    assert received == sorted(d.message_id for d in deliveries)  # exactly one message per delivery
    assert len(set(received)) == 8
    uncertain = [d for d in deliveries if d.email_uncertain]
    assert len(uncertain) == 1 and not uncertain[0].emailed
    assert sum(d.emailed for d in deliveries) == 7
