from celery import shared_task
from django.utils import timezone

from .retention import purge_expired


@shared_task(acks_late=True)
def purge_expired_data() -> dict:
    """Daily: delete case data past its retention period (cases/retention.py)."""
    result = purge_expired(today=timezone.localdate())
    return {
        "cases": result.cases,
        "periods": result.periods,
        "audit_events": result.audit_events,
        "other": result.other,
    }
