"""Fixtures for dialogue meetings: a case in the sales team, the clock at a known time."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

OSLO = ZoneInfo("Europe/Oslo")
CASE_START = date(2026, 1, 5)  # DM1 due 2026-02-22, the need query 2026-05-04, DM2 2026-07-05
NOW = datetime(2026, 2, 2, 9, 0, tzinfo=OSLO)


def oslo(*args) -> datetime:
    return datetime(*args, tzinfo=OSLO)


@pytest.fixture
def clock():
    """The clock frozen on Monday 2 February 2026, 09:00 in Oslo; move it with clock.move_to(...)."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@dataclass
class People:
    manager: object
    employee: object
    unit_hr: object
    org_hr: object
    other_manager: object
    other_employee: object
    outsider: object
    admin: object


@pytest.fixture
def people(world) -> People:
    return People(
        manager=world.sales_manager.user,
        employee=world.sales_employee.user,
        unit_hr=world.unit_hr,
        org_hr=world.org_hr,
        other_manager=world.support_manager.user,
        other_employee=world.support_employee.user,
        outsider=world.outsider,
        admin=world.admin,
    )


@pytest.fixture
def case(world, make_case, clock):
    """Ola-like: the sales employee, 100 % sick from 5 January to 30 June 2026."""
    return make_case(
        world.sales_employee,
        ("sick", CASE_START, date(2026, 6, 30), 100),
        by=world.sales_manager.user,
        today=NOW.date(),
    )


@pytest.fixture
def graded_case(world, make_case, clock):
    """Sick 100 % for four weeks, then 50 % graded: DM1 does not apply (R19)."""
    return make_case(
        world.sales_employee,
        ("sick", CASE_START, date(2026, 2, 1), 100),
        ("sick", date(2026, 2, 2), date(2026, 4, 30), 50),
        by=world.sales_manager.user,
        today=NOW.date(),
    )


@pytest.fixture
def invite(django_capture_on_commit_callbacks, people):
    """Invite to DM1 through the service, mails sent: invite(case, **overrides) -> meeting."""
    from dialog_meetings import services

    def make(case, *, by=None, starts_at=None, others=(), **fields):
        starts_at = starts_at or oslo(2026, 2, 10, 10, 0)
        defaults = {"place": "Møterom Fjord, 2. etasje", "video_link": "", "message": ""}
        defaults.update(fields)
        with django_capture_on_commit_callbacks(execute=True):
            return services.meeting_invite(
                case=case,
                by=by or people.manager,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=1),
                others=list(others),
                site_url="https://sykefravaer.test/",
                **defaults,
            )

    return make
