from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import deadlines
from cases.models import AbsencePeriod
from self_certification import selectors
from self_certification.models import SelfCertification

from .conftest import report

R = deadlines.DateRange


def _ranges():
    day = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31))
    length = st.integers(min_value=0, max_value=5)
    return st.lists(st.builds(lambda d, n: R(d, d + timedelta(days=n)), day, length), max_size=8)


@settings(max_examples=200, deadline=None)
@given(history=_ranges(), on=st.dates(min_value=date(2025, 6, 1), max_value=date(2027, 6, 1)))
def test_usage_counts_as_the_engine_does(history, on):
    """Occasions and days match what the engine sees for an absence starting the next day (R15, R16)."""
    usage = selectors.usage_12m(history, on=on)
    decision = deadlines.egenmelding_decision(
        employment_start=date(2000, 1, 1),
        proposed=R(on + timedelta(days=1), on + timedelta(days=1)),
        history=history,
        policy=deadlines.EgenmeldingPolicy(16, 10_000),
    )
    assert usage.occasions == decision.occasions_12m
    assert usage.days == 10_000 - decision.quota_left
    assert usage.may_withdraw == decision.may_withdraw


@pytest.mark.django_db
def test_history_reads_periods_and_open_reports_once_each(world):
    employee = world.sales_employee
    AbsencePeriod.objects.create(employee=employee, kind="egenmelding", start=date(2026, 1, 5), end=date(2026, 1, 6))
    AbsencePeriod.objects.create(employee=employee, kind="sick", start=date(2026, 1, 7), end=date(2026, 1, 20))
    confirmed = report(employee, date(2026, 1, 5), date(2026, 1, 6), status=SelfCertification.Status.CONFIRMED)
    waiting = report(employee, date(2026, 2, 2), date(2026, 2, 2))
    report(employee, date(2026, 2, 9), date(2026, 2, 9), status=SelfCertification.Status.CORRECTION_REQUESTED)
    report(employee, date(2026, 2, 16), date(2026, 2, 16), status=SelfCertification.Status.CANCELLED)
    assert confirmed.pk  # its days are read from its period, not again from the report
    assert sorted(selectors.history_for(employee), key=lambda r: r.start) == [
        R(date(2026, 1, 5), date(2026, 1, 6)),
        R(date(2026, 2, 2), date(2026, 2, 2)),
        R(date(2026, 2, 9), date(2026, 2, 9)),
    ]
    assert R(date(2026, 2, 2), date(2026, 2, 2)) not in selectors.history_for(employee, exclude=waiting)
