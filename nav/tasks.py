from celery import shared_task

from . import plans, sick_notes


@shared_task(acks_late=True, ignore_result=True)
def fetch_sick_notes() -> None:
    """Beat: fetch new sick notes for every business unit with the NAV integration on (idempotent)."""
    sick_notes.fetch_all()


@shared_task(acks_late=True, ignore_result=True)
def send_plan(submission_id: int) -> None:
    """One attempt at sending a plan to NAV; a transient failure is tried again by `send_due_plans`."""
    plans.plan_send(submission_id=submission_id)


@shared_task(acks_late=True, ignore_result=True)
def send_due_plans() -> None:
    """Beat: plans waiting for their next attempt (backoff after a transient failure)."""
    for submission_id in plans.plans_due():
        plans.plan_send(submission_id=submission_id)
