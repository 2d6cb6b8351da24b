from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from reminders import services
from reminders.models import Delivery

OSLO = ZoneInfo("Europe/Oslo")
# A Monday; the daily run happens at 06:00 Oslo time.
S = date(2026, 3, 2)


def at_run_hour(day: date) -> datetime:
    return datetime.combine(day, time(6, 0), tzinfo=OSLO)


@pytest.fixture(autouse=True)
def digest_on_sunday(settings):
    """Keep the weekly digest out of the way: on Sunday, so the daily run never catches it up."""
    settings.DIGEST_WEEKDAY = 7


@pytest.fixture
def run(db):
    """Run the daily job for a day as beat would, sending in this process: run(day) -> RunResult."""

    def go(day: date, **kwargs):
        with time_machine.travel(at_run_hour(day), tick=False):
            return services.reminders_run(send_now=True, **kwargs)

    return go


@pytest.fixture
def run_days(run):
    """Run the daily job on every day from first to last, inclusive."""

    def go(first: date, last: date) -> None:
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            run(date.fromordinal(ordinal))

    return go


def sent(**filters) -> list[tuple[date, str, str, str]]:
    """What was sent: (day, recipient, milestone, kind[+days]) in order."""
    rows = (
        Delivery.objects.filter(sent_at__isnull=False, **filters)
        .exclude(kind=Delivery.Kind.DIGEST)
        .select_related("recipient")
        .order_by("sent_at", "milestone_key", "kind", "recipient__username")
    )
    return [
        (
            d.sent_at.astimezone(OSLO).date(),
            d.recipient.username,
            d.milestone_key,
            f"{d.kind}_{d.days_before}" if d.kind == Delivery.Kind.BEFORE else d.kind,
        )
        for d in rows
    ]
