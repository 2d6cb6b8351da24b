"""The demo data: what each role sees about self-certification right after `make run`."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from self_certification import selectors
from self_certification.models import MayWithdrawNotice
from sykefravaer.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org():
    return load_demo(today=timezone.localdate())


def _client(username):
    client = Client()
    client.cookies["sykefravaer_language"] = "en"
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_the_manager_has_one_report_to_confirm(demo_org):
    response = _client("leder").get(reverse("manager_start"))
    content = response.content.decode()
    assert content.count('data-testid="pending-self-certification"') == 1
    assert "1 self-certification waits for your confirmation" in content


def test_hr_sees_who_may_lose_the_right_and_the_numbers_are_right(demo_org):
    response = _client("hr").get(reverse("self_certification:hr_overview"))
    flagged = response.context["may_withdraw"]
    assert len(flagged) == 1
    frequent = flagged[0]
    assert (frequent.usage.occasions, frequent.usage.days) == (4, 8)
    assert MayWithdrawNotice.objects.get().employee == frequent.employee
    for row in response.context["rows"]:
        history = selectors.history_for(row.employee)
        assert row.usage == selectors.usage_12m(history, on=timezone.localdate())
    ola = next(r for r in response.context["rows"] if r.employee.full_name == "Ola Hansen")
    assert (ola.usage.occasions, ola.usage.days) == (1, 3)  # the egenmelding before his sick note
    assert "The law: up to 3 calendar days per occasion." in response.content.decode()


def test_the_recent_hire_is_told_she_has_no_right_yet(demo_org):
    today = timezone.localdate()
    client = _client("sara")
    answer = client.get(reverse("self_certification:assess"), {"start": today, "end": today}).json()
    assert answer["reason"] == "employment_under_2_months" and answer["status"] == "refused"
