from celery import shared_task

from . import services


@shared_task(acks_late=True)
def batch_apply_queued(batch_pk: int) -> None:
    """Apply a confirmed employee import in the background (services.batch_confirm queues it)."""
    services.batch_apply_confirmed(batch_pk)
