"""Demo data of the routines: a case near its max date (HR's letter task), frequent absences, a BHT.

Called from `sykefravaer/demo.py` after the cases are there.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model

from cases import services as case_services
from organisation.models import Employee, Organisation
from reminders import services as reminder_services
from reminders.models import Delivery

from . import bht, flags, letters
from .models import RoutineSettings


def load_demo_routines(organisation: Organisation, today: date) -> None:
    hr = get_user_model().objects.get(username="hr")
    leader = get_user_model().objects.get(username="leder")
    bht.bht_register(
        organisation=organisation,
        by=hr,
        name="Agder Bedriftshelsetjeneste",
        contact_person="Marte Lie",
        email="post@agder-bht.example.org",
        phone="38 00 00 00",
    )

    RoutineSettings.objects.update_or_create(
        organisation=organisation,
        defaults={
            "letter_sender": "Lønningsavdelingen",
            "letter_pension_text": "Er du medlem av KLP, kan du ha rett til uførepensjon fra pensjonsordningen. "
            "Skjemaet for søknad om uførepensjon ligger ved dette brevet.",
        },
    )

    # Sick since about 41 weeks ago: the estimated max date is some 10 weeks away, so HR has the letter task.
    near = (
        Employee.objects.filter(
            organisation=organisation, cases__isnull=True, manager__isnull=False, preferred_language="nb"
        )
        .exclude(manager__user=leader)
        .exclude(user__isnull=False)
        .order_by("last_name", "pk")
        .first()
    )
    if near is not None:
        case_services.period_register(
            employee=near,
            kind="sick",
            start=today - timedelta(days=290),
            end=today + timedelta(days=40),
            grade=100,
            by=None,
        )

    # Ola Hansen (the demo employee): two earlier sick notes this half-year besides the current one.
    ola = Employee.objects.get(organisation=organisation, first_name="Ola", last_name="Hansen")
    for start, end in ((-120, -114), (-75, -71)):
        case_services.period_register(
            employee=ola,
            kind="sick",
            start=today + timedelta(days=start),
            end=today + timedelta(days=end),
            grade=100,
            by=leader,
        )
    current = ola.cases.current().order_by("-start").first()
    if current is not None:
        bht.involvement_record(case=current, by=leader, kind="advice", on=today - timedelta(days=3))

    letters.letter_tasks_record(on=today)
    tasks = Delivery.objects.pending().filter(kind=Delivery.Kind.HR_TASK).values_list("pk", flat=True)
    reminder_services.deliveries_send(delivery_ids=list(tasks), on=today)
    flags.flags_refresh_all(on=today)
