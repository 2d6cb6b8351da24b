from datetime import date, timedelta

import pytest
import time_machine

TODAY = date(2026, 3, 2)  # a Monday


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


@pytest.fixture
def long_case(world, make_case, frozen):
    """sales_employee, sick since 5 January 2026 (day 57 on TODAY), NAV's max date 10 weeks away."""
    from cases import services

    case = make_case(world.sales_employee, ("sick", date(2026, 1, 5), date(2026, 3, 31)), by=world.org_hr, today=TODAY)
    return services.case_set_max_date_from_nav(case=case, max_date=TODAY + timedelta(weeks=10), by=world.org_hr)
