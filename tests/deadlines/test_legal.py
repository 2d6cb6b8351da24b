"""Legal bases and reason texts (sections 2–7 of the spec)."""

import re
from pathlib import Path

import pytest

from deadlines import CaseWarning, EgenmeldingReason, MilestoneKey, Reason, Topic, legal_basis, reason_text
from deadlines.legal import LEGAL_BASIS, egenmelding_reason_text, milestone_title, warning_text

SPEC = Path(__file__).resolve().parents[3] / "shared" / "domain" / "deadline-rules.md"

# The nb texts exactly as deadline-rules.md quotes them.
NB_BASES = {
    MilestoneKey.FIRST_CONVERSATION: "Anbefalt rutine (NAV); arbeidsmiljøloven § 2-3 og § 4-6 første ledd (plikt til oppfølging)",
    MilestoneKey.FOLLOWUP_PLAN: "Arbeidsmiljøloven § 4-6 tredje ledd",
    MilestoneKey.DIALOGUE_MEETING_1: "Arbeidsmiljøloven § 4-6 fjerde ledd",
    MilestoneKey.ACTIVITY_REQUIREMENT: "Folketrygdloven § 8-8 andre ledd",
    MilestoneKey.NAV_MEETING_NEED_QUERY: "Folketrygdloven § 8-7 a (NAVs rutine)",
    MilestoneKey.DIALOGUE_MEETING_2: "Folketrygdloven § 8-7 a",
    MilestoneKey.PLAN_TO_NAV: "Folketrygdloven § 8-7 a; NAVs rundskriv: senest én uke før dialogmøte 2",
    Topic.CASE: "NAVs praksis for oppfølgingstilfelle (16-dagersregelen)",
    Topic.EMPLOYER_PERIOD: "Folketrygdloven § 8-19",
    Topic.MAX_DATE: "Folketrygdloven § 8-12 (estimat – NAVs dato gjelder)",
    Topic.EGENMELDING: "Folketrygdloven §§ 8-23, 8-24 og 8-27",
}
NB_REASONS = {
    Reason.CASE_ENDED_BEFORE_DUE: "Sykefraværet var avsluttet før fristen",
    Reason.NOT_FULLY_ABSENT: "Ikke helt borte fra arbeidet ved 7 uker – møtet holdes bare hvis noen ønsker det",
    Reason.GRADED_MAY_BE_UNNECESSARY: "Gradert sykmeldt – planen kan være åpenbart unødvendig",
    Reason.NOT_FULLY_SICK_ON_DUE: "Ikke 100 % sykmeldt ved 8 uker – aktivitetsplikten slår ikke inn",
}


@pytest.mark.parametrize("topic", list(NB_BASES))
def test_nb_legal_bases_are_the_specs(topic) -> None:
    assert legal_basis(topic, "nb") == NB_BASES[topic]


@pytest.mark.parametrize("topic", list(NB_BASES))
def test_every_legal_basis_has_an_english_text(topic) -> None:
    english = legal_basis(topic, "en")
    assert english and english != legal_basis(topic, "nb")
    sections = re.compile(r"\d+-\d+(?: a\b)?")
    assert sections.findall(english) == sections.findall(NB_BASES[topic])  # the same sections


def test_every_milestone_and_topic_has_a_legal_basis() -> None:
    assert set(LEGAL_BASIS) == set(MilestoneKey) | set(Topic)


@pytest.mark.skipif(not SPEC.is_file(), reason="no shared/domain/deadline-rules.md beside the repository")
def test_nb_texts_match_the_spec_file() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    quoted = {re.sub(r"\s+", " ", m) for m in re.findall(r'Legal basis shown(?: to users)?:\s*"([^"]+)"', spec)}
    assert quoted == set(NB_BASES.values())
    for reason, text in NB_REASONS.items():
        assert f'| `{reason.value}` | "{text}" |' in spec


@pytest.mark.parametrize("reason", list(Reason))
def test_reason_texts(reason: Reason) -> None:
    assert reason_text(reason, "nb") == NB_REASONS[reason]
    assert reason_text(reason, "en") and reason_text(reason, "en") != NB_REASONS[reason]


def test_other_texts_exist_in_both_languages() -> None:
    for warning in CaseWarning:
        assert warning_text(warning, "nb") != warning_text(warning, "en")
    for result in EgenmeldingReason:
        assert egenmelding_reason_text(result, "nb") != egenmelding_reason_text(result, "en")
    assert milestone_title(MilestoneKey.DIALOGUE_MEETING_1, "nb") == "Dialogmøte 1"
    assert milestone_title(MilestoneKey.DIALOGUE_MEETING_1, "en") == "Dialogue meeting 1"


def test_language_codes_are_forgiving_about_regions_but_not_about_languages() -> None:
    assert legal_basis(Topic.EMPLOYER_PERIOD, "nb-NO") == legal_basis(Topic.EMPLOYER_PERIOD, "no")
    assert legal_basis(Topic.EMPLOYER_PERIOD, "en-gb") == legal_basis(Topic.EMPLOYER_PERIOD, "en")
    # Locale names with an underscore, as Django's `to_locale` writes them.
    assert legal_basis(Topic.EMPLOYER_PERIOD, "en_GB") == legal_basis(Topic.EMPLOYER_PERIOD, "en")
    assert legal_basis(Topic.EMPLOYER_PERIOD, "nb_NO") == legal_basis(Topic.EMPLOYER_PERIOD, "nb")
    with pytest.raises(ValueError, match="unsupported language"):
        legal_basis(Topic.EMPLOYER_PERIOD, "de")
