"""Delete health-related data the employer no longer needs (GDPR art. 5(1)(e)).

Sick-leave follow-up documents (periods, conversations, plans, meeting minutes)
may be kept only as long as they are needed. This app keeps a case and
everything on it for CASE_RETENTION_DAYS after the case ended (default two
years: long enough for a new case within the same sickness-benefit quota,
statistics over the previous year, and a dispute about the follow-up), then
deletes it. The audit log keeps that the deletion happened, not what was
deleted, and is itself pruned after AUDIT_RETENTION_DAYS.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.module_loading import import_string

from audit.models import AuditEvent
from audit.services import audit_record

from .models import AbsencePeriod, Case


@dataclass(frozen=True)
class PurgeResult:
    cases: int
    periods: int
    audit_events: int
    other: int = 0  # records of other apps (settings.RETENTION_PURGERS)


# A case is over 16 days after its last day (R4); only then does its retention start.
CASE_OVER_AFTER = timedelta(days=16)


def deletion_date(last_day: date) -> date:
    """The first day the retention job deletes a case (or an egenmelding) whose last day was `last_day`."""
    return last_day + CASE_OVER_AFTER + timedelta(days=settings.CASE_RETENTION_DAYS + 1)


@dataclass(frozen=True)
class RetentionPeriods:
    """The retention periods in force, in days: shown to HR and on the employee's own page."""

    cases: int  # a case and everything on it, counted from 16 days after its last day
    self_certifications: int  # an egenmelding, likewise from 16 days after its last day
    audit_events: int  # an audit event, counted from when it was written


def retention_periods() -> RetentionPeriods:
    return RetentionPeriods(
        cases=settings.CASE_RETENTION_DAYS,
        self_certifications=settings.CASE_RETENTION_DAYS,
        audit_events=settings.AUDIT_RETENTION_DAYS,
    )


@transaction.atomic
def purge_expired(*, today: date) -> PurgeResult:
    """Delete cases and periods that ended before the retention window, and old audit events."""
    cutoff = today - timedelta(days=settings.CASE_RETENTION_DAYS)
    # A case is over 16 days after its last day (R4); only then does its retention start.
    cases = Case.objects.filter(end__lt=cutoff - timedelta(days=16))
    case_count = 0
    for case in cases.select_related("employee").iterator():
        audit_record(
            actor=None,
            action="retention.case_deleted",
            employee=case.employee,
            detail={"case_id": case.pk, "ended": str(case.end)},
        )
        case.delete()
        case_count += 1
    # Periods go with their cases; a period of a case still kept stays.
    kept_case = Case.objects.filter(
        employee=OuterRef("employee"), start__lte=OuterRef("end"), end__gte=OuterRef("start")
    )
    period_count, _ = (
        AbsencePeriod.objects.filter(end__lt=cutoff - timedelta(days=16)).exclude(Exists(kept_case)).delete()
    )
    limit = cutoff - timedelta(days=16)
    other = sum(import_string(path)(limit) for path in settings.RETENTION_PURGERS)
    audit_cutoff = timezone.now() - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    audit_count = AuditEvent.objects.purge_older_than(audit_cutoff)
    return PurgeResult(cases=case_count, periods=period_count, audit_events=audit_count, other=other)
