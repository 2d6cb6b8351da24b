"""Celery tasks: small, idempotent, each a thin wrapper around a service (docs/architecture.md, "Jobs").

Beat (settings.CELERY_BEAT_SCHEDULE) starts `run_daily` at DAILY_RUN_HOUR and
`send_weekly_digest` on DIGEST_WEEKDAY; both only record rows and queue
`send_deliveries`, which sends each row once.
"""

import logging
from datetime import date

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)

# Mail servers that are down or refuse for a while: try again later, up to about a day.
MAIL_ERRORS = services.MAIL_ERRORS
MAX_RETRIES = 8


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@shared_task(acks_late=True, ignore_result=True)
def run_daily(day: str | None = None) -> dict:
    """The daily run: close ended cases, record what is due, queue what is unsent."""
    result = services.reminders_run(on=_day(day))
    return {"closed": result.closed_cases, "recorded": result.recorded, "queued": result.queued}


@shared_task(acks_late=True, ignore_result=True)
def send_weekly_digest(day: str | None = None) -> int:
    return services.digest_run(on=_day(day))


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=MAX_RETRIES)
def send_deliveries(self, delivery_ids: list[int], day: str | None = None) -> dict:
    """Send a batch over one mail connection, each once; on a mail error, retry the rest later, waiting longer."""
    try:
        return services.deliveries_send(delivery_ids=delivery_ids, on=_day(day))
    except services.MailFailed as error:
        countdown = min(60 * 2**self.request.retries, 6 * 60 * 60)
        logger.warning("%s deliveries retried in %s s.", len(error.remaining), countdown)
        raise self.retry(args=[error.remaining, day], exc=error, countdown=countdown) from error


@shared_task(acks_late=True, ignore_result=True)
def resume_deliveries() -> int:
    """Sent by every worker as it starts (sykefravaer/celery.py): what a crash left waits for no daily run."""
    return services.deliveries_resume()
