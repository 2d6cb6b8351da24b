"""The Celery application; its schedule lives in settings (CELERY_BEAT_SCHEDULE)."""

import os
from pathlib import Path

from celery import Celery
from celery.signals import worker_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sykefravaer.settings")

app = Celery("sykefravaer")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def ensure_queue_folders(options: dict) -> None:
    """The file-system broker needs its folders before anything is sent."""
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if key in options:
            Path(options[key]).mkdir(parents=True, exist_ok=True)


ensure_queue_folders(app.conf.broker_transport_options or {})


@worker_init.connect
def _worker_init(**kwargs) -> None:
    from sykefravaer.checks import require_secret_key

    require_secret_key()  # like the web server, the worker needs the key: fail at start
    ensure_queue_folders(app.conf.broker_transport_options or {})


@worker_ready.connect
def _worker_ready(**kwargs) -> None:
    """Queue the reminders a killed worker left unsent (issue 19 item 10), instead of waiting for the next day.

    A task, not a call here: the pool's processes have the database connections.
    """
    from reminders.tasks import resume_deliveries

    resume_deliveries.delay()
