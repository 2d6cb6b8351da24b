"""The egenmelding panel speaks to this employee: the employment rule only while it matters."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db

TODAY = "2026-03-02 10:00 +0100"


def _pages(client, employee):
    client.cookies["sykefravaer_language"] = "nb"
    client.force_login(employee.user)
    with time_machine.travel(TODAY, tick=False):
        return (
            client.get(reverse("employee_start")).content.decode(),
            client.get(reverse("self_certification:mine")).content.decode(),
        )


def test_someone_employed_for_years_is_not_told_when_the_right_starts(client, world):
    world.sales_employee.employment_start = date(2015, 8, 1)
    world.sales_employee.save()
    for html in _pages(client, world.sales_employee):
        assert "eller senere" not in html
        assert 'data-testid="report-self-certification"' in html
    assert "Du har jobbet her i mer enn 2 måneder og kan bruke egenmelding." in _pages(client, world.sales_employee)[1]


def test_someone_new_is_told_from_when_and_not_offered_to_send(client, world):
    world.sales_employee.employment_start = date(2026, 2, 1)
    world.sales_employee.save()
    start, mine = _pages(client, world.sales_employee)
    for html in (start, mine):
        assert 'data-testid="report-self-certification"' not in html
        assert "starter 1. april 2026 eller senere" in html
    assert "Til da trenger du sykmelding fra legen." in start
