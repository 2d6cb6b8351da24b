"""One way to call NAV: a Maskinporten token, a time-out, errors in words, each call audit-logged.

The audit entry says what was called, for which organisation, when and how it went;
it holds no payload (the payloads hold identity numbers and health information).
"""

import time
from urllib.parse import urlsplit

import requests

from audit.services import audit_record

from . import errors, maskinporten
from .conf import nav_config


def call(
    method: str,
    url: str,
    *,
    scope: str,
    orgnr: str | None = None,
    systemuser: bool = True,
    json=None,
    params=None,
    employee=None,
    accept: str = "application/json",
) -> requests.Response:
    """Call one of NAV's APIs; returns the response for 2xx, raises NavError otherwise."""
    config = nav_config()
    path = urlsplit(url).path
    started = time.monotonic()
    outcome = "ok"
    status = None
    try:
        token = maskinporten.client().token(scope=scope, systemuser_orgnr=orgnr if systemuser else None)
        try:
            response = requests.request(
                method,
                url,
                json=json,
                params=params,
                timeout=config.timeout,
                headers={"Authorization": f"Bearer {token}", "Accept": accept},
            )
        except requests.Timeout:
            raise errors.error("timeout") from None
        except requests.RequestException:
            raise errors.error("unreachable") from None
        status = response.status_code
        if status >= 500:
            code = _error_code(response)
            raise errors.error(code if code in errors.MESSAGES else "server_error", transient=True)
        if status >= 400:
            code = _error_code(response)
            if code not in errors.MESSAGES:
                code = {401: "unauthorized", 403: "unauthorized", 404: "not_found", 410: "gone"}.get(
                    status, "bad_request"
                )
            raise errors.error(code, _error_detail(response))
        return response
    except errors.NavError as error:
        outcome = error.code
        raise
    finally:
        audit_record(
            actor=None,
            action="nav.call",
            employee=employee,
            detail={
                "method": method,
                "path": path,
                "orgnr": orgnr or "",
                "status": status,
                "outcome": outcome,
                "ms": round((time.monotonic() - started) * 1000),
            },
        )


def _body(response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _error_code(response) -> str:
    body = _body(response)
    # lps-oppfolgingsplan-mottak: {"type": …}; sykepenger API: {"feilkode": …}
    code = str(body.get("type") or body.get("feilkode") or "")
    return _SYKMELDING_CODES.get(code, code)


# The sykepenger API's feilkoder that mean one of ours.
_SYKMELDING_CODES = {"IKKE_TILGANG_TIL_RESSURS": "unauthorized", "SYKMELDING_IKKE_FUNNET": "not_found"}


def _error_detail(response) -> str:
    body = _body(response)
    return str(body.get("message") or body.get("feilmelding") or "")[:300]
