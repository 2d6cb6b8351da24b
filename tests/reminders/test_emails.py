"""The reminder e-mail: subject, what to do, plain text and HTML, and a link that opens the case."""

from datetime import timedelta

import pytest
import time_machine

from .conftest import S, at_run_hour

pytestmark = pytest.mark.django_db


def test_the_reminder_email_says_what_to_do_and_links_to_the_case(world, make_case, run, mailoutbox, client, settings):
    settings.SITE_URL = "https://sykefravaer.example.no"
    world.sales_manager.preferred_language = "en"
    world.sales_manager.save()
    case = make_case(world.sales_employee, ("sick", S, S + timedelta(days=60)))
    run(S + timedelta(days=20))  # the plan is due in 7 days (and the first conversation is overdue)

    mail = next(m for m in mailoutbox if m.subject.startswith("Reminder"))
    assert mail.to == ["salesmanager@example.org"]
    assert mail.subject == "Reminder: Follow-up plan is due 29 Mar 2026"
    assert "Salesemployee" not in mail.subject  # no names on lock screens
    assert "Follow-up plan for Salesemployee is due 29 Mar 2026 (in 7 days)." in mail.body
    assert "Make the follow-up plan together with the employee" in mail.body
    assert "Working Environment Act section 4-6 third paragraph" in mail.body
    link = f"https://sykefravaer.example.no/saker/{case.pk}/"
    assert link in mail.body
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html" and f'href="{link}"' in html
    assert "https://sykefravaer.example.no/varsler/innstillinger/" in mail.body

    client.force_login(world.sales_manager.user)
    with time_machine.travel(at_run_hour(S + timedelta(days=20)), tick=False):
        response = client.get(link.removeprefix(settings.SITE_URL))
    assert response.status_code == 200
    assert b"Salesemployee Test" in response.content


def test_no_reminder_email_names_the_employee_beyond_the_first_name(world, make_case, run, mailoutbox, settings):
    """Issue 19 item 12: mail leaves the organisation's control; the page behind the link has the rest."""
    settings.DIGEST_WEEKDAY = 1
    case = make_case(world.sales_employee, ("sick", S, S + timedelta(days=60)))
    run(S + timedelta(days=7))  # a Monday: escalations to HR, the manager's copy and the weekly digest
    run(S + timedelta(days=20))  # a reminder before the due date
    kinds = {m.subject.split(":")[0] for m in mailoutbox}
    assert len(mailoutbox) >= 5 and len(kinds) >= 3, kinds
    link = f"/saker/{case.pk}/"
    for mail in mailoutbox:
        html = mail.alternatives[0][0]
        for text in (mail.subject, mail.body, html):
            assert world.sales_employee.full_name not in text, text
        assert "Salesemployee" in mail.body and link in mail.body and link in html


def test_the_escalation_email_to_hr_names_the_manager_in_copy(world, make_case, run, mailoutbox):
    make_case(world.sales_employee, ("sick", S, S + timedelta(days=60)))
    run(S + timedelta(days=7))
    to_hr = next(m for m in mailoutbox if m.to == ["orghr@example.org"])
    assert to_hr.subject == "Fristen er passert med 3 dager: Første samtale"
    assert "Lederen, Salesmanager Test, har fått kopi." in to_hr.body  # HR reads the site language, nb
    copy = next(m for m in mailoutbox if m.to == ["salesmanager@example.org"])
    assert "this is your copy" in copy.body


def test_email_settings_come_from_the_environment():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "o = s.MAILERS['default']; print(o['BACKEND'].rsplit('.', 2)[-2], o['OPTIONS']['host'], "
        "o['OPTIONS']['port'], s.SITE_URL, s.REMINDER_DAYS_BEFORE, s.ESCALATION_DAYS_OVERDUE, s.DIGEST_WEEKDAY)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sykefravaer.settings",
        "SECRET_KEY": "x" * 60,
        "EMAIL_BACKEND": "smtp",
        "EMAIL_HOST": "smtp.example.no",
        "EMAIL_PORT": "587",
        "SITE_URL": "https://sykefravaer.example.no/",
        "REMINDER_DAYS_BEFORE": "1,14,3",
        "ESCALATION_DAYS_OVERDUE": "5",
        "DIGEST_WEEKDAY": "5",
    }
    result = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split(" ", 4) == [
        "smtp",
        "smtp.example.no",
        "587",
        "https://sykefravaer.example.no",
        "[14, 3, 1] 5 5\n",
    ], result.stderr
    bad = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        env={**env, "REMINDER_DAYS_BEFORE": "7,0"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode != 0 and "REMINDER_DAYS_BEFORE must be 1 or more days" in bad.stderr
