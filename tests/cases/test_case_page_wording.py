"""The case page speaks of today: a weekend deadline and the Friday before, and a sick note that ends too soon."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _page(client, user, case, language="nb"):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    return client.get(reverse("cases:detail", args=[case.pk])).content.decode()


@pytest.mark.parametrize(
    "language, text",
    [
        ("nb", "Fristen er en lørdag: gjør det senest fredag 6. mar. 2026."),
        ("en", "The deadline is a Saturday: do it by Friday 6 Mar 2026."),
    ],
)
def test_a_deadline_on_a_saturday_suggests_the_friday_before(client, world, make_case, language, text):
    case = make_case(world.sales_employee, ("sick", date(2026, 3, 3), date(2026, 4, 30), 100))
    first = case.milestones.get(key="first_conversation")
    assert first.due == date(2026, 3, 7) and first.due.weekday() == 5
    with time_machine.travel("2026-03-04 10:00 +0100", tick=False):
        html = _page(client, world.sales_manager.user, case, language)
    assert text in html
    assert html.count('data-testid="weekend-deadline"') == sum(
        1 for m in case.milestones.all() if m.is_open and m.due.weekday() >= 5
    )


def test_a_weekday_deadline_says_nothing_of_weekends(client, world, make_case):
    case = make_case(world.sales_employee, ("sick", date(2026, 3, 2), date(2026, 4, 30), 100))
    assert case.milestones.get(key="first_conversation").due.weekday() < 5
    with time_machine.travel("2026-03-03 10:00 +0100", tick=False):
        html = _page(client, world.sales_manager.user, case)
    assert 'data-testid="milestone-first_conversation"' in html
    first = html.split('data-testid="milestone-first_conversation"')[1].split("</li>")[0]
    assert "weekend-deadline" not in first


def test_an_open_case_whose_sick_note_ends_before_a_deadline_says_so_in_the_present(client, world, make_case):
    case = make_case(world.sales_employee, ("sick", date(2026, 3, 2), date(2026, 3, 20), 100))
    assert case.milestones.filter(reason="case_ended_before_due").exists()
    with time_machine.travel("2026-03-10 10:00 +0100", tick=False):
        html = _page(client, world.sales_manager.user, case)
    assert "Sykmeldingen varer i dag ikke til fristen" in html
    assert "Sykefraværet var avsluttet før fristen" not in html
