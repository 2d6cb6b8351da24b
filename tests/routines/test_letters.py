"""The max-date letter: HR's task, the letter, sending it, and the max date moving afterwards."""

import re
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from cases import services as case_services
from cases.models import CaseMilestone
from cases.timeline import case_timeline_events
from reminders import services as reminder_services
from reminders.models import Delivery
from routines import letters
from routines.models import MaxDateLetter, RoutineSettings

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_the_case_gets_the_letter_milestone_due_eight_weeks_before_the_max_date(long_case):
    row = CaseMilestone.objects.get(case=long_case, key=letters.KEY)
    assert row.due == TODAY + timedelta(weeks=2)
    assert row.statutory is False and row.applies


def test_hr_in_scope_gets_the_task_once_and_the_manager_gets_no_reminder(world, long_case, frozen):
    recorded = letters.letter_tasks_record(on=TODAY)
    tasks = Delivery.objects.filter(kind=Delivery.Kind.HR_TASK, case=long_case)
    assert set(tasks.values_list("recipient__username", flat=True)) == {"unithr", "orghr"}
    assert recorded == 2
    letters.letter_tasks_record(on=TODAY + timedelta(days=1))
    assert tasks.count() == 2  # one per HR user and letter date
    assert "Max-date letter" in tasks.first().data["title"] or "Maksdatobrev" in tasks.first().data["title"]
    # The daily reminders give the manager nothing for the letter, even on its due date.
    reminder_services.reminders_run(on=TODAY + timedelta(weeks=2), send_now=True)
    assert not Delivery.objects.filter(
        case=long_case, milestone_key=letters.KEY, recipient=world.sales_manager.user
    ).exists()


def test_no_task_when_the_max_date_is_further_away_or_the_routine_is_off(world, long_case, frozen):
    case_services.case_set_max_date_from_nav(case=long_case, max_date=TODAY + timedelta(weeks=13), by=world.org_hr)
    assert letters.letter_tasks_record(on=TODAY) == 0
    case_services.case_set_max_date_from_nav(case=long_case, max_date=TODAY + timedelta(weeks=9), by=world.org_hr)
    RoutineSettings.objects.create(organisation=world.root.organisation, letter_enabled=False)
    assert letters.letter_tasks_record(on=TODAY) == 0


def test_the_task_list_is_hrs_and_the_letter_is_refused_to_the_manager(client, world, long_case, frozen):
    client.force_login(world.unit_hr)
    page = client.get(reverse("routines:letters"))
    assert page.status_code == 200
    assert world.sales_employee.full_name in page.content.decode()
    client.force_login(world.sales_manager.user)
    assert client.get(reverse("routines:letter", args=[long_case.pk])).status_code == 404
    assert client.get(reverse("routines:letters")).status_code == 404
    client.force_login(world.support_manager.user)
    assert client.get(reverse("routines:letter_pdf", args=[long_case.pk])).status_code == 404


def test_the_letter_says_estimate_unless_navs_date_was_entered(client, world, long_case, frozen):
    client.force_login(world.org_hr)
    url = reverse("routines:letter", args=[long_case.pk])
    with_nav = client.get(url).content.decode()
    assert "NAV har satt maksdatoen din" in with_nav
    assert "arbeidsavklaringspenger" in with_nav and "tre måneder" in with_nav
    case_services.case_set_max_date_from_nav(case=long_case, max_date=None, by=world.org_hr)
    long_case.refresh_from_db()
    assert long_case.max_date_estimate is not None
    estimate = client.get(url).content.decode()
    assert "estimat – NAVs dato gjelder" in estimate


def test_the_organisations_template_texts_are_used(client, world, long_case, frozen):
    RoutineSettings.objects.create(
        organisation=world.root.organisation, letter_pension_text="Søk uførepensjon i KLP på skjema 12."
    )
    client.force_login(world.org_hr)
    body = client.get(reverse("routines:letter", args=[long_case.pk])).content.decode()
    assert "Søk uførepensjon i KLP på skjema 12." in body


def test_the_pdf_is_an_a4_letter(client, world, long_case, frozen, tmp_path):
    client.force_login(world.org_hr)
    response = client.get(reverse("routines:letter_pdf", args=[long_case.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdfinfo, pdftotext) is not installed")
    path = tmp_path / "letter.pdf"
    path.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info and re.search(r"Pages:\s+1\n", info)
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "Din maksdato for sykepenger" in text and world.sales_employee.full_name in text
    assert AuditEvent.objects.filter(action="routines.max_date_letter.pdf").exists()


def test_marking_sent_records_who_and_when_on_the_timeline_and_in_the_audit(client, world, long_case, frozen):
    letters.letter_tasks_record(on=TODAY)
    client.force_login(world.org_hr)
    response = client.post(
        reverse("routines:letter", args=[long_case.pk]), {"channel": "email", "sent_on": TODAY.isoformat()}
    )
    assert response.status_code == 302
    letter = MaxDateLetter.objects.get(case=long_case)
    assert (letter.channel, letter.sent_by, letter.max_date) == ("email", world.org_hr, TODAY + timedelta(weeks=10))
    assert CaseMilestone.objects.get(case=long_case, key=letters.KEY).completed_at is not None
    events = [e for e in case_timeline_events(long_case, user=world.org_hr) if e.kind == "max_date_letter_sent"]
    assert len(events) == 1 and events[0].date == TODAY
    assert AuditEvent.objects.filter(action="routines.max_date_letter.sent", actor=world.org_hr).exists()
    assert not Delivery.objects.pending().filter(case=long_case, kind=Delivery.Kind.HR_TASK).exists()
    assert letters.letter_tasks_record(on=TODAY + timedelta(days=1)) == 0


def test_a_future_send_date_is_refused(client, world, long_case, frozen):
    client.force_login(world.org_hr)
    response = client.post(
        reverse("routines:letter", args=[long_case.pk]),
        {"channel": "letter", "sent_on": (TODAY + timedelta(days=3)).isoformat()},
    )
    assert response.status_code == 200
    assert not MaxDateLetter.objects.exists()


def test_hr_is_told_when_the_max_date_moves_after_the_letter(
    world, long_case, frozen, django_capture_on_commit_callbacks
):
    letters.letter_mark_sent(case=long_case, by=world.org_hr, channel="letter", sent_on=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        case_services.case_set_max_date_from_nav(case=long_case, max_date=TODAY + timedelta(weeks=11), by=world.org_hr)
    notices = Delivery.objects.filter(kind=Delivery.Kind.HR_TASK_CHANGED, case=long_case)
    assert set(notices.values_list("recipient__username", flat=True)) == {"unithr", "orghr"}
    assert all(n.sent_at is not None for n in notices)
    # Told once per new date: syncing again adds nothing.
    case_services.cases_sync(employee=long_case.employee, by=world.org_hr)
    assert notices.count() == 2
    assert letters.letter_state(long_case).outdated
    assert letters.letter_tasks_record(on=TODAY) == 2  # a new letter is due for the new date
