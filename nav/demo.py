"""The NAV part of the demo: identity numbers, a business unit with the integration on, sick notes in the fake.

Run by `make run` after the fake NAV has started (bin/run); it only talks to the fake.
"""

import uuid
from datetime import date, datetime, timedelta

import requests
from django.utils import timezone

from organisation.models import Employee, Organisation, Unit
from organisation.national_id import _K1_WEIGHTS, _K2_WEIGHTS, _control, national_id_is_valid

from .fake.samples import (
    activity,
    dialogue_meeting_letter,
    income_report_request,
    linemanager_requirement,
    sick_note,
)
from .models import Integration

DEMO_BUSINESS_NUMBER = "913000005"  # Kundeservice, made up (mod-11 valid)
NOBODY = "31129910065"  # a valid number no demo employee has: the note waits for HR


def synthetic_national_id(n: int) -> str:
    """A valid fødselsnummer for demo person n (not a real person's: individual numbers 900-999)."""
    birth = date(1975, 1, 1) + timedelta(days=97 * n)
    for individual in range(900, 1000):
        base = birth.strftime("%d%m%y") + str(individual)
        k1 = _control(base, _K1_WEIGHTS)
        if k1 is None:
            continue
        k2 = _control(base + str(k1), _K2_WEIGHTS)
        if k2 is not None and national_id_is_valid(base + str(k1) + str(k2)):
            return base + str(k1) + str(k2)
    raise ValueError(n)


def set_up(*, fake_url: str, today: date | None = None) -> str:
    """Give the demo its NAV data and publish today's sick notes to the fake; returns what it did."""
    today = today or timezone.localdate()
    organisation = Organisation.objects.order_by("pk").first()
    unit = Unit.objects.filter(organisation=organisation, name="Kundeservice").first()
    if unit is None:
        return "No demo organisation; nothing to do."
    unit.business_number = DEMO_BUSINESS_NUMBER
    unit.save(update_fields=["business_number"])
    staff = list(Employee.objects.filter(unit=unit).order_by("pk"))
    # The staff and their managers (NAV needs a nearest leader's identity number and mobile).
    managers = list(
        Employee.objects.filter(pk__in=[e.manager_id for e in staff if e.manager_id]).exclude(unit=unit).order_by("pk")
    )
    for n, employee in enumerate(staff + managers):
        fields = []
        if not employee.national_id_encrypted:
            employee.national_id = synthetic_national_id(n)
            fields += ["national_id_encrypted", "national_id_hash"]
        if not employee.mobile:
            employee.mobile = f"+47 4{n:02d} 12 345"
            fields.append("mobile")
        if fields:
            employee.save(update_fields=fields)
    integration, _ = Integration.objects.get_or_create(unit=unit)
    # The fake starts empty every run: read everything from the start (the app ignores what it has).
    Integration.objects.filter(pk=integration.pk).update(
        enabled=True,
        last_loepenr=0,
        income_requests_loepenr=0,
        requirements_after=None,
        dialogmote_after=None,
        oppfolgingsplan_after=None,
    )
    _publish_letters(fake_url, unit, staff, today)
    # Someone in the team of the unit's own manager (the demo's "leder"), not yet on sick leave.
    healthy = next(
        (
            e
            for e in staff
            if e.manager is not None
            and e.manager.unit_id == unit.pk
            and not e.cases.exists()
            and e.first_name != "Sara"
        ),
        None,
    )
    if healthy is None:
        return "Every demo employee has a case already; no sick note published."
    day = today.isoformat()
    notes = [
        sick_note(
            fnr=healthy.national_id,
            orgnr=DEMO_BUSINESS_NUMBER,
            name=healthy.full_name,
            sykmelding_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo-{day}-{healthy.pk}")),
            periods=[
                (today - timedelta(days=1), today + timedelta(days=6), activity("ikke_mulig")),
                (today + timedelta(days=7), today + timedelta(days=20), activity("gradert", 50)),
            ],
        ),
        sick_note(
            fnr=NOBODY,
            orgnr=DEMO_BUSINESS_NUMBER,
            name="Ukjent Person",
            sykmelding_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo-{day}-nobody")),
            periods=[(today - timedelta(days=2), today + timedelta(days=5), activity())],
        ),
    ]
    for note in notes:
        requests.post(f"{fake_url.rstrip('/')}/_fake/sykmeldinger", json=note, timeout=5).raise_for_status()
    return (
        f"The fake NAV has a sick note for {healthy.full_name}, a nearest-leader requirement, a dialogue-meeting "
        "letter and an inntektsmelding request; they arrive within one fetch interval."
    )


def _publish_letters(fake_url: str, unit: Unit, staff: list[Employee], today: date) -> None:
    """NAV's side for sick-listed demo staff: a requirement for a nearest leader, a DM2 letter, an IM request."""
    import base64

    base = fake_url.rstrip("/")
    sick = [e for e in staff if e.cases.open().exists()]
    if not sick:
        return
    day = today.isoformat()
    # The longest-running case gets NAV's invitation to dialogue meeting 2.
    longest = min(sick, key=lambda e: e.cases.open().order_by("start").first().start)
    meeting_at = datetime.combine(today + timedelta(days=21), datetime.min.time()).replace(hour=10)
    letter = dialogue_meeting_letter(
        fnr=longest.national_id,
        orgnr=unit.business_number,
        name=longest.full_name,
        meeting_at=meeting_at,
        document_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo-dm-{day}")),
    )
    letter["content"] = base64.b64encode(letter.pop("pdf")).decode()
    requests.post(f"{base}/_fake/documents", json=letter, timeout=5).raise_for_status()
    # The employee with a log-in ("ansatt") has no nearest leader at NAV: HR answers it.
    person = next((e for e in sick if e.user_id), sick[0])
    requirement = linemanager_requirement(
        fnr=person.national_id,
        orgnr=unit.business_number,
        first_name=person.first_name,
        last_name=person.last_name,
        main_orgnr=unit.organisation.org_number,
        requirement_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo-nl-{day}")),
    )
    requests.post(f"{base}/_fake/requirements", json=requirement, timeout=5).raise_for_status()
    case = person.cases.open().order_by("-start").first()
    periods = list(person.absence_periods.filter(start__lte=case.end, end__gte=case.start).order_by("start"))
    sick_days = [(p.start, p.end) for p in periods if p.kind == "sick"] or [(case.start, case.end)]
    own = [(p.start, p.end) for p in periods if p.kind == "egenmelding"]
    request = income_report_request(
        fnr=person.national_id,
        orgnr=unit.business_number,
        sick=sick_days,
        self_certified=own,
        reference=str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo-im-{day}")),
    )
    requests.post(f"{base}/_fake/forespoersler", json=request, timeout=5).raise_for_status()
