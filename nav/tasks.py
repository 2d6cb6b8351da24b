from celery import shared_task

from . import sick_notes


@shared_task(acks_late=True, ignore_result=True)
def fetch_sick_notes() -> None:
    """Beat: fetch new sick notes for every business unit with the NAV integration on (idempotent)."""
    sick_notes.fetch_all()
