from celery import shared_task

from .services import may_withdraw_notice_send, may_withdraw_notices_send_unsent


@shared_task(bind=True, acks_late=True, max_retries=5, default_retry_delay=300)
def send_may_withdraw_notice(self, notice_id: int) -> None:
    """E-mail HR about a notice; the service stamps it, so a retry never sends twice."""
    try:
        may_withdraw_notice_send(notice_id=notice_id)
    except OSError as exc:  # the mail server did not answer
        raise self.retry(exc=exc) from exc


@shared_task(ignore_result=True)
def send_unsent_may_withdraw_notices() -> None:
    """Send notices whose queue message was lost (schedule it with beat, e.g. hourly)."""
    may_withdraw_notices_send_unsent()
