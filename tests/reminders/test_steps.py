"""The step a milestone has reached on a day, and the catch-up rule. Pure: no database."""

from datetime import date, timedelta

import pytest

from reminders.steps import BEFORE, DUE, ESCALATION, Step, step_on

DUE_DAY = date(2026, 6, 15)
CONFIG = {"days_before": [7, 1], "escalation_days": 3}


@pytest.mark.parametrize(
    "offset, step",
    [
        (-30, None),
        (-8, None),
        (-7, Step(BEFORE, 7)),  # 7 days before
        (-6, Step(BEFORE, 7)),  # a missed "7 days before" is still sent late...
        (-2, Step(BEFORE, 7)),
        (-1, Step(BEFORE, 1)),  # ...until the nearer one overtakes it
        (0, Step(DUE)),
        (1, Step(DUE)),  # a missed due-day reminder is still sent the days after...
        (2, Step(DUE)),
        (3, Step(ESCALATION)),  # ...until the escalation overtakes it
        (100, Step(ESCALATION)),
    ],
)
def test_the_furthest_step_reached_on_a_day(offset, step):
    assert step_on(DUE_DAY, DUE_DAY + timedelta(days=offset), **CONFIG) == step


def test_never_a_before_reminder_on_or_after_the_due_date():
    for offset in range(0, 60):
        step = step_on(DUE_DAY, DUE_DAY + timedelta(days=offset), **CONFIG)
        assert step.kind != BEFORE


def test_days_before_are_configurable_and_order_does_not_matter():
    config = {"days_before": [1, 14, 3], "escalation_days": 5}
    on = {offset: step_on(DUE_DAY, DUE_DAY + timedelta(days=offset), **config) for offset in range(-20, 8)}
    assert on[-15] is None
    assert on[-14] == on[-4] == Step(BEFORE, 14)
    assert on[-3] == on[-2] == Step(BEFORE, 3)
    assert on[-1] == Step(BEFORE, 1)
    assert on[4] == Step(DUE)
    assert on[5] == Step(ESCALATION)


def test_each_step_starts_on_exactly_one_day_when_run_daily():
    starts = {}
    previous = None
    for offset in range(-10, 10):
        step = step_on(DUE_DAY, DUE_DAY + timedelta(days=offset), **CONFIG)
        if step != previous and step is not None:
            starts[step] = offset
        previous = step
    assert starts == {Step(BEFORE, 7): -7, Step(BEFORE, 1): -1, Step(DUE): 0, Step(ESCALATION): 3}
