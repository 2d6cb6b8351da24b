"""One-sentence explanations, in nb and en, of how each date was reached.

Month and weekday names come from our own tables, so the texts never depend on the
process locale. The functions read the engine's results through the small protocols
below, so that this module needs nothing from `deadlines.model`, which imports it.
"""

from __future__ import annotations

import datetime as dt
from datetime import date, timedelta
from typing import Protocol

from deadlines.codes import EgenmeldingReason, Lang, MilestoneKey


class Milestone(Protocol):
    """What a milestone explanation reads (`deadlines.model.Milestone`)."""

    @property
    def key(self) -> MilestoneKey: ...
    @property
    def due(self) -> date: ...
    @property
    def case_start(self) -> date: ...
    @property
    def dm2_date(self) -> date | None: ...


class EmployerPeriod(Protocol):
    """`deadlines.model.EmployerPeriod`."""

    @property
    def start(self) -> date: ...
    @property
    def end(self) -> date | None: ...


class Case(Protocol):
    """What the employer-period explanation reads (`deadlines.model.Case`)."""

    @property
    def employer_period(self) -> EmployerPeriod: ...
    @property
    def employer_period_end(self) -> date | None: ...


class MaxDateEstimate(Protocol):
    """`deadlines.model.MaxDateEstimate`."""

    @property
    def date(self) -> dt.date: ...
    @property
    def exhausted(self) -> bool: ...
    @property
    def quota_start(self) -> dt.date: ...
    @property
    def used_at_case_end(self) -> int: ...
    @property
    def case_end(self) -> dt.date: ...


class DateRange(Protocol):
    """`deadlines.model.DateRange`."""

    @property
    def start(self) -> date: ...
    @property
    def end(self) -> date: ...
    @property
    def days(self) -> int: ...


class EgenmeldingDecision(Protocol):
    """What the egenmelding explanation reads (`deadlines.model.EgenmeldingDecision`)."""

    @property
    def proposed(self) -> DateRange: ...
    @property
    def reason(self) -> EgenmeldingReason: ...
    @property
    def right_from(self) -> date: ...
    @property
    def aggregated_days(self) -> int: ...
    @property
    def cap(self) -> int: ...
    @property
    def days_allowed(self) -> int: ...
    @property
    def last_day_allowed(self) -> date | None: ...


MONTHS_NB = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS_NB = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def format_date(day: date, lang: str = "nb", *, weekday: bool = False) -> str:
    """Return e.g. "5. januar 2026" (nb) or "5 January 2026" (en), optionally with the weekday."""
    if Lang.of(lang) is Lang.NB:
        text = f"{day.day}. {MONTHS_NB[day.month - 1]} {day.year}"
        return f"{WEEKDAYS_NB[day.weekday()]} {text}" if weekday else text
    text = f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"{WEEKDAYS_EN[day.weekday()]} {text}" if weekday else text


_M = MilestoneKey

# How each offset from day 1 is named (R0.4: "within N weeks" = start + 7N − 1).
_OFFSET_TEXTS: dict[MilestoneKey, tuple[str, str]] = {
    _M.FIRST_CONVERSATION: ("senest dag 5", "day 5 at the latest"),  # R17a
    _M.FOLLOWUP_PLAN: ("4 uker = dag 28", "4 weeks = day 28"),  # R18
    _M.DIALOGUE_MEETING_1: ("7 uker = dag 49", "7 weeks = day 49"),  # R19
    _M.ACTIVITY_REQUIREMENT: ("8 uker = dag 56", "8 weeks = day 56"),  # R20
    _M.NAV_MEETING_NEED_QUERY: ("17 uker etter dag 1 = dag 120", "17 weeks after day 1 = day 120"),  # R21
    _M.DIALOGUE_MEETING_2: ("26 uker = dag 182", "26 weeks = day 182"),  # R22
    _M.PLAN_TO_NAV: ("én uke før dag 182 = dag 175", "one week before day 182 = day 175"),  # R23
}


def explain_milestone(milestone: Milestone, lang: str = "nb") -> str:
    """Return one sentence on how the milestone's due date was reached."""
    nb = Lang.of(lang) is Lang.NB
    due = format_date(milestone.due, lang)
    if milestone.key is _M.PLAN_TO_NAV and milestone.dm2_date is not None:
        dm2 = format_date(milestone.dm2_date, lang)
        return f"DM2 er satt til {dm2}; 7 dager før: {due}." if nb else f"DM2 is set for {dm2}; 7 days before: {due}."
    start = format_date(milestone.case_start, lang)
    offset = _OFFSET_TEXTS[milestone.key][0 if nb else 1]
    if nb:
        text = f"Dag 1 er {start} (første fraværsdag); {offset}: {due}"
        if milestone.key is _M.DIALOGUE_MEETING_2 and milestone.dm2_date is not None:
            text += f" (møtet er satt til {format_date(milestone.dm2_date, lang)})"
        return text + "."
    text = f"Day 1 is {start} (first day of absence); {offset}: {due}"
    if milestone.key is _M.DIALOGUE_MEETING_2 and milestone.dm2_date is not None:
        text += f" (the meeting is set for {format_date(milestone.dm2_date, lang)})"
    return text + "."


def explain_employer_period(case: Case, lang: str = "nb") -> str:
    """Return one sentence on the employer period of a case (R9–R11)."""
    nb = Lang.of(lang) is Lang.NB
    period = case.employer_period
    start = format_date(period.start, lang)
    if period.end is None:
        return (
            f"Arbeidsgiverperioden startet {start}, men har færre enn 16 dager, "
            "så arbeidsgiveren betaler hele fraværet."
            if nb
            else f"The employer period started on {start} but has fewer than 16 days, "
            "so the employer pays for the whole absence."
        )
    end = format_date(period.end, lang)
    nav = format_date(period.end + timedelta(days=1), lang)
    if case.employer_period_end is None:  # carried over from before the case (A5)
        return (
            f"Ingen ny arbeidsgiverperiode: perioden som startet {start}, var fullført {end}, og det var "
            "færre enn 16 oppholdsdager før dette sykefraværet, så NAV-dagene fortsetter."
            if nb
            else f"No new employer period: the one that started on {start} was complete on {end}, and fewer "
            "than 16 opphold days came before this absence, so NAV days continue."
        )
    return (
        f"Arbeidsgiverperioden startet {start}, og dag 16 er {end}; NAV-dagene starter {nav}."
        if nb
        else f"The employer period started on {start}, and day 16 is {end}; NAV days start on {nav}."
    )


def explain_max_date(estimate: MaxDateEstimate, lang: str = "nb") -> str:
    """Return one sentence on how the max date was estimated (R27–R29)."""
    nb = Lang.of(lang) is Lang.NB
    max_date = format_date(estimate.date, lang)
    end = format_date(estimate.case_end, lang)
    quota_start = format_date(estimate.quota_start, lang)
    if estimate.exhausted:
        return (
            f"Estimat: alle 248 sykepengedagene (hverdager etter arbeidsgiverperioden) fra {quota_start} "
            f"var brukt opp {max_date}, innen sykefraværet sluttet {end} (NAVs dato gjelder)."
            if nb
            else f"Estimate: all 248 sickness benefit days (weekdays after the employer period) from {quota_start} "
            f"were used up on {max_date}, by the time the absence ended on {end} (NAV's date applies)."
        )
    if not estimate.used_at_case_end:  # the quota starts after the case end
        return (
            f"Estimat: med 100 % sykmelding etter {end} starter de 248 sykepengedagene (hverdager etter "
            f"arbeidsgiverperioden) {quota_start}, og dag 248 blir {max_date} (NAVs dato gjelder)."
            if nb
            else f"Estimate: with 100 % sick leave after {end}, the 248 sickness benefit days (weekdays after the "
            f"employer period) start on {quota_start}, and day 248 is {max_date} (NAV's date applies)."
        )
    return (
        f"Estimat: av 248 sykepengedager (hverdager etter arbeidsgiverperioden) fra {quota_start} er "
        f"{estimate.used_at_case_end} brukt til og med {end}; med 100 % sykmelding videre blir dag 248 "
        f"{max_date} (NAVs dato gjelder)."
        if nb
        else f"Estimate: of 248 sickness benefit days (weekdays after the employer period) from {quota_start}, "
        f"{estimate.used_at_case_end} are used up to {end}; with 100 % sick leave from then on, day 248 is "
        f"{max_date} (NAV's date applies)."
    )


def explain_egenmelding(decision: EgenmeldingDecision, lang: str = "nb") -> str:
    """Return one sentence on an egenmelding decision (R12–R16)."""
    nb = Lang.of(lang) is Lang.NB
    first = format_date(decision.proposed.start, lang)
    last = format_date(decision.proposed.end, lang)
    reason = decision.reason
    if reason is EgenmeldingReason.EMPLOYMENT_UNDER_2_MONTHS:
        right = format_date(decision.right_from, lang)
        return (
            f"Retten til egenmelding gjelder fra {right}, 2 måneder etter ansettelsen, og fraværet starter {first}."
            if nb
            else f"The right to self-certify applies from {right}, 2 months after the employment started, "
            f"and the absence starts on {first}."
        )
    if reason is EgenmeldingReason.WITHDRAWN:
        return (
            "Arbeidsgiveren har trukket tilbake retten til egenmelding (folketrygdloven § 8-27)."
            if nb
            else "The employer has withdrawn the right to self-certify (National Insurance Act section 8-27)."
        )
    if reason is EgenmeldingReason.POLICY_12_MONTH_QUOTA_USED:
        return (
            f"Arbeidsgiverens kvote for egenmeldingsdager de siste 12 månedene før {first} er brukt opp."
            if nb
            else f"The employer's quota of self-certified days for the 12 months before {first} is used up."
        )
    if reason is EgenmeldingReason.NO_DAYS_LEFT_IN_16_DAY_WINDOW:
        return (
            f"Fraværet starter innen 16 dager etter tidligere egenmelding, og de {decision.aggregated_days} "
            f"dagene derfra bruker opp grensen på {decision.cap} dager."
            if nb
            else f"The absence starts within 16 days of an earlier self-certification, and its "
            f"{decision.aggregated_days} days use up the limit of {decision.cap} days."
        )
    if reason is EgenmeldingReason.OK:
        return (
            f"Alle {decision.days_allowed} dagene fra {first} til {last} kan egenmeldes."
            if nb
            else f"All {decision.days_allowed} days from {first} to {last} may be self-certified."
        )
    assert decision.last_day_allowed is not None  # capped: at least one day is allowed
    allowed_to = format_date(decision.last_day_allowed, lang)
    return (
        f"{decision.days_allowed} av {decision.proposed.days} dager kan egenmeldes, til og med {allowed_to}; "
        "for resten trengs legeerklæring."
        if nb
        else f"{decision.days_allowed} of {decision.proposed.days} days may be self-certified, up to and including "
        f"{allowed_to}; a medical certificate is needed for the rest."
    )
