"""NAV's requests for an inntektsmelding (forespørsler), from the sykepenger API for HR and payroll systems.

`POST /v1/forespoersler` with the business unit's number and the last running number seen
gives the new requests (ForespoerselResponse); each is kept once (by navReferanseId) on the
employee's case as a task for payroll, shown beside the employer period the engine computed.
Requests still waiting are looked up again (`GET /v1/forespoersel/{navReferanseId}`) so an
answered or withdrawn one stops being a task.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from audit.services import audit_record
from organisation import national_id as national_ids
from organisation.models import Employee

from . import http
from .conf import SCOPE_SYKMELDING, nav_config
from .models import IncomeReportRequest, Integration

REFRESH_AT_MOST = 50


def income_requests_fetch(*, integration: Integration) -> int:
    """New requests for the business unit, then the status of those still waiting; returns how many were new."""
    unit = integration.unit
    items = http.call(
        "POST",
        f"{nav_config().sykmelding_url}/v1/forespoersler",
        scope=SCOPE_SYKMELDING,
        orgnr=unit.organisation.org_number,
        json={"orgnr": unit.business_number, "fraLoepenr": integration.income_requests_loepenr},
    ).json()
    if not isinstance(items, list):
        raise ValueError("not a list")
    new = 0
    highest = integration.income_requests_loepenr
    for item in sorted(items, key=lambda i: int(i["loepenr"])):
        if income_request_receive(integration=integration, item=item):
            new += 1
        highest = max(highest, int(item["loepenr"]))
        Integration.objects.filter(pk=integration.pk).update(income_requests_loepenr=highest)
    integration.income_requests_loepenr = highest
    for waiting in IncomeReportRequest.objects.filter(
        integration=integration, status=IncomeReportRequest.Status.AKTIV
    ).order_by("fetched_at")[:REFRESH_AT_MOST]:
        item = http.call(
            "GET",
            f"{nav_config().sykmelding_url}/v1/forespoersel/{waiting.nav_reference}",
            scope=SCOPE_SYKMELDING,
            orgnr=unit.organisation.org_number,
        ).json()
        income_request_receive(integration=integration, item=item)
    return new


@transaction.atomic
def income_request_receive(*, integration: Integration, item: dict) -> bool:
    """Keep one request; True when it was new. A known one only follows NAV's status."""
    reference = str(item["navReferanseId"])
    known = IncomeReportRequest.objects.select_for_update().filter(nav_reference=reference).first()
    if known is not None:
        if known.status != item["status"]:
            before, known.status = known.status, item["status"]
            known.save(update_fields=["status"])
            audit_record(
                actor=None,
                action="nav.income_request.status",
                employee=known.employee,
                obj=known,
                detail={"before": before, "after": known.status},
            )
        return False
    national_id = national_ids.normalise(str(item["fnr"]))
    hashed = national_ids.lookup_hash(national_id)
    matches = list(
        Employee.objects.filter(organisation_id=integration.unit.organisation_id, national_id_hash=hashed)[:2]
    )
    employee = matches[0] if len(matches) == 1 else None
    periods = [*item["egenmeldingsperioder"], *item["sykmeldingsperioder"]]
    first = min((date.fromisoformat(p["fom"]) for p in periods), default=date.fromisoformat(item["inntektsdato"]))
    case = None
    if employee is not None:
        case = (
            employee.cases.current().filter(start__lte=first, end__gte=first).first()
            or employee.cases.current().filter(start__gte=first).order_by("start").first()
        )
    created = parse_datetime(item["opprettetTid"]) or timezone.now()
    if timezone.is_naive(created):  # NAV's LocalDateTime is Norwegian local time
        created = timezone.make_aware(created)
    request = IncomeReportRequest.objects.create(
        nav_reference=reference,
        loepenr=int(item["loepenr"]),
        integration=integration,
        employee=employee,
        case=case,
        national_id_hash=hashed,
        status=item["status"],
        sick_periods=[{"fom": p["fom"], "tom": p["tom"]} for p in item["sykmeldingsperioder"]],
        self_certified_periods=[{"fom": p["fom"], "tom": p["tom"]} for p in item["egenmeldingsperioder"]],
        income_date=date.fromisoformat(item["inntektsdato"]),
        employer_period_required=bool(item["arbeidsgiverperiodePaakrevd"]),
        income_required=bool(item["inntektPaakrevd"]),
        created_at_nav=created,
    )
    audit_record(
        actor=None,
        action="nav.income_request.received",
        employee=employee,
        obj=request,
        detail={"status": request.status, "matched": employee is not None, "case": case.pk if case else None},
    )
    return True
