"""compute_timeline: the engine's entry point."""

import pytest

from deadlines import DeadlineError, ErrorCode, Event, Timeline, compute_timeline

from .helpers import d, sick


def test_no_periods_give_no_cases() -> None:
    assert compute_timeline([]) == Timeline((), None)


def test_periods_may_be_any_iterable_and_events_any_iterable() -> None:
    periods = (p for p in [sick("2026-01-05", "2026-01-20")])
    events = (e for e in [Event.dm2(d("2026-06-17"))])
    (case,) = compute_timeline(periods, today=d("2026-01-10"), events=events).cases
    assert case.dm2_date == d("2026-06-17")
    assert case.open


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"periods": [("sick", "2026-01-05", "2026-01-20")]}, "periods[0]"),
        ({"events": ["2026-06-17"]}, "events[0]"),
        ({"today": "2026-01-10"}, "today"),
        ({"birth_date": "1960-01-01"}, "birth_date"),
    ],
)
def test_wrong_types_are_rejected_naming_the_argument(kwargs, field) -> None:
    arguments = {"periods": [sick("2026-01-05", "2026-01-20")], **kwargs}
    with pytest.raises(DeadlineError) as error:
        compute_timeline(arguments.pop("periods"), **arguments)
    assert (error.value.code, error.value.field) == (ErrorCode.INVALID_INPUT, field)
    assert error.value.message.startswith("expected ")


def test_the_timeline_keeps_today() -> None:
    assert compute_timeline([sick("2026-01-05", "2026-01-20")], today=d("2026-02-01")).today == d("2026-02-01")
    assert compute_timeline([]).today is None


def test_the_result_is_immutable() -> None:
    timeline = compute_timeline([sick("2026-01-05", "2026-01-20")])
    with pytest.raises(AttributeError):
        timeline.cases[0].start = d("2026-01-01")
    with pytest.raises(AttributeError):
        timeline.cases[0].milestones[0].due = d("2026-01-01")
