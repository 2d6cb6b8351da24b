"""One-sentence explanations in nb and en."""

from datetime import date

import pytest

from deadlines import (
    CaseWarning,
    DateRange,
    EgenmeldingPolicy,
    EgenmeldingReason,
    MilestoneKey,
    Reason,
    Topic,
    egenmelding_decision,
    format_date,
    legal_basis,
    milestone_title,
    reason_text,
    warning_text,
)
from deadlines.explain import MONTHS_NB
from deadlines.legal import egenmelding_reason_text

from .helpers import d, holiday, sick, timeline, work

M = MilestoneKey


def test_format_date_in_both_languages() -> None:
    assert format_date(d("2026-01-05")) == "5. januar 2026"
    assert format_date(d("2026-01-05"), "en") == "5 January 2026"
    assert format_date(d("2026-02-01"), "nb", weekday=True) == "søndag 1. februar 2026"
    assert format_date(d("2026-02-01"), "en", weekday=True) == "Sunday 1 February 2026"


def test_norwegian_month_names_are_lower_case() -> None:
    names = [format_date(date(2026, month, 1)).split()[1] for month in range(1, 13)]
    assert names == list(MONTHS_NB) == [n.lower() for n in names]
    assert names[4] == "mai" and names[11] == "desember"


def test_milestone_explanations_say_how_the_date_was_reached() -> None:
    (case,) = timeline(sick("2026-01-05", "2026-12-31")).cases
    plan = case.milestone(M.FOLLOWUP_PLAN)
    assert plan.explain("nb") == "Dag 1 er 5. januar 2026 (første fraværsdag); 4 uker = dag 28: 1. februar 2026."
    assert plan.explain("en") == "Day 1 is 5 January 2026 (first day of absence); 4 weeks = day 28: 1 February 2026."
    assert case.milestone(M.FIRST_CONVERSATION).explain() == (
        "Dag 1 er 5. januar 2026 (første fraværsdag); senest dag 5: 9. januar 2026."
    )
    assert case.milestone(M.PLAN_TO_NAV).explain("en") == (
        "Day 1 is 5 January 2026 (first day of absence); one week before day 182 = day 175: 28 June 2026."
    )
    for milestone in case.milestones:
        for lang in ("nb", "en"):
            text = milestone.explain(lang)
            assert text.endswith(".") and text.count(".") <= 3  # one sentence
            assert format_date(milestone.due, lang) in text


def test_plan_to_nav_with_a_dm2_date() -> None:
    (case,) = timeline(sick("2026-01-05", "2026-12-31"), dm2=("2026-06-17",)).cases
    plan = case.milestone(M.PLAN_TO_NAV)
    assert plan.explain("nb") == "DM2 er satt til 17. juni 2026; 7 dager før: 10. juni 2026."
    assert plan.explain("en") == "DM2 is set for 17 June 2026; 7 days before: 10 June 2026."
    assert "17. juni 2026" in case.milestone(M.DIALOGUE_MEETING_2).explain("nb")


def test_employer_period_explanations() -> None:
    (case,) = timeline(sick("2026-01-05", "2026-03-31")).cases
    assert case.explain_employer_period("nb") == (
        "Arbeidsgiverperioden startet 5. januar 2026, og dag 16 er 20. januar 2026; NAV-dagene starter 21. januar 2026."
    )
    assert case.explain_employer_period("en") == (
        "The employer period started on 5 January 2026, and day 16 is 20 January 2026; "
        "NAV days start on 21 January 2026."
    )
    (short,) = timeline(sick("2026-01-05", "2026-01-12")).cases
    assert "færre enn 16" in short.explain_employer_period("nb")
    assert "fewer than 16" in short.explain_employer_period("en")
    _, carried = timeline(
        sick("2026-01-05", "2026-01-09"), holiday("2026-01-12", "2026-01-25"), sick("2026-01-26", "2026-03-01")
    ).cases
    assert carried.explain_employer_period("nb").startswith("Ingen ny arbeidsgiverperiode")
    assert carried.explain_employer_period("en").startswith("No new employer period")


def test_max_date_explanations_call_it_an_estimate() -> None:
    (case,) = timeline(sick("2026-01-05", "2026-03-31")).cases
    nb, en = case.explain_max_date("nb"), case.explain_max_date("en")
    assert nb.startswith("Estimat") and "1. januar 2027" in nb and "50 brukt" in nb and "NAVs dato gjelder" in nb
    assert en.startswith("Estimate") and "1 January 2027" in en and "50 are used" in en
    (short,) = timeline(sick("2026-01-05", "2026-01-09")).cases  # the quota starts after the case end
    assert "starter de 248 sykepengedagene (hverdager etter arbeidsgiverperioden) 21. januar 2026" in (
        short.explain_max_date("nb")
    )
    assert "start on 21 January 2026, and day 248 is 1 January 2027" in short.explain_max_date("en")
    (used_up,) = timeline(sick("2026-01-05", "2027-03-31")).cases
    assert "brukt opp 1. januar 2027" in used_up.explain_max_date("nb")
    assert "used up on 1 January 2027" in used_up.explain_max_date("en")


@pytest.mark.parametrize(
    ("kwargs", "nb_part", "en_part"),
    [
        ({}, "Alle 2 dagene", "All 2 days"),
        ({"proposed": DateRange(d("2026-03-02"), d("2026-03-06"))}, "3 av 5 dager", "3 of 5 days"),
        ({"employment_start": d("2026-02-01")}, "fra 1. april 2026", "from 1 April 2026"),
        ({"withdrawn": True}, "trukket tilbake", "withdrawn"),
        ({"history": [DateRange(d("2026-02-20"), d("2026-02-22"))]}, "de 3 dagene", "its 3 days"),
        (
            {"history": [DateRange(d("2026-01-05"), d("2026-01-06"))], "policy": EgenmeldingPolicy(3, 2)},
            "kvote",
            "quota",
        ),
    ],
)
def test_egenmelding_explanations(kwargs, nb_part, en_part) -> None:
    arguments = {"employment_start": d("2020-01-01"), "proposed": DateRange(d("2026-03-02"), d("2026-03-03")), **kwargs}
    decision = egenmelding_decision(**arguments)
    assert nb_part in decision.explain("nb")
    assert en_part in decision.explain("en")
    assert decision.legal_basis("nb") == "Folketrygdloven §§ 8-23, 8-24 og 8-27"
    assert decision.reason_text("en")


def test_every_text_is_in_norwegian_unless_asked_otherwise() -> None:
    # nb is the app's default language; each method and function defaults to it.
    (case,) = timeline(
        sick("2026-04-01", "2026-04-20"),
        holiday("2026-04-21", "2026-04-30"),
        work("2026-05-01", "2026-05-10"),
        sick("2026-05-11", "2026-12-31"),
        birth_date="1960-05-05",
    ).cases
    plan = case.milestone(MilestoneKey.DIALOGUE_MEETING_1)
    ended = timeline(sick("2026-01-05", "2026-01-20")).cases[0].milestone(MilestoneKey.FOLLOWUP_PLAN)
    decision = egenmelding_decision(
        employment_start=d("2020-01-01"), proposed=DateRange(d("2026-03-05"), d("2026-03-08"))
    )
    pairs = [
        (plan.title(), plan.title("nb")),
        (plan.legal_basis(), plan.legal_basis("nb")),
        (plan.explain(), plan.explain("nb")),
        (ended.reason_text(), ended.reason_text("nb")),
        (case.explain_employer_period(), case.explain_employer_period("nb")),
        (case.explain_max_date(), case.explain_max_date("nb")),
        (case.warning_texts(), case.warning_texts("nb")),
        (case.legal_basis(Topic.MAX_DATE), case.legal_basis(Topic.MAX_DATE, "nb")),
        (decision.reason_text(), decision.reason_text("nb")),
        (decision.explain(), decision.explain("nb")),
        (decision.legal_basis(), decision.legal_basis("nb")),
        (legal_basis(Topic.CASE), legal_basis(Topic.CASE, "nb")),
        (milestone_title(MilestoneKey.PLAN_TO_NAV), milestone_title(MilestoneKey.PLAN_TO_NAV, "nb")),
        (reason_text(Reason.NOT_FULLY_ABSENT), reason_text(Reason.NOT_FULLY_ABSENT, "nb")),
        (warning_text(CaseWarning.AGE_RULES_NOT_APPLIED), warning_text(CaseWarning.AGE_RULES_NOT_APPLIED, "nb")),
        (egenmelding_reason_text(EgenmeldingReason.OK), egenmelding_reason_text(EgenmeldingReason.OK, "nb")),
        (format_date(d("2026-01-05")), "5. januar 2026"),
    ]
    assert case.warnings and ended.reason is Reason.CASE_ENDED_BEFORE_DUE
    for default, nb in pairs:
        assert default == nb
