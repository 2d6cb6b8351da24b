"""Legal bases and plain-word texts in Norwegian bokmål and English.

The nb legal bases and reason texts are quoted exactly from the product specification
(sections 2–7; docs/deadline-rules.md explains each rule); the English ones are translations.
"""

from __future__ import annotations

from deadlines.codes import CaseWarning, EgenmeldingReason, Lang, MilestoneKey, Reason, Topic

_M = MilestoneKey

LEGAL_BASIS: dict[MilestoneKey | Topic, tuple[str, str]] = {
    _M.FIRST_CONVERSATION: (  # R17a
        "Anbefalt rutine (NAV); arbeidsmiljøloven § 2-3 og § 4-6 første ledd (plikt til oppfølging)",
        "Recommended routine (NAV); Working Environment Act section 2-3 and section 4-6 first paragraph "
        "(duty to follow up)",
    ),
    _M.FOLLOWUP_PLAN: (  # R18
        "Arbeidsmiljøloven § 4-6 tredje ledd",
        "Working Environment Act section 4-6 third paragraph",
    ),
    _M.DIALOGUE_MEETING_1: (  # R19
        "Arbeidsmiljøloven § 4-6 fjerde ledd",
        "Working Environment Act section 4-6 fourth paragraph",
    ),
    _M.ACTIVITY_REQUIREMENT: (  # R20
        "Folketrygdloven § 8-8 andre ledd",
        "National Insurance Act section 8-8 second paragraph",
    ),
    _M.NAV_MEETING_NEED_QUERY: (  # R21
        "Folketrygdloven § 8-7 a (NAVs rutine)",
        "National Insurance Act section 8-7 a (NAV's routine)",
    ),
    _M.DIALOGUE_MEETING_2: (  # R22
        "Folketrygdloven § 8-7 a",
        "National Insurance Act section 8-7 a",
    ),
    _M.PLAN_TO_NAV: (  # R23
        "Folketrygdloven § 8-7 a; NAVs rundskriv: senest én uke før dialogmøte 2",
        "National Insurance Act section 8-7 a; NAV's circular: no later than one week before dialogue meeting 2",
    ),
    Topic.CASE: (  # R3
        "NAVs praksis for oppfølgingstilfelle (16-dagersregelen)",
        "NAV's practice for the follow-up case (the 16-day rule)",
    ),
    Topic.EMPLOYER_PERIOD: (  # R9–R11
        "Folketrygdloven § 8-19",
        "National Insurance Act section 8-19",
    ),
    Topic.MAX_DATE: (  # R27–R29a
        "Folketrygdloven § 8-12 (estimat – NAVs dato gjelder)",
        "National Insurance Act section 8-12 (estimate – NAV's date applies)",
    ),
    Topic.EGENMELDING: (  # section 6
        "Folketrygdloven §§ 8-23, 8-24 og 8-27",
        "National Insurance Act sections 8-23, 8-24 and 8-27",
    ),
}

MILESTONE_TITLES: dict[MilestoneKey, tuple[str, str]] = {
    _M.FIRST_CONVERSATION: ("Første samtale", "First conversation"),
    _M.FOLLOWUP_PLAN: ("Oppfølgingsplan", "Follow-up plan"),
    _M.DIALOGUE_MEETING_1: ("Dialogmøte 1", "Dialogue meeting 1"),
    _M.ACTIVITY_REQUIREMENT: ("Aktivitetsplikt", "Activity requirement"),
    _M.NAV_MEETING_NEED_QUERY: ("NAV spør om møtebehov", "NAV asks about the need for a meeting"),
    _M.DIALOGUE_MEETING_2: ("Dialogmøte 2", "Dialogue meeting 2"),
    _M.PLAN_TO_NAV: ("Oppdatert oppfølgingsplan til NAV", "Updated follow-up plan to NAV"),
}

REASON_TEXTS: dict[Reason, tuple[str, str]] = {  # section 7
    Reason.CASE_ENDED_BEFORE_DUE: (
        "Sykefraværet var avsluttet før fristen",
        "The sick leave had ended before the deadline",
    ),
    Reason.NOT_FULLY_ABSENT: (
        "Ikke helt borte fra arbeidet ved 7 uker – møtet holdes bare hvis noen ønsker det",
        "Not wholly absent from work at 7 weeks – the meeting is held only if someone wants it",
    ),
    Reason.GRADED_MAY_BE_UNNECESSARY: (
        "Gradert sykmeldt – planen kan være åpenbart unødvendig",
        "On graded sick leave – the plan may be obviously unnecessary",
    ),
    Reason.NOT_FULLY_SICK_ON_DUE: (
        "Ikke 100 % sykmeldt ved 8 uker – aktivitetsplikten slår ikke inn",
        "Not 100 % on sick leave at 8 weeks – the activity requirement does not apply",
    ),
}

WARNING_TEXTS: dict[CaseWarning, tuple[str, str]] = {
    CaseWarning.NEW_EMPLOYER_PERIOD_WITHIN_CASE: (  # R10a
        "En ny arbeidsgiverperiode starter inne i sykefraværet, etter minst 16 dager uten sykdom",
        "A new employer period starts within the sick leave, after at least 16 days without sickness",
    ),
    CaseWarning.AGE_RULES_NOT_APPLIED: (  # R29a
        "Den ansatte fyller 67 år før maksdatoen; aldersreglene er ikke med i estimatet – sjekk datoen fra NAV",
        "The employee turns 67 before the max date; the age rules are not in the estimate – check NAV's date",
    ),
}

EGENMELDING_REASON_TEXTS: dict[EgenmeldingReason, tuple[str, str]] = {
    EgenmeldingReason.OK: (
        "Alle dagene kan egenmeldes",
        "Every day may be self-certified",
    ),
    EgenmeldingReason.CAPPED: (
        "Bare en del av dagene kan egenmeldes – legeerklæring trengs for resten",
        "Only some of the days may be self-certified – a medical certificate is needed for the rest",
    ),
    EgenmeldingReason.EMPLOYMENT_UNDER_2_MONTHS: (
        "Ansatt i mindre enn 2 måneder – ingen rett til egenmelding ennå",
        "Employed for less than 2 months – no right to self-certify yet",
    ),
    EgenmeldingReason.WITHDRAWN: (
        "Arbeidsgiveren har trukket tilbake retten til egenmelding",
        "The employer has withdrawn the right to self-certify",
    ),
    EgenmeldingReason.POLICY_12_MONTH_QUOTA_USED: (
        "Arbeidsgiverens kvote for egenmeldingsdager de siste 12 månedene er brukt opp",
        "The employer's quota of self-certified days for the last 12 months is used up",
    ),
    EgenmeldingReason.NO_DAYS_LEFT_IN_16_DAY_WINDOW: (
        "Egenmeldingsdagene er brukt opp: fraværet regnes sammen med et tidligere innen 16 dager",
        "The self-certified days are used up: the absence counts together with an earlier one within 16 days",
    ),
}


def _pick(texts: tuple[str, str], lang: str) -> str:
    return texts[0] if Lang.of(lang) is Lang.NB else texts[1]


def legal_basis(topic: MilestoneKey | Topic, lang: str = "nb") -> str:
    """Return the legal basis shown for a milestone or topic."""
    return _pick(LEGAL_BASIS[topic], lang)


def milestone_title(key: MilestoneKey, lang: str = "nb") -> str:
    """Return the name of a milestone."""
    return _pick(MILESTONE_TITLES[key], lang)


def reason_text(reason: Reason, lang: str = "nb") -> str:
    """Return a milestone reason code in plain words (section 7)."""
    return _pick(REASON_TEXTS[reason], lang)


def warning_text(warning: CaseWarning, lang: str = "nb") -> str:
    """Return a case warning in plain words."""
    return _pick(WARNING_TEXTS[warning], lang)


def egenmelding_reason_text(reason: EgenmeldingReason, lang: str = "nb") -> str:
    """Return an egenmelding result code in plain words."""
    return _pick(EGENMELDING_REASON_TEXTS[reason], lang)
