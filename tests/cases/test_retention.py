from datetime import date, timedelta

import pytest
import time_machine
from django.core.management import call_command

from audit.models import AuditEvent
from audit.services import audit_record
from cases import services
from cases.models import AbsencePeriod, Case, Conversation
from cases.retention import purge_expired

pytestmark = pytest.mark.django_db


def test_cases_are_deleted_after_the_retention_period_with_everything_on_them(world, settings):
    settings.CASE_RETENTION_DAYS = 730
    e, by = world.sales_employee, world.sales_manager.user
    with time_machine.travel(date(2024, 3, 1), tick=False):
        services.period_register(employee=e, kind="sick", start=date(2024, 2, 1), end=date(2024, 2, 20), by=by)
        old = e.cases.get()
        services.conversation_record(case=old, by=by, kind="first", held_on=date(2024, 2, 3))
    with time_machine.travel(date(2026, 3, 1), tick=False):
        services.period_register(employee=e, kind="sick", start=date(2026, 2, 1), end=date(2026, 2, 20), by=by)
    # Ended 2024-02-20: kept until 730 + 16 days have passed.
    kept = purge_expired(today=date(2024, 2, 20) + timedelta(days=746))
    assert kept.cases == 0 and Case.objects.filter(pk=old.pk).exists()
    result = purge_expired(today=date(2024, 2, 20) + timedelta(days=747))
    assert result.cases == 1 and result.periods == 1
    assert not Case.objects.filter(pk=old.pk).exists() and not Conversation.objects.exists()
    assert list(AbsencePeriod.objects.values_list("start", flat=True)) == [date(2026, 2, 1)]
    assert e.cases.count() == 1
    event = AuditEvent.objects.get(action="retention.case_deleted")
    assert event.employee == e and event.detail["case_id"] == old.pk


def test_a_long_case_keeps_its_early_periods(world, settings):
    settings.CASE_RETENTION_DAYS = 30
    e = world.sales_employee
    with time_machine.travel(date(2026, 3, 1), tick=False):
        services.period_register(employee=e, kind="sick", start=date(2026, 1, 1), end=date(2026, 1, 31))
        services.period_register(employee=e, kind="sick", start=date(2026, 2, 1), end=date(2026, 6, 30))
    result = purge_expired(today=date(2026, 5, 1))
    assert result == type(result)(cases=0, periods=0, audit_events=0)
    assert e.absence_periods.count() == 2


def test_old_audit_events_are_purged_only_by_the_retention_job(world, settings):
    settings.AUDIT_RETENTION_DAYS = 365
    with time_machine.travel(date(2024, 1, 1), tick=False):
        audit_record(actor=world.org_hr, action="employee.view")
    with time_machine.travel(date(2026, 1, 1), tick=False):
        audit_record(actor=world.org_hr, action="employee.view")
        call_command("purge_expired")
    assert AuditEvent.objects.filter(action="employee.view").count() == 1


def test_self_certifications_follow_the_retention_period(world, settings):
    from self_certification.models import SelfCertification

    settings.CASE_RETENTION_DAYS = 30
    e = world.sales_employee
    SelfCertification.objects.create(
        employee=e, start=date(2026, 1, 5), end=date(2026, 1, 6), work_related="no", declaration=True
    )
    SelfCertification.objects.create(
        employee=e, start=date(2026, 3, 2), end=date(2026, 3, 3), work_related="no", declaration=True
    )
    result = purge_expired(today=date(2026, 3, 20))
    assert result.other == 1
    assert list(SelfCertification.objects.values_list("start", flat=True)) == [date(2026, 3, 2)]


def test_retention_is_shown_to_hr_and_on_a_closed_case(client, world, make_case, settings):
    from django.urls import reverse

    from cases.models import Case

    settings.CASE_RETENTION_DAYS = 730
    settings.AUDIT_RETENTION_DAYS = 1825
    case = make_case(world.sales_employee, ("sick", date(2024, 1, 8), date(2024, 1, 19), 100), today=date(2024, 1, 8))
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED)
    client.force_login(world.org_hr)
    client.cookies["sykefravaer_language"] = "en"
    page = client.get(reverse("hr_start")).content.decode()
    assert 'data-testid="retention"' in page
    assert "730 days after the case is over" in page and "1825 days" in page
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Deleted on 4 Feb 2026" in detail
