from celery import shared_task

from . import leaders, plans, sick_notes


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


@shared_task(acks_late=True, ignore_result=True)
def send_leader(report_id: int) -> None:
    """One attempt at telling NAV an employee's nearest leader; retried by `send_due_leaders`."""
    leaders.leader_send(report_id=report_id)


@shared_task(acks_late=True, ignore_result=True)
def send_due_leaders() -> None:
    """Beat: nearest leaders waiting for their next attempt."""
    for report_id in leaders.leaders_due():
        leaders.leader_send(report_id=report_id)


@shared_task(acks_late=True, ignore_result=True)
def sync_leaders() -> None:
    """Daily: delegations that start or end today change who NAV should know as the nearest leader."""
    leaders.leaders_sync(reason="delegation")


@shared_task(acks_late=True, ignore_result=True)
def fetch_from_nav() -> None:
    """Beat: NAV's nearest-leader requirements, documents and inntektsmelding requests (idempotent)."""
    from . import fetching

    fetching.fetch_all()
