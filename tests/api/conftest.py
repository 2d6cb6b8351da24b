from datetime import date

import pytest
import time_machine
from rest_framework.test import APIClient

from api.models import ApiToken
from api.services import token_create

TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def user_of(world, who: str):
    value = getattr(world, who)
    return value.user if hasattr(value, "user") else value


@pytest.fixture
def key_for(db):
    def make(user, **fields) -> str:
        return token_create(token=ApiToken(name="Test", user=user, **fields), by=None)[1]

    return make


@pytest.fixture
def api(world, key_for):
    """api("org_hr") -> an APIClient that sends that user's API key."""

    def make(who: str, language: str = "en") -> APIClient:
        client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key_for(user_of(world, who))}")
        return client

    return make


@pytest.fixture
def case(world, make_case):
    """An open case for sales_employee (staff of sales_manager, in unit HR's scope)."""
    return make_case(
        world.sales_employee,
        ("sick", date(2026, 2, 20), date(2026, 3, 31), 100),
        by=world.sales_manager.user,
        today=TODAY,
    )
