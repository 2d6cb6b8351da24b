from datetime import date

import pytest
import time_machine

TODAY = date(2026, 3, 2)  # a Monday


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The statistics are cached; ids and frozen clocks repeat between tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


@pytest.fixture
def cases(world, make_case, frozen):
    """Open cases at different stages, registered as of TODAY.

    sales_employee: day 40, sick since 22 January: the plan (day 28) is overdue.
    north_employee: day 3: the first conversation is due in two days.
    support_employee: day 20: the plan is due in 8 days (later than a week), first conversation done.
    """
    from cases import services

    sales = make_case(world.sales_employee, ("sick", date(2026, 1, 22), date(2026, 3, 31), 100), today=TODAY)
    north = make_case(world.north_employee, ("sick", date(2026, 2, 28), date(2026, 3, 20), 100), today=TODAY)
    support = make_case(world.support_employee, ("sick", date(2026, 2, 11), date(2026, 4, 30), 100), today=TODAY)
    services.milestone_complete(case=support, key="first_conversation", by=world.support_manager.user)
    services.milestone_complete(case=sales, key="first_conversation", by=world.sales_manager.user)
    return {"sales": sales, "north": north, "support": support}


@pytest.fixture
def english(client):
    client.cookies["sykefravaer_language"] = "en"
    return client
