"""The common adjustments a manager can start a measure from; HR edits the list afterwards.

Written in Norwegian, the organisation's working language; they are data, not
interface text, and HR rewrites them as the workplace needs.
"""

from django.db import migrations

DEFAULT_TEMPLATES = [
    ("Færre av egne oppgaver",
     "Arbeidstakeren gjør sine vanlige oppgaver, men færre av dem. Vi avtaler hvilke oppgaver som venter, "
     "og hvem som tar resten i perioden.", "employer"),
    ("Egne oppgaver i lavere tempo",
     "Arbeidstakeren gjør sine vanlige oppgaver i lavere tempo, uten korte frister i perioden.", "employer"),
    ("Andre oppgaver",
     "Arbeidstakeren gjør andre oppgaver enn vanlig i perioden, valgt ut fra hva som går an å gjøre nå.",
     "employer"),
    ("Tilpasset arbeidstid",
     "Arbeidstiden endres i perioden: kortere dager, færre dager i uken eller timene lagt til en annen del av "
     "dagen.", "employer"),
    ("Arbeid i en annen avdeling",
     "Arbeidstakeren arbeider en periode i en annen avdeling der oppgavene passer bedre.", "employer"),
    ("Opplæring",
     "Arbeidstakeren får opplæring i nye oppgaver eller verktøy, eller lærer opp en kollega i sine egne "
     "oppgaver.", "employer"),
    ("Utstyr og hjelpemidler",
     "Arbeidsgiveren skaffer utstyr som gjør oppgavene mulig å utføre, for eksempel et hev-senk-bord eller "
     "annet verktøy.", "employer"),
    ("Oppgaver som ellers ikke blir gjort",
     "Arbeidstakeren tar oppgaver arbeidsplassen har nytte av, men som sjelden blir prioritert, for eksempel å "
     "oppdatere rutiner eller rydde i arkivet.", "employer"),
    ("Råd fra bedriftshelsetjenesten",
     "Bedriftshelsetjenesten ser på arbeidsplassen og oppgavene og foreslår hvordan arbeidet kan tilpasses.",
     "occupational_health"),
]


def add_templates(apps, schema_editor):
    MeasureTemplate = apps.get_model("followup_plans", "MeasureTemplate")
    for position, (title, description, responsible) in enumerate(DEFAULT_TEMPLATES, start=1):
        MeasureTemplate.objects.get_or_create(
            title=title, defaults={"description": description, "responsible": responsible, "position": position * 10}
        )


def remove_templates(apps, schema_editor):
    MeasureTemplate = apps.get_model("followup_plans", "MeasureTemplate")
    MeasureTemplate.objects.filter(title__in=[t for t, _d, _r in DEFAULT_TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("followup_plans", "0001_initial")]

    operations = [migrations.RunPython(add_templates, remove_templates)]
