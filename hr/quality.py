"""The statements of the quality self-assessment, after the IA quality checklists ("Sjekk kvaliteten").

HR and the working environment committee rate each statement from 1 (not at
all) to 5 (fully), agree measures where the score should rise, and compare with
earlier rounds. The statements are written for this app; the keys are stored
with the ratings and never change, so rounds stay comparable.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Statement:
    key: str
    theme: str
    nb: str
    en: str

    def text(self, language: str) -> str:
        return self.en if language == "en" else self.nb


THEMES = {
    "routines": _("Routines for following up employees on sick leave"),
    "adjustment": _("Knowing the duty to adjust the work"),
    "conversations": _("Conversations and follow-up plans"),
    "managers": _("A shared basis for managers"),
    "support": _("Knowing who can help"),
}

STATEMENTS = [
    Statement(
        "routines_exist",
        "routines",
        "Vi har skrevet ned hvordan sykmeldte skal følges opp.",
        "We have written down how employees on sick leave are followed up.",
    ),
    Statement(
        "routines_concrete",
        "routines",
        "Rutinen sier tydelig hvem som gjør hva, og innen når.",
        "The routine says clearly who does what, and by when.",
    ),
    Statement(
        "routines_known",
        "routines",
        "Ledere og ansatte i alle avdelinger vet hva rutinen går ut på.",
        "Managers and staff in every department know what the routine says.",
    ),
    Statement(
        "routines_followed",
        "routines",
        "Rutinen blir fulgt i praksis, også når det er travelt.",
        "The routine is followed in practice, also when things are busy.",
    ),
    Statement(
        "plans_used",
        "routines",
        "Oppfølgingsplanene er arbeidsverktøy som brukes og oppdateres underveis.",
        "Follow-up plans are working tools that are used and updated along the way.",
    ),
    Statement(
        "duty_known",
        "adjustment",
        "Ledere kjenner plikten til å tilrettelegge arbeidet, og hvor langt den går.",
        "Managers know the duty to adjust the work, and how far it goes.",
    ),
    Statement(
        "law_trained",
        "adjustment",
        "Ledere og ressurspersoner har fått nok opplæring i regelverket.",
        "Managers and key people have had enough training in the rules.",
    ),
    Statement(
        "adjustment_range",
        "adjustment",
        "Vi bruker bredden av tiltak: oppgaver, arbeidstid, tempo, hjelpemidler og støtte fra kolleger.",
        "We use the full range of measures: tasks, working hours, pace, aids and support from colleagues.",
    ),
    Statement(
        "conversations_prepared",
        "conversations",
        "Ledere er godt forberedt når de har oppfølgingssamtaler.",
        "Managers are well prepared for follow-up conversations.",
    ),
    Statement(
        "plans_on_time",
        "conversations",
        "Oppfølgingsplanen blir laget innen fristen når den trengs.",
        "The follow-up plan is made by the deadline when one is needed.",
    ),
    Statement(
        "plans_quality",
        "conversations",
        "Planene beskriver konkret hva den ansatte kan gjøre, og hvilke tiltak som er avtalt.",
        "The plans describe concretely what the employee can do, and which measures are agreed.",
    ),
    Statement(
        "managers_trained",
        "managers",
        "Alle ledere får den samme opplæringen i sykefraværsoppfølging, så praksisen blir lik.",
        "All managers get the same training in sick-leave follow-up, so practice is the same.",
    ),
    Statement(
        "support_known",
        "support",
        "Ledere vet hvem som kan hjelpe (HR, bedriftshelsetjenesten, tillitsvalgte, verneombud, NAV) "
        "og trekker dem inn tidlig.",
        "Managers know who can help (HR, the occupational health service, union and safety "
        "representatives, NAV) and bring them in early.",
    ),
]
STATEMENT_KEYS = [s.key for s in STATEMENTS]
