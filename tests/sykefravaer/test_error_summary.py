"""After a failed submit every page says so in its title and lists the errors, each a link to its field."""

import re

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def _summary(html: str) -> str:
    match = re.search(r"<div[^>]*data-error-summary[^>]*>.*?</div>", html, re.S)
    assert match, "no error summary"
    return match.group(0)


@pytest.mark.parametrize("language, prefix", [("nb", "Feil: "), ("en", "Error: ")])
def test_a_failed_login_says_so_in_the_title_and_the_summary(client, world, settings, language, prefix):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(reverse("account_login"), {"login": "salesmanager", "password": "wrong"})
    html = response.content.decode()
    assert _title(html).startswith(prefix)
    summary = _summary(html)
    assert 'role="alert"' in summary
    assert 'href="#id_login"' in summary
    assert 'tabindex="-1"' in summary


def test_a_page_without_errors_has_neither(client, world):
    html = client.get(reverse("account_login")).content.decode()
    assert not _title(html).startswith("Feil")
    assert "data-error-summary" not in html
    client.force_login(world.sales_manager.user)
    html = client.get(reverse("cases:period_register", args=[world.sales_employee.pk])).content.decode()
    assert "data-error-summary" not in html and not _title(html).startswith("Feil")


@time_machine.travel("2026-03-02 10:00 +0100", tick=False)
def test_each_field_error_links_to_its_field(client, world):
    client.force_login(world.sales_manager.user)
    response = client.post(
        reverse("cases:period_register", args=[world.sales_employee.pk]),
        {"kind": "sick", "start": "", "end": "2026-03-01", "grade": "150"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert _title(html).startswith("Feil: ")
    summary = _summary(html)
    links = dict(re.findall(r'<a[^>]*href="#(id_\w+)"[^>]*>(.*?)</a>', summary, re.S))
    assert set(links) == {"id_start", "id_grade"}
    assert "Dette feltet er påkrevd." in links["id_start"]
    assert 'id="id_start"' in html and 'id="id_grade"' in html


def test_a_domain_refusal_shown_on_the_form_is_in_the_summary(client, world):
    client.force_login(world.sales_manager.user)
    with time_machine.travel("2026-03-02 10:00 +0100", tick=False):
        response = client.post(
            reverse("cases:period_register", args=[world.sales_employee.pk]),
            {"kind": "sick", "start": "2026-03-10", "end": "2026-03-01", "grade": "100"},
        )
    assert "Sluttdatoen er før startdatoen." in _summary(response.content.decode())
