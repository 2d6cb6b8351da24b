"""The JSON export follows NAV's FollowUpPlanDTO (navikt/lps-oppfolgingsplan-mottak) and its rules."""

import pytest

from followup_plans import services
from followup_plans.nav_export import DTO_FIELDS, followup_plan_dto, validate_followup_plan_dto

from .conftest import fill

pytestmark = pytest.mark.django_db

# The DTO's fields, in NAV's order, as NAV's Kotlin data class declares them.
NAV_FIELDS = [
    "employeeIdentificationNumber",
    "typicalWorkday",
    "tasksThatCanStillBeDone",
    "tasksThatCanNotBeDone",
    "previousFacilitation",
    "plannedFacilitation",
    "otherFacilitationOptions",
    "followUp",
    "evaluationDate",
    "sendPlanToNav",
    "needsHelpFromNav",
    "needsHelpFromNavDescription",
    "sendPlanToGeneralPractitioner",
    "messageToGeneralPractitioner",
    "additionalInformation",
    "contactPersonFullName",
    "contactPersonPhoneNumber",
    "contactPersonEmail",
    "employeeHasContributedToPlan",
    "employeeHasNotContributedToPlanDescription",
    "lpsName",
    "lpsEmail",
]


def test_export_has_exactly_navs_fields_in_navs_order(completed):
    dto = followup_plan_dto(completed)
    assert list(dto) == NAV_FIELDS == [name for name, _type, _required in DTO_FIELDS]


def test_completed_plan_exports_valid(completed):
    dto = followup_plan_dto(completed)
    assert validate_followup_plan_dto(dto) == []
    assert dto["evaluationDate"] == "2026-02-16"
    assert dto["typicalWorkday"].startswith("Kundeservice")
    assert "Telefonvakt" in dto["tasksThatCanStillBeDone"]
    assert "Tunge løft" in dto["tasksThatCanNotBeDone"]
    assert "Tunge løft" not in dto["tasksThatCanStillBeDone"]
    assert "Redusert tempo" in dto["plannedFacilitation"]
    assert "Telefonvakt" in dto["plannedFacilitation"]  # the measure names the task it helps
    assert dto["employeeHasContributedToPlan"] is True
    assert dto["employeeHasNotContributedToPlanDescription"] is None
    assert dto["needsHelpFromNav"] is False and dto["needsHelpFromNavDescription"] is None
    assert dto["contactPersonEmail"] == "salesmanager@example.org"
    # This app stores no national identity number; the sending integration adds it.
    assert dto["employeeIdentificationNumber"] is None
    assert validate_followup_plan_dto(dto, identity_added_later=False) == ["employeeIdentificationNumber is required"]


def test_plan_completed_without_the_employee_exports_the_reason(draft, manager, clock):
    fill(
        draft,
        manager,
        send_to_nav=True,
        needs_help_from_nav=True,
        help_from_nav_description="Råd om hjelpemidler på arbeidsplassen",
    )
    services.version_complete_without_employee(version=draft, by=manager, reason="Kunne ikke nås i perioden.")
    draft.refresh_from_db()
    dto = followup_plan_dto(draft)
    assert validate_followup_plan_dto(dto) == []
    assert dto["employeeHasContributedToPlan"] is False
    assert dto["employeeHasNotContributedToPlanDescription"] == "Kunne ikke nås i perioden."
    assert dto["needsHelpFromNav"] is True
    assert dto["needsHelpFromNavDescription"] == "Råd om hjelpemidler på arbeidsplassen"


def test_text_kept_behind_an_unticked_box_is_not_exported(draft, manager, employee, clock):
    fill(draft, manager, help_from_nav_description="Gammel tekst", employee_not_contributed_reason="Gammel grunn")
    services.version_approve(version=draft, by=manager)
    services.version_approve(version=draft, by=employee)
    dto = followup_plan_dto(draft)
    assert dto["needsHelpFromNavDescription"] is None
    assert dto["employeeHasNotContributedToPlanDescription"] is None
    assert validate_followup_plan_dto(dto) == []


def _valid() -> dict:
    return {
        "employeeIdentificationNumber": "12345678901",
        "typicalWorkday": "a",
        "tasksThatCanStillBeDone": "b",
        "tasksThatCanNotBeDone": "c",
        "previousFacilitation": "d",
        "plannedFacilitation": "e",
        "otherFacilitationOptions": None,
        "followUp": "f",
        "evaluationDate": "2026-02-16",
        "sendPlanToNav": False,
        "needsHelpFromNav": None,
        "needsHelpFromNavDescription": None,
        "sendPlanToGeneralPractitioner": True,
        "messageToGeneralPractitioner": None,
        "additionalInformation": None,
        "contactPersonFullName": "Kari",
        "contactPersonPhoneNumber": "9",
        "contactPersonEmail": "k@example.org",
        "employeeHasContributedToPlan": True,
        "employeeHasNotContributedToPlanDescription": None,
        "lpsName": "Sykefravær",
        "lpsEmail": None,
    }


@pytest.mark.parametrize(
    "change, problem",
    [
        ({}, None),
        (
            {"needsHelpFromNav": True, "needsHelpFromNavDescription": "x"},
            "needsHelpFromNav cannot be true if sendPlanToNav is false",
        ),
        (
            {"sendPlanToNav": True, "needsHelpFromNav": True, "needsHelpFromNavDescription": " "},
            "needsHelpFromNavDescription is obligatory if needsHelpFromNav is true",
        ),
        ({"sendPlanToNav": True, "needsHelpFromNav": True, "needsHelpFromNavDescription": "x"}, None),
        (
            {"employeeHasContributedToPlan": False},
            "employeeHasNotContributedToPlanDescription is mandatory if employeeHasContributedToPlan = false",
        ),
        ({"employeeHasContributedToPlan": False, "employeeHasNotContributedToPlanDescription": "Syk"}, None),
        (
            {"employeeHasNotContributedToPlanDescription": "Syk"},
            "employeeHasNotContributedToPlanDescription should not be set if employeeHasContributedToPlan = true",
        ),
        ({"employeeIdentificationNumber": "1234"}, "Invalid employee identification number"),
        ({"evaluationDate": "16.02.2026"}, "evaluationDate must be a date (YYYY-MM-DD)"),
        ({"followUp": None}, "followUp is required"),
        ({"sendPlanToNav": "yes"}, "sendPlanToNav must be a boolean"),
        ({"diagnosis": "x"}, "diagnosis is not a field of FollowUpPlanDTO"),
    ],
)
def test_navs_rules(change, problem):
    problems = validate_followup_plan_dto({**_valid(), **change})
    assert problems == ([problem] if problem else [])


def test_a_norwegian_plan_exports_no_english_words(completed):
    """The fixture's task "Telefonvakt" can be done with adjustment (more time); a measure names its task."""
    dto = followup_plan_dto(completed, language="nb")
    assert "(kan utføres med tilrettelegging: med mer tid)" in dto["tasksThatCanStillBeDone"]
    assert "for oppgaven «Telefonvakt»" in dto["plannedFacilitation"]
    assert "Ansvarlig: Arbeidsgiver" in dto["plannedFacilitation"]
    text = " ".join(str(v) for v in dto.values())
    for english in ("can be done", "adjustment", "Responsible", "for the task", "Comment", "The plan covers"):
        assert english not in text
    english_dto = followup_plan_dto(completed, language="en")
    assert "(can be done with adjustment: with more time)" in english_dto["tasksThatCanStillBeDone"]
