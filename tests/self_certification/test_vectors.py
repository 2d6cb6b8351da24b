"""The spec's egenmelding vectors (tests/deadlines/vectors/egenmelding.json) through the form and the service.

Each vector's history is put in the database the way the app holds it: alternately as
egenmelding absence periods (confirmed, or registered by a manager) and as reports still
waiting for the manager. The employee then reports the proposal on its first day, and
ticks "only the allowed days", so every allowed vector is saved with its last allowed day.
"""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse

from cases.models import AbsencePeriod
from self_certification import selectors
from self_certification.models import EgenmeldingPolicy, SelfCertification, Withdrawal
from tests.factories import EmployeeFactory, UserFactory

from .conftest import report

pytestmark = pytest.mark.django_db

VECTORS = json.loads((Path(__file__).parents[1] / "deadlines" / "vectors" / "egenmelding.json").read_text())["vectors"]


def _d(value: str) -> date:
    return date.fromisoformat(value)


def _set_up(vector) -> tuple:
    given = vector["input"]
    employee = EmployeeFactory(employment_start=_d(given["employment_start"]), user=UserFactory())
    for i, entry in enumerate(given.get("history", [])):
        if i % 2 == 0:
            AbsencePeriod.objects.create(
                employee=employee, kind=AbsencePeriod.Kind.EGENMELDING, start=_d(entry["from"]), end=_d(entry["to"])
            )
        else:
            report(employee, _d(entry["from"]), _d(entry["to"]))
    if given.get("policy"):
        EgenmeldingPolicy.objects.create(organisation=employee.organisation, **given["policy"])
    start, end = _d(given["proposed"]["from"]), _d(given["proposed"]["to"])
    if given.get("withdrawn"):
        Withdrawal.objects.create(
            employee=employee,
            decided_on=start - timedelta(days=10),
            reason="Fire fravær",
            valid_from=start - timedelta(days=10),
            valid_to=start + timedelta(days=300),
        )
    return employee, start, end


@pytest.mark.parametrize("vector", VECTORS, ids=[v["id"] for v in VECTORS])
def test_vector_through_the_rules(vector):
    employee, start, end = _set_up(vector)
    decision = selectors.assess(employee, start, end)
    expect = vector["expect"]
    assert {
        "allowed": decision.allowed,
        "days_allowed": decision.days_allowed,
        "last_day_allowed": decision.last_day_allowed.isoformat() if decision.last_day_allowed else None,
        "reason": str(decision.reason),
        "occasions_12m": decision.occasions_12m,
        "may_withdraw": decision.may_withdraw,
    } == expect


@pytest.mark.parametrize("vector", VECTORS, ids=[v["id"] for v in VECTORS])
def test_vector_through_the_form(client, settings, vector):
    employee, start, end = _set_up(vector)
    expect = vector["expect"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    before = SelfCertification.objects.count()
    with time_machine.travel(start, tick=False):
        client.force_login(employee.user)
        answer = client.get(reverse("self_certification:assess"), {"start": start, "end": end}).json()
        response = client.post(
            reverse("self_certification:new"),
            {
                "start": start.isoformat(),
                "end": end.isoformat(),
                "work_related": "no",
                "declaration": "on",
                "only_allowed_days": "on",
            },
        )
    assert answer["reason"] == expect["reason"]
    assert answer["days_allowed"] == expect["days_allowed"]
    assert answer["last_day_allowed"] == expect["last_day_allowed"]
    assert answer["occasions_12m"] == expect["occasions_12m"]
    if expect["allowed"]:
        assert response.status_code == 302, response.context["form"].errors
        saved = SelfCertification.objects.latest("pk")
        assert saved.start == start and saved.end.isoformat() == expect["last_day_allowed"]
        assert saved.status == SelfCertification.Status.SUBMITTED
        # Never shortened silently: a shortened report keeps the day the employee gave.
        assert saved.requested_end == (end if expect["reason"] == "capped" else None)
    else:
        assert response.status_code == 200
        assert SelfCertification.objects.count() == before
        assert response.context["decision"].reason == expect["reason"]
        errors = " ".join(response.context["form"].non_field_errors())
        assert answer["explanation"] in errors and answer["headline"] in errors
        assert 'data-reason="%s"' % expect["reason"] in response.content.decode()
