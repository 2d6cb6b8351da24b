"""The contract checks themselves: they pass NAV's examples and fail a payload that breaks the contract.

Every NAV test validates what went over the wire (tests/nav/conftest.py); these show that check can fail.
"""

from datetime import date

import pytest
from openapi_core.exceptions import OpenAPIError

from nav.fake.samples import activity, sick_note

from .contract import spec, validate_exchange


def exchange(path, request=None, response=None, status=200, method="POST"):
    return {
        "method": method,
        "path": path,
        "query": "",
        "content_type": "application/json",
        "authorization": "Bearer",
        "fault": None,
        "request": request,
        "status": status,
        "response": response,
        "response_content_type": "application/json",
    }


NOTE = sick_note(
    fnr="01019010046", orgnr="974652277", periods=[(date(2026, 3, 2), date(2026, 3, 8), activity("gradert", 50))]
)


@pytest.mark.parametrize(
    "name",
    [
        "lps-oppfolgingsplan-mottak.yaml",
        "esyfo-narmesteleder.yaml",
        "syfo-dokumentporten.yaml",
        "sykepenger-im-lps-api.yaml",
    ],
)
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
        validate_exchange(
            exchange(
                "/api/v1/followupplan",
                {"employeeIdentificationNumber": "01019010046"},
                {"uuid": "x", "isSentToNavStatus": True, "isSentToGeneralPractitionerStatus": False},
            )
        )


LEADER = {
    "employeeIdentificationNumber": "01019010046",
    "lastName": "Nordmann",
    "orgNumber": "974652277",
    "manager": {
        "nationalIdentificationNumber": "01019010046",
        "lastName": "Solberg",
        "mobile": "+4790000000",
        "email": "leder@example.org",
    },
}


def test_a_nearest_leader_as_we_send_it_passes_and_one_without_mobile_breaks_the_contract():
    validate_exchange(
        {
            **exchange("/api/v1/linemanager", LEADER),
            "status": 202,
            "response": None,
            "response_content_type": "text/plain",
        }
    )
    broken = {**LEADER, "manager": {k: v for k, v in LEADER["manager"].items() if k != "mobile"}}
    with pytest.raises(OpenAPIError):
        validate_exchange(
            {
                **exchange("/api/v1/linemanager", broken),
                "status": 202,
                "response": None,
                "response_content_type": "text/plain",
            }
        )


def test_navs_requirements_and_documents_as_the_fake_gives_them_pass():
    from nav.fake.samples import linemanager_requirement
    from nav.fake.server import _details

    requirement = linemanager_requirement(
        fnr="01019010046", orgnr="974652277", first_name="Kari", last_name="Nordmann", main_orgnr="912345602"
    )
    validate_exchange(
        {
            **exchange(
                "/api/v1/linemanager/requirement",
                method="GET",
                response={
                    "linemanagerRequirements": [requirement],
                    "meta": {"size": 1, "pageSize": 50, "hasMore": False, "total": 1},
                },
            ),
            "query": "orgNumber=974652277&createdAfter=2026-01-01T00%3A00%3A00Z&pageSize=50",
        }
    )
    document = {
        "documentId": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "type": "DIALOGMOTE",
        "contentType": "application/pdf",
        "fnr": "01019010046",
        "orgNumber": "974652277",
        "created": "2026-01-01T08:00:00+00:00",
    }
    validate_exchange(
        {
            **exchange(
                "/api/v1/documents",
                method="GET",
                response={
                    "items": [_details(document)],
                    "meta": {"size": 1, "pageSize": 50, "hasMore": False, "resultSize": 1},
                },
            ),
            "query": "orgNumber=974652277&documentType=DIALOGMOTE&createdAfter=2026-01-01T00%3A00%3A00Z",
        }
    )
    with pytest.raises(OpenAPIError):  # documentType is required
        validate_exchange(
            {
                **exchange("/api/v1/documents", method="GET", response={"items": [], "meta": {}}),
                "query": "orgNumber=974652277&createdAfter=2026-01-01T00%3A00%3A00Z",
            }
        )


def test_an_inntektsmelding_request_without_its_income_date_breaks_the_contract():
    from nav.fake.samples import income_report_request

    item = income_report_request(fnr="01019010046", orgnr="974652277", sick=[(date(2026, 3, 2), date(2026, 3, 8))])
    validate_exchange(exchange("/v1/forespoersler", {"orgnr": "974652277", "fraLoepenr": 0}, [item]))
    with pytest.raises(OpenAPIError):
        validate_exchange(
            exchange(
                "/v1/forespoersler", {"orgnr": "974652277"}, [{k: v for k, v in item.items() if k != "inntektsdato"}]
            )
        )
