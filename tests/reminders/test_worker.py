"""End to end with a real Celery worker: the daily task through the broker, e-mails on disk, exactly once.

The worker is a separate process on the same test database (so it needs
PostgreSQL, which CI gives in DATABASE_URL), with its own queue and its own
folder for e-mails. It runs on Redis when REDIS_URL is set, and on the
embedded file-system broker of `make run`.
"""

import email
import os
import signal
import subprocess
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import Celery
from django.db import connection

from reminders.models import Delivery
from tests.workers import start_worker

from .conftest import S

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL", "")
DAY = S + timedelta(days=7)  # the first conversation is 3 days overdue: HR twice, the manager in copy


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip(
            "The worker must reach the test database from another process: set DATABASE_URL to "
            "PostgreSQL (as CI does) to run the end-to-end worker test."
        )
    auth = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(
    params=[
        pytest.param(
            "redis",
            marks=pytest.mark.skipif(
                not REDIS_URL,
                reason="REDIS_URL is not set: the end-to-end worker test on Redis needs it "
                "(CI sets REDIS_URL=redis://127.0.0.1:6379/0).",
            ),
        ),
        "filesystem",
    ]
)
def worker(request, tmp_path):
    """A Celery worker process on its own queue; yields a function that sends it a task by name."""
    database_url = _database_url()
    queue = f"test-reminders-{uuid.uuid4().hex[:12]}"
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.reminders.worker_settings",
            "TEST_CELERY_QUEUE": queue,
            "DATABASE_URL": database_url,
            "VAR_DIR": str(tmp_path),
            "EMAIL_BACKEND": "file",
            "SITE_URL": "https://sykefravaer.example.no",
            "DIGEST_WEEKDAY": "7",
        }
    )
    if request.param == "redis":
        env["REDIS_URL"] = REDIS_URL
        sender = Celery("test-sender", broker=REDIS_URL)
    else:
        folder = tmp_path / "celery"
        options = {
            "data_folder_in": str(folder / "out"),
            "data_folder_out": str(folder / "out"),
            "processed_folder": str(folder / "processed"),
            "control_folder": str(folder / "control"),
            "store_processed": False,
        }
        for path in ["out", "processed", "control"]:
            (folder / path).mkdir(parents=True)
        sender = Celery("test-sender", broker="filesystem://")
        sender.conf.broker_transport_options = options
    log = tmp_path / "worker.log"
    process = start_worker(queue, env, log)

    def send(name: str, *args) -> None:
        sender.send_task(name, args=list(args), queue=queue)

    send.log = log
    send.mail_dir = tmp_path / "mail"
    try:
        _wait(lambda: "ready." in log.read_text(), f"the worker to start:\n{log.read_text()}")
        yield send
    finally:
        process.send_signal(signal.SIGQUIT)  # cold shutdown: nothing is running, no need to wait
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        sender.close()


def _wait(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    pytest.fail(f"Timed out waiting for {what}")


def _mails(folder: Path) -> list[email.message.Message]:
    if not folder.exists():
        return []
    messages = []
    for path in sorted(folder.iterdir()):
        # The file backend writes each message followed by a line of dashes.
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                messages.append(email.message_from_string(chunk.strip()))
    return messages


def _succeeded(log: Path, task: str) -> int:
    return sum(1 for line in log.read_text().splitlines() if f"Task {task}[" in line and "succeeded" in line)


def test_a_real_worker_runs_the_daily_task_and_sends_each_email_once(worker, world, make_case):
    case = make_case(world.sales_employee, ("sick", S, S + timedelta(days=60)))

    worker("reminders.tasks.run_daily", DAY.isoformat())
    _wait(
        lambda: Delivery.objects.filter(sent_at__isnull=False).count() == 3,
        f"three deliveries to be sent:\n{worker.log.read_text()}",
    )
    mails = _mails(worker.mail_dir)
    assert sorted(m["To"] for m in mails) == ["orghr@example.org", "salesmanager@example.org", "unithr@example.org"]
    body = next(m for m in mails if m["To"] == "orghr@example.org").get_payload()[0].get_payload(decode=True)
    assert f"https://sykefravaer.example.no/saker/{case.pk}/".encode() in body

    # The same day again (beat fired twice, or a retry): nothing more is sent.
    worker("reminders.tasks.run_daily", DAY.isoformat())
    _wait(
        lambda: _succeeded(worker.log, "reminders.tasks.run_daily") == 2, f"the second run:\n{worker.log.read_text()}"
    )
    time.sleep(1)  # anything it queued would have run by now: one worker, one queue, in order
    assert len(_mails(worker.mail_dir)) == 3
    assert Delivery.objects.count() == 3 and not Delivery.objects.pending().exists()
