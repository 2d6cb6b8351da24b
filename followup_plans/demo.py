"""A realistic follow-up plan, written through the services. For demo data, the PDF benchmark and tests."""

from datetime import date, timedelta

from . import services
from .models import PlanMeasure, PlanTask, PlanVersion

_A = PlanTask.Assessment
_ADJ = PlanTask.Adjustment
_R = PlanMeasure.Responsible
_S = PlanMeasure.Status

TASKS = [
    (
        "Telefonvakt i kundesenteret",
        "Svare på innkommende samtaler i køen, ofte mange samtaler på rad.",
        _A.CAN_WITH_ADJUSTMENT,
        [_ADJ.MORE_TIME],
        "Færre samtaler i timen og pauser mellom øktene.",
    ),
    ("Svare på e-post og chat", "Skriftlige henvendelser fra kunder, med svarfrist samme dag.", _A.CAN, [], ""),
    ("Registrere saker i kundesystemet", "Føre saker og oppfølging i fagsystemet.", _A.CAN, [], ""),
    ("Kundebesøk ute", "Befaringer hos kunder, med kjøring og mye gåing.", _A.CANNOT, [], ""),
    ("Bære og sortere varer på lageret", "Pakke ut leveranser på fredager, tunge kasser.", _A.CANNOT, [], ""),
    (
        "Opplæring av nyansatte",
        "Sitte sammen med nye kolleger de første ukene.",
        _A.CAN_WITH_ADJUSTMENT,
        [_ADJ.OTHER_PLACE, _ADJ.OTHER],
        "Kan gjøres fra stillerommet; korte økter på inntil en time.",
    ),
    (
        "Ukemøte i teamet",
        "Fast møte mandag morgen.",
        _A.CAN_WITH_ADJUSTMENT,
        [_ADJ.OTHER_PLACE],
        "Kan delta på video hjemmefra.",
    ),
]

MEASURES = [
    (
        "Kortere arbeidsdager: 09–14 de første to ukene, så 08–15.",
        _R.EMPLOYER,
        0,
        28,
        _S.AGREED,
        0,
        "Vurderes på evalueringsmøtet.",
    ),
    ("Telefonvakt høyst to timer om dagen, med pause mellom øktene.", _R.EMPLOYER, 0, 28, _S.AGREED, 0, ""),
    ("Fritak fra kundebesøk i perioden; en kollega tar besøkene.", _R.EMPLOYER, 0, 35, _S.AGREED, 3, ""),
    ("Fritak fra lagerarbeid; oppgaven fordeles i teamet.", _R.EMPLOYER, 0, 35, _S.AGREED, 4, ""),
    ("Hev-senk-bord og hodesett med støydemping bestilles.", _R.EMPLOYER, 0, 7, _S.DONE, None, "Levert og montert."),
    ("Arbeidstakeren sier fra til leder om tilretteleggingen ikke fungerer.", _R.EMPLOYEE, 0, 35, _S.AGREED, None, ""),
    (
        "Samtale med bedriftshelsetjenesten om arbeidsplassen og pauser.",
        _R.OCCUPATIONAL_HEALTH,
        7,
        21,
        _S.AGREED,
        None,
        "Time avtales av leder.",
    ),
    (
        "Hjemmekontor to dager i uken.",
        _R.EMPLOYER,
        0,
        28,
        _S.NOT_RELEVANT,
        None,
        "Prøvd tidligere; arbeidstakeren vil heller være på jobb.",
    ),
]

TEXT = {
    "typical_workday": (
        "Arbeidstakeren jobber full tid i kundeservice, vanligvis 08–16 mandag til fredag. Dagen starter med "
        "e-post og saker fra dagen før; fra klokka ti er det telefonvakt i køen, ofte mange samtaler på rad. "
        "Etter lunsj er det saksbehandling i kundesystemet og av og til kundebesøk ute. Fredag pakkes "
        "leveranser ut på lageret.\n\nArbeidet krever mye prat og konsentrasjon over tid, og noe kjøring og "
        "løfting."
    ),
    "previous_adjustments": (
        "Uke 2: to dager med kortere vakter. Det gikk bedre de dagene, men telefonkøen ble for krevende. "
        "Uke 3: fritak fra lagerarbeid, som fungerte godt."
    ),
    "other_options": (
        "Bedriftshelsetjenesten kan se på arbeidsplassen og pausene. Hvis det trengs over tid: andre "
        "oppgaver i avdelingen for økonomi og administrasjon."
    ),
    "follow_up": (
        "Leder og arbeidstaker tar en kort prat hver mandag etter ukemøtet om hvordan uka har gått. Leder "
        "ringer hvis arbeidstakeren ikke er på jobb. Planen evalueres sammen på evalueringsdatoen, og en ny "
        "versjon lages hvis noe må endres."
    ),
    "message_to_gp": (
        "Arbeidsgiver kan tilby kortere dager og lettere oppgaver fra nå av; se tiltakene. Gradert sykmelding "
        "kan derfor være aktuelt."
    ),
    "additional_information": "Planen er laget i et møte på arbeidsplassen der begge var til stede.",
    "contact_person_phone": "91234567",
}


def build_plan(case, *, manager, employee=None, start: date, complete: bool = True) -> PlanVersion:
    """A plan for the case with the tasks and measures above; approved by both when `complete`."""
    version = services.plan_start(case=case, by=manager)
    contact = version.contact_person_email or "leder@example.org"
    services.version_update(
        version=version,
        by=manager,
        data={
            **TEXT,
            "period_start": start,
            "period_end": start + timedelta(days=35),
            "evaluation_date": start + timedelta(days=28),
            "send_to_gp": True,
            "contact_person_email": contact,
        },
    )
    tasks = []
    for title, description, assessment, adjustments, how in TASKS:
        tasks.append(
            services.task_save(
                version=version,
                by=manager,
                title=title,
                description=description,
                assessment=assessment,
                adjustments=list(adjustments),
                adjustment_description=how,
            )
        )
    for description, responsible, first, last, status, task, comment in MEASURES:
        services.measure_save(
            version=version,
            by=manager,
            description=description,
            responsible=responsible,
            start=start + timedelta(days=first),
            end=start + timedelta(days=last),
            status=status,
            task=tasks[task] if task is not None else None,
            comment=comment,
        )
    if complete:
        if employee is not None:
            services.version_approve(version=version, by=manager)
            services.version_approve(version=version, by=employee)
        else:
            services.version_complete_without_employee(
                version=version, by=manager, reason="Arbeidstakeren var bortreist og kunne ikke nås."
            )
    version.refresh_from_db()
    return version
