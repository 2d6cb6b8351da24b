"""Validate what went over the wire against NAV's pinned OpenAPI files (tests/nav/specs/)."""

import json
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs

from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

SPECS = Path(__file__).parent / "specs"
# Which pinned file describes which path.
ROUTES = [
    ("/api/v1/followupplan", "lps-oppfolgingsplan-mottak.yaml"),
    ("/v1/sykmelding", "sykepenger-im-lps-api.yaml"),
    ("/v1/forespoers", "sykepenger-im-lps-api.yaml"),  # forespoersler and forespoersel/{id}
    ("/api/v1/linemanager", "esyfo-narmesteleder.yaml"),
    ("/api/v1/documents", "syfo-dokumentporten.yaml"),
]


@cache
def spec(name: str) -> OpenAPI:
    return OpenAPI.from_file_path(str(SPECS / name))


def spec_for(path: str) -> OpenAPI | None:
    return next((spec(name) for prefix, name in ROUTES if path.startswith(prefix)), None)


def _bytes(value) -> bytes | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value
    return value.encode() if isinstance(value, str) else json.dumps(value).encode()


def validate_exchange(exchange: dict) -> None:
    """Raise if the request we sent or the answer the fake gave breaks NAV's contract."""
    openapi = spec_for(exchange["path"])
    if openapi is None:
        return  # Maskinporten's token endpoint has no OpenAPI file
    host = openapi.spec / "servers" / 0 / "url"
    request = MockRequest(
        host.read_value(),
        exchange["method"].lower(),
        exchange["path"],
        args={k: v[0] for k, v in parse_qs(exchange["query"]).items()},
        headers={"Authorization": "Bearer x"} if exchange["authorization"] == "Bearer" else {},
        data=_bytes(exchange.get("request")),
        content_type=exchange["content_type"] or "application/json",
    )
    openapi.validate_request(request)
    if exchange.get("fault") == "timeout":
        return  # the fake gave up on purpose; the app saw no answer
    body = exchange.get("response_bytes") if exchange.get("response_bytes") is not None else exchange.get("response")
    response = MockResponse(
        _bytes(body), status_code=exchange["status"], content_type=exchange["response_content_type"]
    )
    try:
        openapi.validate_response(request, response)
    except Exception as error:
        if not _only_oneof_ambiguity(error):
            raise


def _only_oneof_ambiguity(error: Exception) -> bool:
    """NAV's 403 and 404 answers are `oneOf` two error schemas without required fields, so every
    answer matches both and oneOf fails; the one such break is accepted (see specs/README.md)."""
    cause = error.__cause__
    schema_errors = getattr(cause, "schema_errors", None)
    return bool(schema_errors) and all("is valid under each of" in str(e.message) for e in schema_errors)


def validate_all(exchanges: list[dict]) -> None:
    problems = []
    for exchange in exchanges:
        try:
            validate_exchange(exchange)
        except Exception as error:  # noqa: BLE001 - collect every break of the contract
            problems.append(
                f"{exchange['method']} {exchange['path']} → {exchange.get('status')}: {error!r}"
                f" {getattr(error, '__cause__', '')!r}"
            )
    assert not problems, "Breaks NAV's contract:\n" + "\n".join(problems)
