"""Dates as written in Norway («2. nov. 2026») and the UK («2 Nov 2026»), never US numbers."""

import re
from datetime import date, datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import formats, translation

D = date(2026, 11, 2)


@pytest.mark.parametrize(
    "language, expected",
    [
        ("nb", {"DATE_FORMAT": "2. nov. 2026", "SHORT_DATE_FORMAT": "2. nov. 2026", "MONTH_DAY_FORMAT": "2. nov."}),
        ("en", {"DATE_FORMAT": "2 Nov 2026", "SHORT_DATE_FORMAT": "2 Nov 2026", "MONTH_DAY_FORMAT": "2 Nov"}),
    ],
)
def test_named_formats(language, expected):
    with translation.override(language):
        for name, text in expected.items():
            assert formats.date_format(D, name) == text
        assert formats.date_format(datetime(2026, 11, 2, 9, 5), "SHORT_DATETIME_FORMAT").endswith("2026 09:05")


@pytest.mark.parametrize("language, text", [("nb", "mandag 2. nov. 2026"), ("en", "Monday 2 Nov 2026")])
def test_weekday_date_filter(language, text):
    with translation.override(language):
        assert Template("{{ d|weekday_date }}").render(Context({"d": D})) == text


def test_no_template_writes_a_date_format_of_its_own():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    own = [
        (path.name, m)
        for path in root.rglob("*.html")
        for m in re.findall(r'\|date:"([^"]*)"', path.read_text())
        if re.search(r"[jdmnMFNlDY]", m) and not m.endswith("_FORMAT") and m not in ("Y-m-d", "Y-m", "YmdHi", "c")
    ]
    assert own == []


@pytest.mark.django_db
def test_the_english_audit_log_shows_uk_dates(client, world, settings):
    from audit.services import audit_record

    audit_record(actor=world.org_hr, action="case.view", employee=world.sales_employee)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.org_hr)
    html = client.get(reverse("audit:search")).content.decode()
    assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{4}\b", html)
    assert re.search(r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 20\d\d \d\d:\d\d\b", html)


def test_weekday_datetime_filter():
    from django.utils import timezone

    when = timezone.make_aware(datetime(2026, 11, 3, 9, 0))
    with translation.override("nb"):
        assert Template("{{ d|weekday_datetime }}").render(Context({"d": when})) == "tirsdag 3. nov. 2026 kl. 09:00"
    with translation.override("en"):
        assert Template("{{ d|weekday_datetime }}").render(Context({"d": when})) == "Tuesday 3 Nov 2026 09:00"
