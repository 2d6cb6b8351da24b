"""Celery tasks of the routines: thin and idempotent (docs/architecture.md, "Jobs")."""

from datetime import date

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from reminders import services as reminder_services

from . import flags, letters


@shared_task(acks_late=True, ignore_result=True)
def run_daily(day: str | None = None) -> dict:
    """Record HR's max-date letter tasks (once per HR user and date) and bring the flags up to date."""
    on = date.fromisoformat(day) if day else timezone.localdate()
    with transaction.atomic():
        recorded = letters.letter_tasks_record(on=on)
    reminder_services.deliveries_dispatch()
    refreshed = flags.flags_refresh_all(on=on)
    return {"letter_tasks": recorded, "flags_refreshed": refreshed}
