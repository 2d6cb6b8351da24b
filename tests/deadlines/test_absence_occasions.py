"""Absence occasions in a window of months (the organisation's frequent-absence rule)."""

import pytest

from deadlines import DateRange, DeadlineError, absence_occasions

from .helpers import d


def r(start: str, end: str | None = None) -> DateRange:
    return DateRange(d(start), d(end or start))


def test_adjacent_entries_are_one_occasion():
    history = [r("2026-01-05", "2026-01-07"), r("2026-01-08", "2026-01-20"), r("2026-03-02")]
    assert absence_occasions(history, on=d("2026-03-31"), months=6) == 2


def test_window_counts_occasions_that_started_inside_it():
    history = [r("2025-09-30"), r("2025-10-01"), r("2026-02-01"), r("2026-03-01")]
    # 6 months up to 31 March 2026 begin on 1 October 2025.
    assert absence_occasions(history, on=d("2026-03-31"), months=6) == 2
    assert absence_occasions(history, on=d("2026-03-31"), months=12) == 3


def test_days_after_on_are_ignored():
    assert absence_occasions([r("2026-04-01")], on=d("2026-03-31"), months=6) == 0


def test_months_must_be_positive():
    with pytest.raises(DeadlineError):
        absence_occasions([], on=d("2026-03-31"), months=0)


def test_one_month_is_the_shortest_window_and_errors_say_where_and_why():
    # The boundary: 1 month is allowed, 0 is not; an occasion on `on` itself counts.
    assert absence_occasions([r("2026-03-31")], on=d("2026-03-31"), months=1) == 1
    # As for egenmelding (A8), the window starts the day after `on + 1 day − months`.
    assert absence_occasions([r("2026-03-01"), r("2026-03-03")], on=d("2026-03-31"), months=1) == 1
    with pytest.raises(DeadlineError) as error:
        absence_occasions([], on=d("2026-03-31"), months=0)
    assert error.value.detail == "months: months must be at least 1, got 0"
    with pytest.raises(DeadlineError) as error:
        absence_occasions([], on="2026-03-31", months=6)
    assert (error.value.code, error.value.field) == ("invalid_input", "on")
