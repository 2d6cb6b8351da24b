"""Sick notes in: fetched from NAV's sykepenger API for HR and payroll systems, recorded on the case.

`POST /v1/sykmeldinger` with the business unit's organisation number and the last
running number seen gives the new notes (SykmeldingArbeidsgiver). Each is matched to an
employee by the identity number, its periods are mapped to absence periods of the right
kind and grade and registered through cases.services.period_register, the same
service as a manager's registration, so cases, deadlines and reminders follow at once.
Idempotent by sykmeldingId: a note fetched twice changes nothing, a corrected note
replaces its periods. A note that matches no employee, or more than one, waits for HR.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from audit.services import audit_record
from cases import services as case_services
from cases.models import AbsencePeriod
from organisation import national_id as national_ids
from organisation.models import Employee

from . import http
from .conf import SCOPE_SYKMELDING, nav_config
from .errors import NavError
from .models import Integration, ReceivedSickNote

logger = logging.getLogger(__name__)
Kind = AbsencePeriod.Kind


def period_of(period: dict) -> dict:
    """One sykmeldingsperiode as an absence period: kind and grade from its `aktivitet`."""
    activity = period["aktivitet"]
    grade = 100
    if activity.get("avventendeSykmelding") is not None:
        kind = Kind.PENDING
    elif activity.get("gradertSykmelding"):
        kind = Kind.SICK
        grade = int(activity["gradertSykmelding"]["sykmeldingsgrad"])
    elif activity.get("antallBehandlingsdagerUke"):
        kind = Kind.TREATMENT_DAYS
    elif activity.get("aktivitetIkkeMulig") is not None:
        kind = Kind.SICK
    elif activity.get("harReisetilskudd"):
        kind = Kind.TRAVEL_GRANT
    else:
        kind = Kind.SICK
    return {"kind": str(kind), "start": _date(period["fom"]), "end": _date(period["tom"]), "grade": grade}


def periods_of(note: dict) -> list[dict]:
    """The note's periods, with its self-certified days (egenmeldingsdager) before them."""
    periods = [
        {"kind": str(Kind.EGENMELDING), "start": _date(p["fom"]), "end": _date(p["tom"]), "grade": 100}
        for p in note.get("egenmeldingsdager") or []
    ]
    periods += [period_of(p) for p in note["sykmeldingPerioder"]]
    return sorted(periods, key=lambda p: (p["start"], p["end"]))


def _date(text: str) -> str:
    return date.fromisoformat(text).isoformat()


def _received_at(note: dict) -> datetime:
    value = parse_datetime(note.get("mottattAvNav") or "")
    if value is None:
        return timezone.now()
    return timezone.make_aware(value) if timezone.is_naive(value) else value


# Receiving one note ------------------------------------------------------------


@transaction.atomic
def sick_note_receive(*, integration: Integration, note: dict) -> ReceivedSickNote:
    """Record one SykmeldingArbeidsgiver from NAV; fetching the same note again changes nothing."""
    sykmelding_id = str(note["sykmeldingId"])
    periods = periods_of(note)
    national_id = national_ids.normalise(str(note["sykmeldt"]["fnr"]))
    stored = ReceivedSickNote.objects.select_for_update().filter(sykmelding_id=sykmelding_id).first()
    if stored is not None and stored.periods == periods and stored.status == ReceivedSickNote.Status.RECORDED:
        return stored  # the same note again
    if stored is None:
        stored = ReceivedSickNote(sykmelding_id=sykmelding_id)
    corrected = stored.pk is not None
    stored.integration = integration
    stored.loepenr = int(note["loepenr"])
    stored.received_by_nav_at = _received_at(note)
    stored.name_on_note = str(note["sykmeldt"].get("navn") or "")[:200]
    stored.national_id_encrypted = national_ids.encrypt(national_id)
    stored.national_id_hash = national_ids.lookup_hash(national_id)
    stored.periods = periods
    return _record(stored, corrected=corrected)


def _record(stored: ReceivedSickNote, *, corrected: bool) -> ReceivedSickNote:
    """Match the note to its employee and put its periods on the case, or leave it waiting with the reason."""
    organisation = stored.integration.unit.organisation
    matches = list(Employee.objects.filter(organisation=organisation, national_id_hash=stored.national_id_hash)[:2])
    previous = list(stored.absence_periods.all()) if stored.pk else []
    if len(matches) != 1:
        stored.employee = None
        stored.status = ReceivedSickNote.Status.UNMATCHED if not matches else ReceivedSickNote.Status.AMBIGUOUS
        stored.problem = (
            _("No employee has this national identity number.")
            if not matches
            else _("More than one employee has this national identity number.")
        )
        stored.save()
        _audit(stored, "nav.sick_note.waiting", reason=stored.status)
        return stored
    employee = matches[0]
    try:
        with transaction.atomic():
            for period in previous:  # a corrected note replaces its periods
                if not period.nav_sick_notes.exclude(pk=stored.pk).exists():
                    case_services.period_delete(period=period, by=None)
            recorded = [_register(employee, p) for p in stored.periods]
    except case_services.PeriodError as error:
        stored.employee = employee
        stored.status = ReceivedSickNote.Status.INVALID
        stored.problem = str(error.message)[:300]
        stored.save()
        _audit(stored, "nav.sick_note.waiting", reason=error.code)
        return stored
    stored.employee = employee
    stored.status = ReceivedSickNote.Status.RECORDED
    stored.problem = ""
    stored.save()
    stored.absence_periods.set([p for p in recorded if p is not None])
    _audit(stored, "nav.sick_note.corrected" if corrected else "nav.sick_note.recorded")
    transaction.on_commit(lambda: _notify_manager(stored.pk))
    from .leaders import leaders_sync  # a new sick leave: NAV learns the nearest leader at once

    transaction.on_commit(lambda: leaders_sync(employee_ids=[employee.pk], reason="sick_note"))
    return stored


def _register(employee: Employee, period: dict) -> AbsencePeriod | None:
    start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
    same = AbsencePeriod.objects.filter(
        employee=employee, kind=period["kind"], start=start, end=end, grade=period["grade"]
    ).first()
    if same is not None:
        return same  # registered by hand already: the note confirms it
    if (
        period["kind"] == Kind.EGENMELDING
        and AbsencePeriod.objects.filter(employee=employee, start__lte=end, end__gte=start).exists()
    ):
        return None  # the self-certified days are on the case already
    return case_services.period_register(
        employee=employee,
        kind=period["kind"],
        start=start,
        end=end,
        grade=period["grade"],
        source=AbsencePeriod.Source.NAV,
    )


def _audit(stored: ReceivedSickNote, action: str, **extra) -> None:
    audit_record(
        actor=None,
        action=action,
        employee=stored.employee,
        obj=stored,
        detail={
            "sykmelding_id": str(stored.sykmelding_id),
            "loepenr": stored.loepenr,
            "unit": stored.integration.unit.business_number,
            "periods": len(stored.periods),
            **extra,
        },
    )


def _notify_manager(note_pk: int) -> None:
    from reminders.models import Delivery

    stored = ReceivedSickNote.objects.select_related("employee__manager__user").filter(pk=note_pk).first()
    if stored is None or stored.employee is None:
        return
    manager = stored.employee.manager
    case = (
        stored.employee.cases.current()
        .filter(
            start__lte=max(date.fromisoformat(p["start"]) for p in stored.periods),
            end__gte=min(date.fromisoformat(p["start"]) for p in stored.periods),
        )
        .first()
    )
    if manager is None or manager.user_id is None or case is None:
        return
    Delivery.objects.get_or_create(
        kind=Delivery.Kind.NAV_SICK_NOTE,
        case=case,
        milestone_key=f"nav-{stored.sykmelding_id}"[:40],
        days_before=0,
        due=timezone.localdate(stored.received_by_nav_at),
        recipient_id=manager.user_id,
        defaults={
            "run_on": timezone.localdate(),
            "sent_at": timezone.now(),
            "data": {"received": stored.received_by_nav_at.isoformat()},
        },
    )


@transaction.atomic
def sick_note_retry(*, note: ReceivedSickNote, by) -> ReceivedSickNote:
    """HR fixed the employee (identity number, dates): try to record a waiting note again."""
    note = ReceivedSickNote.objects.select_for_update().get(pk=note.pk)
    if not note.waiting:
        return note
    audit_record(actor=by, action="nav.sick_note.retry", obj=note, detail={"sykmelding_id": str(note.sykmelding_id)})
    return _record(note, corrected=False)


# Fetching ----------------------------------------------------------------------


@dataclass
class FetchResult:
    fetched: int = 0
    recorded: int = 0
    waiting: int = 0
    error: NavError | None = None
    notes: list[ReceivedSickNote] = field(default_factory=list)


def sick_notes_fetch(*, integration: Integration) -> FetchResult:
    """Fetch the business unit's new sick notes from NAV and record each."""
    result = FetchResult()
    unit = integration.unit
    now = timezone.now()
    try:
        response = http.call(
            "POST",
            f"{nav_config().sykmelding_url}/v1/sykmeldinger",
            scope=SCOPE_SYKMELDING,
            orgnr=unit.organisation.org_number,
            json={"orgnr": unit.business_number, "fraLoepenr": integration.last_loepenr},
        )
        notes = response.json()
        if not isinstance(notes, list):
            raise ValueError("not a list")
    except NavError as error:
        result.error = error
    except ValueError:
        from .errors import error as nav_error

        result.error = nav_error("invalid_response")
    if result.error is not None:
        Integration.objects.filter(pk=integration.pk).update(
            last_fetch_at=now, last_error_code=result.error.code, last_error_at=now
        )
        return result
    highest = integration.last_loepenr
    for note in notes:
        result.fetched += 1
        try:
            stored = sick_note_receive(integration=integration, note=note)
        except (KeyError, TypeError, ValueError):
            logger.warning("A sick note from NAV could not be read (running number %s).", note.get("loepenr"))
            audit_record(
                actor=None,
                action="nav.sick_note.unreadable",
                detail={"unit": unit.business_number, "loepenr": note.get("loepenr")},
            )
            continue
        result.notes.append(stored)
        if stored.waiting:
            result.waiting += 1
        else:
            result.recorded += 1
        highest = max(highest, stored.loepenr)
    Integration.objects.filter(pk=integration.pk).update(
        last_fetch_at=now, last_success_at=now, last_error_code="", last_loepenr=highest
    )
    integration.refresh_from_db()
    audit_record(
        actor=None,
        action="nav.sick_notes.fetched",
        detail={
            "unit": unit.business_number,
            "fetched": result.fetched,
            "recorded": result.recorded,
            "waiting": result.waiting,
        },
    )
    return result


def fetch_all() -> list[FetchResult]:
    """Every business unit with the integration on and a business unit number."""
    results = []
    for integration in (
        Integration.objects.filter(enabled=True).exclude(unit__business_number="").select_related("unit__organisation")
    ):
        results.append(sick_notes_fetch(integration=integration))
    return results
