"""The notification list, marking read, the settings page, the bell and HR's escalations."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reminders.context_processors import unread_notifications
from reminders.models import Delivery, NotificationPreference

from .conftest import S, at_run_hour

pytestmark = pytest.mark.django_db


def day(n: int):
    return S + timedelta(days=n)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(at_run_hour(day(8)), tick=False):
        yield


@pytest.fixture
def notified(world, make_case, run):
    """The sales manager has four notifications about one case; HR has escalations."""
    case = make_case(world.sales_employee, ("sick", S, day(60)))
    for n in [0, 3, 4, 7]:
        run(day(n))
    return case


def test_the_list_shows_the_users_notifications_newest_first(client, world, notified):
    client.force_login(world.sales_manager.user)
    response = client.get(reverse("reminders:list"))
    assert response.status_code == 200
    page = response.context["page"]
    assert [d.kind for d in page.object_list] == ["escalation_copy", "due", "before", "before"]
    html = response.content.decode()
    assert html.count('data-testid="notification"') == 4
    assert 'data-testid="unread-count">4<' in html
    assert reverse("cases:detail", args=[notified.pk]) in html


def test_the_list_takes_the_same_number_of_queries_for_many_notifications(client, world, notified, run):
    client.force_login(world.sales_manager.user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("reminders:list")).status_code == 200
        return len(captured)

    few = queries()
    user = world.sales_manager.user
    Delivery.objects.bulk_create(
        [
            Delivery(
                kind="due",
                case=notified,
                milestone_key=f"step_{n}",
                due=day(8),
                recipient=user,
                run_on=day(8),
                sent_at=notified.created_at,
            )
            for n in range(30)
        ]
    )
    assert queries() == few


def test_others_see_only_their_own(client, world, notified):
    client.force_login(world.support_manager.user)
    response = client.get(reverse("reminders:list"))
    assert list(response.context["page"].object_list) == []
    assert 'data-testid="no-notifications"' in response.content.decode()
    theirs = Delivery.objects.filter(recipient=world.sales_manager.user).first()
    assert client.post(reverse("reminders:read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(reverse("reminders:list"))
    assert response.status_code == 302 and "/konto/login/" in response.url


def test_mark_one_read_and_go_to_the_case(client, world, notified):
    client.force_login(world.sales_manager.user)
    delivery = Delivery.objects.filter(recipient=world.sales_manager.user).first()
    target = reverse("cases:detail", args=[notified.pk])
    response = client.post(reverse("reminders:read", args=[delivery.pk]), {"next": target})
    assert response.status_code == 302 and response.url == target
    delivery.refresh_from_db()
    assert delivery.read_at is not None
    assert client.get(reverse("reminders:read", args=[delivery.pk])).status_code == 405  # POST only


def test_mark_read_does_not_redirect_to_another_site(client, world, notified):
    client.force_login(world.sales_manager.user)
    delivery = Delivery.objects.filter(recipient=world.sales_manager.user).first()
    response = client.post(reverse("reminders:read", args=[delivery.pk]), {"next": "https://evil.example/"})
    assert response.url == reverse("reminders:list")


def test_mark_all_read_empties_the_unread_count(client, world, notified):
    user = world.sales_manager.user
    client.force_login(user)
    client.post(reverse("reminders:read_all"))
    assert Delivery.objects.unread().filter(recipient=user).count() == 0
    assert Delivery.objects.unread().filter(recipient=world.org_hr).count() == 1  # others' untouched
    html = client.get(reverse("reminders:list")).content.decode()
    assert 'data-testid="unread-count"' not in html


def test_the_settings_page_saves_in_app_only(client, world):
    user = world.sales_manager.user
    client.force_login(user)
    response = client.get(reverse("reminders:preferences"))
    assert response.status_code == 200
    assert response.context["form"]["channel"].value() == "app_and_email"  # the default
    client.post(reverse("reminders:preferences"), {"channel": "app_only"})
    assert NotificationPreference.objects.get(user=user).channel == "app_only"
    client.post(reverse("reminders:preferences"), {"channel": "app_and_email"})
    assert NotificationPreference.objects.get(user=user).channel == "app_and_email"
    assert client.post(reverse("reminders:preferences"), {"channel": "pigeon"}).status_code == 200


def test_the_bell_costs_one_query_and_none_for_anonymous_users(rf, world, notified):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as captured:
        assert unread_notifications(request) == {}
    assert len(captured) == 0
    request.user = world.sales_manager.user
    with CaptureQueriesContext(connection) as captured:
        assert unread_notifications(request) == {"unread_notifications": 4}
    assert len(captured) == 1


def test_hr_start_page_shows_open_escalations(client, world, notified):
    client.force_login(world.org_hr)
    html = client.get(reverse("hr_start")).content.decode()
    assert 'data-testid="open-escalations"' in html
    assert html.count('data-testid="escalation"') == 1
    assert "Salesemployee Test" in html
    client.force_login(world.sales_manager.user)
    assert client.get(reverse("hr_start")).status_code == 404


def test_the_escalation_columns_have_two_different_headers_in_norwegian(client, world, notified, settings):
    client.force_login(world.org_hr)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    html = client.get(reverse("hr_start")).content.decode()
    section = html[html.index('data-testid="open-escalations"') :]
    headers = re.findall(r'<th scope="col">([^<]+)</th>', section[: section.index("</thead>")])
    assert headers == ["Ansatt", "Oppfølgingspunkt", "Frist", "Leder"]
