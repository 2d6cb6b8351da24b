"""The contract checks themselves: they pass NAV's examples and fail a payload that breaks the contract.

Every NAV test validates what went over the wire (tests/nav/conftest.py); these show that check can fail.
"""

from datetime import date

import pytest
from openapi_core.exceptions import OpenAPIError

from nav.fake.samples import activity, sick_note

from .contract import spec, validate_exchange


def exchange(path, request=None, response=None, status=200, method="POST"):
    return {"method": method, "path": path, "query": "", "content_type": "application/json",
            "authorization": "Bearer", "fault": None, "request": request, "status": status,
            "response": response, "response_content_type": "application/json"}


NOTE = sick_note(fnr="01019010046", orgnr="974652277",
                 periods=[(date(2026, 3, 2), date(2026, 3, 8), activity("gradert", 50))])


@pytest.mark.parametrize("name", ["lps-oppfolgingsplan-mottak.yaml", "esyfo-narmesteleder.yaml",
                                  "syfo-dokumentporten.yaml", "sykepenger-im-lps-api.yaml"])
def test_pinned_files_are_valid_openapi(name):
    assert spec(name).spec / "paths"


def test_a_sick_note_filter_and_list_as_nav_gives_them_pass():
    validate_exchange(exchange("/v1/sykmeldinger", {"orgnr": "974652277", "fraLoepenr": 0}, [NOTE]))


def test_a_filter_without_orgnr_breaks_the_contract():
    with pytest.raises(OpenAPIError):
        validate_exchange(exchange("/v1/sykmeldinger", {"fraLoepenr": 0}, []))


def test_a_note_without_periods_breaks_the_contract():
    broken = {k: v for k, v in NOTE.items() if k != "sykmeldingPerioder"}
    with pytest.raises(OpenAPIError):
        validate_exchange(exchange("/v1/sykmeldinger", {"orgnr": "974652277"}, [broken]))


def test_a_plan_missing_a_required_field_breaks_the_contract():
    with pytest.raises(OpenAPIError):
        validate_exchange(exchange("/api/v1/followupplan", {"employeeIdentificationNumber": "01019010046"},
                                   {"uuid": "x", "isSentToNavStatus": True, "isSentToGeneralPractitionerStatus": False}))
