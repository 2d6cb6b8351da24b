"""Demo self-certifications, relative to today. Only for demo and development.

Called by sykefravaer/demo.py after the demo cases, so it picks employees who
have no absence yet:
- a report from someone in Kari Solberg's team (leder) that waits for her confirmation;
- a colleague in the same team with 4 confirmed self-certifications in the last
  12 months, so HR sees "may withdraw" (and is e-mailed once);
- a log-in for Sara Ahmed ("sara"), hired a month ago, to show the 2-month rule:
  the form refuses her until she has worked here for 2 months.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from cases import services as case_services
from cases.models import AbsencePeriod
from organisation.models import Employee, Organisation

from . import selectors, services
from .models import SelfCertification

DEMO_PASSWORD = "demo"


@transaction.atomic
def load_demo_self_certifications(organisation: Organisation, today: date) -> None:
    User = get_user_model()
    leader = User.objects.get(username="leder")
    free = list(
        Employee.objects.filter(organisation=organisation, manager__user=leader, absence_periods__isnull=True)
        .exclude(first_name="Sara", last_name="Ahmed")
        .exclude(user__isnull=False)
        .order_by("last_name", "first_name")
    )
    frequent, pending = free[0], free[1]

    def days(n: int) -> date:
        return today + timedelta(days=n)

    # Four short absences in the last 12 months, each confirmed by the manager (R15).
    for first, last in [(-330, -330), (-235, -234), (-150, -148), (-60, -59)]:
        period = case_services.period_register(
            employee=frequent,
            kind=AbsencePeriod.Kind.EGENMELDING,
            start=days(first),
            end=days(last),
            by=leader,
            source=AbsencePeriod.Source.SELF_CERTIFICATION,
        )
        SelfCertification.objects.create(
            employee=frequent,
            start=period.start,
            end=period.end,
            work_related=SelfCertification.WorkRelated.NO,
            declaration=True,
            status=SelfCertification.Status.CONFIRMED,
            period=period,
            decided_by=leader,
            submitted_at=_at(period.start),
            decided_at=_at(period.end),
        )
    services.may_withdraw_check(employee=frequent, on=today)

    # Reported this morning, for yesterday and today: waits on the manager's start page.
    start, end = days(-1), today
    decision = selectors.assess(pending, start, end)
    assert decision.allowed and decision.days_allowed == 2, decision
    report = SelfCertification.objects.create(
        employee=pending, start=start, end=end, work_related=SelfCertification.WorkRelated.UNSURE, declaration=True
    )
    audit_record(
        actor=None,
        action="self_certification.submit",
        employee=pending,
        obj=report,
        detail={"start": str(start), "end": str(end), "demo": True},
    )

    # Sara Ahmed started a month ago: no right to self-certify yet (R12).
    sara = Employee.objects.get(organisation=organisation, first_name="Sara", last_name="Ahmed")
    if sara.user_id is None:
        sara.user = User.objects.create_user(username="sara", password=DEMO_PASSWORD, email=sara.email)
        sara.save(update_fields=["user"])


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(8, 0)))
