"""Which reminder step a milestone has reached on a day. Pure: the day is passed in.

The steps of one milestone, in order: "N days before" for each configured N
(largest first), "due today", "overdue: escalated". On any day a milestone has
reached at most one step, the furthest whose day has come:

    escalation   today >= due + ESCALATION_DAYS_OVERDUE
    due          due <= today < due + ESCALATION_DAYS_OVERDUE
    before N     due - N <= today < due, and no nearer "before" has come

Catch-up rule: a run that was missed is made good by the next run, which sends
the step the milestone has reached by then. A step whose day was missed is sent
late while it is still the furthest step ("7 days before" four days before); a
step overtaken by a further one is not sent at all, because the further one
says more: after the due date nobody gets "7 days before", they get "due" or
the escalation instead.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

BEFORE, DUE, ESCALATION = "before", "due", "escalation"


@dataclass(frozen=True, order=True)
class Step:
    kind: str  # BEFORE, DUE or ESCALATION
    days_before: int = 0  # for BEFORE: the N of "N days before"


def thresholds(today: date, *, days_before: Sequence[int], escalation_days: int) -> list[tuple[date, Step]]:
    """The steps as (latest due date that has reached the step today, step), furthest step first.

    A milestone is at the first step whose date is on or after its due date; the list is
    what both `step_on` and the database query test, so they cannot disagree.
    """
    steps = [(today - timedelta(days=escalation_days), Step(ESCALATION)), (today, Step(DUE))]
    for n in sorted(set(days_before)):
        steps.append((today + timedelta(days=n), Step(BEFORE, n)))
    return steps


def step_on(due: date, today: date, *, days_before: Sequence[int], escalation_days: int) -> Step | None:
    """The furthest step the milestone due on `due` has reached on `today`, or None."""
    for latest_due, step in thresholds(today, days_before=days_before, escalation_days=escalation_days):
        if due <= latest_due:
            return step
    return None
