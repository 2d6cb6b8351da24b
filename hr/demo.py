"""Demo data for HR's pages: the organisation's own routine steps and two earlier quality rounds."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model

from organisation.models import Organisation

from . import routine, services
from .models import QualityAnswer, RoutineStep, RoutineStepChange

STEPS = [
    dict(
        name_nb="Oppfølgingssamtale dag 31",
        name_en="Check-in on day 31",
        anchor=RoutineStep.Anchor.CASE_START,
        offset=31,
        offset_unit=RoutineStep.OffsetUnit.DAYS,
        responsible=RoutineStep.Responsible.MANAGER,
        reminder_nb="Ta en ny prat med den ansatte: hvordan går det, og trenger oppfølgingsplanen justeringer?",
        reminder_en="Talk with the employee again: how are things going, and does the follow-up plan need changes?",
    ),
    dict(
        name_nb="Forbered dialogmøte 1",
        name_en="Prepare dialogue meeting 1",
        anchor=RoutineStep.Anchor.MILESTONE,
        anchor_milestone="dialogue_meeting_1",
        offset=-7,
        offset_unit=RoutineStep.OffsetUnit.DAYS,
        responsible=RoutineStep.Responsible.EMPLOYEE,
        reminder_nb="Tenk gjennom hva du kan gjøre på jobb, og hva som kunne hjulpet, før dialogmøtet.",
        reminder_en="Think about what you can do at work, and what could help, before the dialogue meeting.",
    ),
    dict(
        name_nb="Brev om maksdato",
        name_en="Letter about the max date",
        anchor=RoutineStep.Anchor.MAX_DATE,
        offset=-3,
        offset_unit=RoutineStep.OffsetUnit.MONTHS,
        responsible=RoutineStep.Responsible.HR,
        reminder_nb="Send brev om maksdato og hva som skjer etterpå, og tilby en samtale.",
        reminder_en="Send the letter about the max date and what happens after it, and offer a conversation.",
    ),
    dict(
        name_nb="Informasjonsmøte innen 52 uker",
        name_en="Information meeting within 52 weeks",
        anchor=RoutineStep.Anchor.CASE_START,
        offset=52,
        offset_unit=RoutineStep.OffsetUnit.WEEKS,
        responsible=RoutineStep.Responsible.HR,
        reminder_nb="Hold informasjonsmøte om rettigheter og muligheter når sykepengene tar slutt.",
        reminder_en="Hold an information meeting on rights and options when sick pay ends.",
    ),
]

# (statement, score a year ago, score half a year ago, measures, responsible)
RATINGS = [
    ("routines_exist", 4, 5, "", ""),
    ("routines_concrete", 3, 4, "Legg inn egne steg i rutinen med ansvarlig rolle.", "HR-leder"),
    (
        "routines_known",
        2,
        3,
        "Gå gjennom rutinen på neste ledermøte og personalmøte i hver avdeling.",
        "Avdelingsledere",
    ),
    ("routines_followed", 2, 3, "Følg opp forfalte frister fra HR-oversikten hver mandag.", "HR"),
    ("plans_used", 3, 3, "Bruk planen som utgangspunkt i hver oppfølgingssamtale.", "Nærmeste leder"),
    ("duty_known", 3, 4, "", ""),
    ("law_trained", 2, 2, "Halvdagskurs i regelverket for nye ledere, med bedriftshelsetjenesten.", "HR og BHT"),
    ("adjustment_range", 3, 3, "Lag en liste over tilretteleggingsmuligheter i hver avdeling.", "AMU"),
    ("conversations_prepared", 3, 4, "", ""),
    ("plans_on_time", 2, 4, "", ""),
    ("plans_quality", 3, 3, "Del gode eksempler på planer (anonymisert) med lederne.", "HR"),
    ("managers_trained", 2, 3, "Felles opplæring for alle ledere hvert år.", "HR-leder"),
    ("support_known", 3, 3, "Oversikt over støttefunksjoner på intranettet.", "Verneombud"),
]


def load_demo_hr(organisation: Organisation, today: date) -> None:
    """Routine steps in use for a year, and self-assessments a year and half a year ago."""
    hr = get_user_model().objects.get(username="hr")
    for fields in STEPS:
        step = RoutineStep.objects.create(
            organisation=organisation, active_from=today - timedelta(days=365), created_by=hr, changed_by=hr, **fields
        )
        RoutineStepChange.objects.create(
            step=step, by=hr, action=RoutineStepChange.Action.CREATED, after={"name_nb": step.name_nb}
        )
    routine.apply_to_open_cases(organisation_id=organisation.pk, on=today, by=hr)

    for index, held_on in enumerate([today - timedelta(days=365), today - timedelta(days=180)]):
        rnd = services.quality_round_create(
            organisation=organisation,
            held_on=held_on,
            by=hr,
            participants="HR, arbeidsmiljøutvalget (AMU), hovedverneombud",
        )
        answers = {a.statement: a for a in rnd.answers.all()}
        for key, first, second, measures, responsible in RATINGS:
            answer = answers[key]
            answer.score = (first, second)[index]
            if index == 1 and measures:
                answer.measures, answer.responsible = measures, responsible
                answer.due = today + timedelta(days=60)
        QualityAnswer.objects.bulk_update(answers.values(), ["score", "measures", "responsible", "due"])
