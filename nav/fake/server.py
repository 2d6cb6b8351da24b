"""A fake Maskinporten and NAV on localhost, for the tests and the demo.

It speaks NAV's published paths and payloads over real HTTP:
- POST /token: Maskinporten's JWT grant. The client assertion's signature is
  checked against the configured public key, and its audience, issuer, expiry
  and scope; a bad one gets Maskinporten's error answer.
- POST /v1/sykmeldinger, GET /v1/sykmelding/{id}: sick notes (sykepenger-im-lps-api).
- POST /api/v1/followupplan, GET …/{uuid}/sendingstatus, GET …/verify-integration:
  follow-up plans (lps-oppfolgingsplan-mottak).
Switches under /_fake/ publish sick notes, make a path answer an error type, a
500 or a time-out, and list what was received (for the contract tests).
"""

import io
import json
import re
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import jwt

SCOPE_SYKMELDING = "nav:helseytelser/sykepenger"
SCOPE_OPPFOLGINGSPLAN = "nav:oppfolgingsplan/lps.write"
SCOPE_NARMESTELEDER = "nav:syfo/narmesteleder/lps"
SCOPE_DOKUMENTPORTEN = "nav:syfo/dokumentporten"
SCOPES = (SCOPE_SYKMELDING, SCOPE_OPPFOLGINGSPLAN, SCOPE_NARMESTELEDER, SCOPE_DOKUMENTPORTEN)
TOKEN_LIFETIME = 120

# esyfo-narmesteleder's ApiError types a switch can make it answer (status, message).
_LEADER_ERRORS = {
    "INVALID_FORMAT": (400, "Could not deserialize request body"),
    "BAD_REQUEST": (400, "Failed to lookup person"),
    "NO_ACTIVE_SICK_LEAVE": (400, "No active sick leave found for employee"),
    "EMPLOYEE_MISSING_EMPLOYMENT_IN_ORG": (400, "Employee has no active employment in organization"),
    "LINEMANAGER_NAME_NATIONAL_IDENTIFICATION_NUMBER_MISMATCH": (400, "Last name for linemanager does not match"),
    "EMPLOYEE_NAME_NATIONAL_IDENTIFICATION_NUMBER_MISMATCH": (400, "Last name for employee does not match"),
    "AUTHORIZATION_ERROR": (401, "Missing system user in token"),
    "MISSING_ORG_ACCESS": (403, "No access to organization"),
    "MISSING_ALITINN_RESOURCE_ACCESS": (403, "Missing access to resource nav_syfo_oppgi-narmesteleder"),
    "UPSTREAM_SERVICE_UNAVAILABLE": (500, "Upstream service unavailable"),
    "500": (500, "Internal server error"),
}

_PLAN_ERRORS = {
    "NO_ACTIVE_SENT_SYKMELDING": (403, "No active sykmelding sent to employer"),
    "NO_ACTIVE_ARBEIDSFORHOLD": (403, "No active employment relationship found for given orgnumber"),
    "GENERAL_PRACTITIONER_NOT_FOUND": (404, "General practitioner was not found"),
    "EMPLOYEE_NOT_FOUND": (404, "Could not find requested person in our systems"),
    "VALIDATION_ERROR": (400, "Invalid employee identification number"),
    "AUTHENTICATION_ERROR": (401, "JWT is expired"),
}
_STATUS_TEXT = {
    200: "OK",
    202: "Accepted",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    410: "Gone",
    500: "Internal Server Error",
}


@dataclass
class FakeState:
    public_key: bytes
    issuer: str
    client_id: str = ""
    sick_notes: list[dict] = field(default_factory=list)
    plans: dict[str, dict] = field(default_factory=dict)
    tokens: dict[str, dict] = field(default_factory=dict)
    faults: dict[str, dict] = field(default_factory=dict)  # path prefix -> {"error": …, "times": n}
    exchanges: list[dict] = field(default_factory=list)
    # esyfo-narmesteleder: (employee fnr, orgNumber) -> the Manager given; requirements (NL-behov);
    # the population register's last names by fnr, to check names as NAV does (empty = any name passes).
    linemanagers: dict[tuple, dict] = field(default_factory=dict)
    requirements: list[dict] = field(default_factory=list)
    population_register: dict[str, str] = field(default_factory=dict)
    # syfo-dokumentporten: documents with their PDF bytes under "pdf".
    documents: list[dict] = field(default_factory=list)
    # sykepenger-im-lps-api: requests for an inntektsmelding (forespørsler).
    forespoersler: list[dict] = field(default_factory=list)
    next_forespoersel_loepenr: int = 1
    timeout_seconds: float = 3.0
    next_loepenr: int = 1
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, note: dict) -> dict:
        with self.lock:
            note = {**note, "loepenr": self.next_loepenr}
            self.next_loepenr += 1
            # A corrected note keeps its id; the newest version wins.
            self.sick_notes = [n for n in self.sick_notes if n["sykmeldingId"] != note["sykmeldingId"]]
            self.sick_notes.append(note)
            return note

    def publish_forespoersel(self, item: dict) -> dict:
        with self.lock:
            item = {**item, "loepenr": self.next_forespoersel_loepenr}
            self.next_forespoersel_loepenr += 1
            self.forespoersler = [f for f in self.forespoersler if f["navReferanseId"] != item["navReferanseId"]]
            self.forespoersler.append(item)
            return item

    def clear(self) -> None:
        with self.lock:
            for name in (
                "sick_notes",
                "plans",
                "faults",
                "exchanges",
                "linemanagers",
                "requirements",
                "population_register",
                "documents",
                "forespoersler",
            ):
                getattr(self, name).clear()

    def fault_for(self, path: str) -> str | None:
        with self.lock:
            for prefix, fault in self.faults.items():
                if path.startswith(prefix):
                    if fault.get("times") is not None:
                        fault["times"] -= 1
                        if fault["times"] <= 0:
                            del self.faults[prefix]
                    return fault["error"]
        return None


class _Response(Exception):
    def __init__(self, status: int, body, content_type: str = "application/json"):
        self.status, self.body, self.content_type = status, body, content_type


def _json_body(environ) -> object:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    raw = environ["wsgi.input"].read(length) if length else b""
    try:
        return json.loads(raw or b"null")
    except ValueError:
        raise _Response(400, {"feilkode": "UGYLDIG_REQUEST_BODY", "feilmelding": "Ugyldig request body"}) from None


def _form_body(environ) -> dict:
    from urllib.parse import parse_qs

    length = int(environ.get("CONTENT_LENGTH") or 0)
    raw = environ["wsgi.input"].read(length).decode() if length else ""
    return {k: v[0] for k, v in parse_qs(raw).items()}


def _orgnr_valid(value: str) -> bool:
    if not (isinstance(value, str) and len(value) == 9 and value.isdigit()):
        return False
    remainder = sum(int(d) * w for d, w in zip(value[:8], (3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(value[8])


class FakeNav:
    def __init__(self, state: FakeState):
        self.state = state

    # WSGI -------------------------------------------------------------------
    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        method = environ["REQUEST_METHOD"]
        exchange = {
            "method": method,
            "path": path,
            "query": environ.get("QUERY_STRING", ""),
            "content_type": (environ.get("CONTENT_TYPE") or "").split(";")[0],
            "authorization": environ.get("HTTP_AUTHORIZATION", "").split(" ")[0],
            "fault": None,
        }
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(raw)
        if raw and exchange["content_type"] == "application/json":
            try:
                exchange["request"] = json.loads(raw)
            except ValueError:
                exchange["request"] = raw.decode(errors="replace")
        try:
            if path.startswith("/_fake/"):
                result = self._control(method, path, environ)
            else:
                fault = exchange["fault"] = self.state.fault_for(path)
                if fault == "timeout":
                    time.sleep(self.state.timeout_seconds)
                    raise _Response(504, {"feilkode": "TIMEOUT", "feilmelding": "timeout"})
                result = self._route(method, path, environ, exchange, fault)
        except _Response as response:
            result = response
        body = result.body
        payload = (
            body if isinstance(body, bytes) else (body.encode() if isinstance(body, str) else json.dumps(body).encode())
        )
        if not path.startswith("/_fake/"):
            exchange.update(
                status=result.status,
                response=body if not isinstance(body, bytes) else None,
                response_bytes=body if isinstance(body, bytes) else None,
                response_content_type=result.content_type,
            )
            with self.state.lock:
                self.state.exchanges.append(exchange)
        start_response(
            f"{result.status} {_STATUS_TEXT.get(result.status, 'Error')}",
            [("Content-Type", result.content_type), ("Content-Length", str(len(payload)))],
        )
        return [payload]

    def _route(self, method, path, environ, exchange, fault):
        if method == "POST" and path == "/token":
            return self._token(environ, fault)
        if method == "POST" and path == "/v1/sykmeldinger":
            token = self._bearer(environ, SCOPE_SYKMELDING)
            body = _json_body(environ)
            exchange["request"] = body
            return self._sick_notes(token, body, fault)
        match = re.fullmatch(r"/v1/sykmelding/([^/]+)", path)
        if method == "GET" and match:
            token = self._bearer(environ, SCOPE_SYKMELDING)
            return self._sick_note(token, match.group(1), fault)
        if method == "GET" and path == "/api/v1/followupplan/verify-integration":
            self._plan_bearer(environ)  # NAV documents only 200 and 401 here
            return _Response(200, "Integration is up and running", "text/plain")
        if method == "POST" and path == "/api/v1/followupplan":
            self._plan_bearer(environ)
            body = _json_body(environ)
            exchange["request"] = body
            return self._plan_receive(body, fault)
        match = re.fullmatch(r"/api/v1/followupplan/([^/]+)/sendingstatus", path)
        if method == "GET" and match:
            self._plan_bearer(environ)
            plan = self.state.plans.get(match.group(1))
            if plan is None:
                raise _Response(
                    404,
                    _plan_error(404, "FOLLOWUP_PLAN_NOT_FOUND", "The follow-up plan with a given uuid was not found"),
                )
            return _Response(200, plan["status"])
        if path.startswith("/api/v1/linemanager"):
            return self._narmesteleder(method, path, environ, exchange, fault)
        if path.startswith("/api/v1/documents"):
            return self._dokumentporten(method, path, environ, fault)
        if method == "POST" and path == "/v1/forespoersler":
            token = self._bearer(environ, SCOPE_SYKMELDING)
            body = _json_body(environ)
            exchange["request"] = body
            return self._forespoersler(token, body, fault)
        match = re.fullmatch(r"/v1/forespoersel/([^/]+)", path)
        if method == "GET" and match:
            self._bearer(environ, SCOPE_SYKMELDING)
            return self._forespoersel(match.group(1), fault)
        raise _Response(404, {"feilkode": "IKKE_FUNNET", "feilmelding": "Ukjent sti"})

    # Maskinporten -------------------------------------------------------------
    def _token(self, environ, fault):
        form = _form_body(environ)
        if form.get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer" or not form.get("assertion"):
            raise _Response(400, {"error": "invalid_request", "error_description": "Missing grant_type or assertion"})
        try:
            claims = jwt.decode(
                form["assertion"],
                self.state.public_key,
                algorithms=["RS256"],
                audience=self.state.issuer,
                options={"require": ["exp", "iat", "aud", "iss"]},
            )
        except jwt.InvalidSignatureError:
            raise _Response(
                400, {"error": "invalid_client", "error_description": "Invalid assertion signature"}
            ) from None
        except jwt.ExpiredSignatureError:
            raise _Response(400, {"error": "invalid_grant", "error_description": "The jwt has expired"}) from None
        except jwt.InvalidAudienceError:
            raise _Response(400, {"error": "invalid_grant", "error_description": "Invalid audience"}) from None
        except jwt.PyJWTError as exc:
            raise _Response(400, {"error": "invalid_grant", "error_description": str(exc)}) from None
        if claims["exp"] - claims["iat"] > 120:
            raise _Response(400, {"error": "invalid_grant", "error_description": "Assertion lives too long"})
        if self.state.client_id and claims["iss"] != self.state.client_id:
            raise _Response(400, {"error": "invalid_client", "error_description": "Unknown client"})
        scope = claims.get("scope", "")
        if scope not in SCOPES:
            raise _Response(400, {"error": "invalid_scope", "error_description": "Scope not allowed"})
        if fault in ("invalid_client", "invalid_grant", "invalid_scope", "access_denied"):
            raise _Response(400, {"error": fault, "error_description": "Refused by the fake"})
        orgnr = None
        for detail in claims.get("authorization_details") or []:
            if detail.get("type") == "urn:altinn:systemuser":
                orgnr = detail["systemuser_org"]["ID"].removeprefix("0192:")
        token = secrets.token_urlsafe(24)
        with self.state.lock:
            self.state.tokens[token] = {"scope": scope, "orgnr": orgnr, "exp": time.time() + TOKEN_LIFETIME}
        return _Response(
            200, {"access_token": token, "token_type": "Bearer", "expires_in": TOKEN_LIFETIME, "scope": scope}
        )

    def _bearer(self, environ, scope: str) -> dict:
        header = environ.get("HTTP_AUTHORIZATION", "")
        token = self.state.tokens.get(header.removeprefix("Bearer ")) if header.startswith("Bearer ") else None
        if token is None or token["exp"] < time.time() or token["scope"] != scope:
            raise _Response(401, {"feilkode": "IKKE_TILGANG_TIL_RESSURS", "feilmelding": "Ikke tilgang til ressurs"})
        return token

    def _plan_bearer(self, environ) -> dict:
        try:
            return self._bearer(environ, SCOPE_OPPFOLGINGSPLAN)
        except _Response:
            raise _Response(401, _plan_error(401, "AUTHENTICATION_ERROR", "JWT is invalid")) from None

    # Sick notes ---------------------------------------------------------------
    def _sick_notes(self, token, body, fault):
        if fault == "500":
            raise _Response(500, {"feilkode": "FEIL_VED_HENTING_SYKMELDINGER", "feilmelding": "Feil ved henting"})
        if not isinstance(body, dict) or not _orgnr_valid(body.get("orgnr", "")):
            raise _Response(400, {"feilkode": "UGYLDIG_IDENTIFIKATOR", "feilmelding": "Ugyldig identifikator"})
        if token["orgnr"] is None or fault == "unauthorized":
            raise _Response(401, {"feilkode": "IKKE_TILGANG_TIL_RESSURS", "feilmelding": "Ikke tilgang til ressurs"})
        after = body.get("fraLoepenr") or 0
        notes = [
            n
            for n in self.state.sick_notes
            if n["arbeidsgiver"]["orgnr"] == body["orgnr"]
            and n["loepenr"] > after
            and (not body.get("fnr") or n["sykmeldt"]["fnr"] == body["fnr"])
        ]
        return _Response(200, sorted(notes, key=lambda n: n["loepenr"]))

    def _sick_note(self, token, note_id, fault):
        if fault == "500":
            raise _Response(500, {"feilkode": "FEIL_VED_HENTING_SYKMELDING", "feilmelding": "Feil ved henting"})
        try:
            uuid.UUID(note_id)
        except ValueError:
            raise _Response(400, {"feilkode": "UGYLDIG_SYKMELDING_ID", "feilmelding": "Ugyldig sykmeldingId"}) from None
        note = next((n for n in self.state.sick_notes if n["sykmeldingId"] == note_id), None)
        if note is None:
            raise _Response(
                404,
                {"feilkode": "SYKMELDING_IKKE_FUNNET", "feilmelding": "Sykmelding ikke funnet", "referanseId": note_id},
            )
        return _Response(200, note)

    # Follow-up plans ----------------------------------------------------------
    def _plan_receive(self, body, fault):
        if fault == "500":
            raise _Response(500, _plan_error(500, "INTERNAL_SERVER_ERROR", "Internal server error"))
        if fault in _PLAN_ERRORS:
            status, message = _PLAN_ERRORS[fault]
            raise _Response(status, _plan_error(status, fault, message))
        if not isinstance(body, dict):
            raise _Response(400, _plan_error(400, "VALIDATION_ERROR", "Invalid body"))
        ident = body.get("employeeIdentificationNumber") or ""
        if not (len(ident) == 11 and ident.isdigit()):
            raise _Response(400, _plan_error(400, "VALIDATION_ERROR", "Invalid employee identification number"))
        if body.get("needsHelpFromNav") and not body.get("sendPlanToNav"):
            raise _Response(
                400, _plan_error(400, "VALIDATION_ERROR", "needsHelpFromNav cannot be true if sendPlanToNav is false")
            )
        if body.get("employeeHasContributedToPlan") is False and not body.get(
            "employeeHasNotContributedToPlanDescription"
        ):
            raise _Response(
                400,
                _plan_error(
                    400,
                    "VALIDATION_ERROR",
                    "employeeHasNotContributedToPlanDescription is mandatory if employeeHasContributedToPlan = false",
                ),
            )
        plan_id = str(uuid.uuid4())
        status = {
            "uuid": plan_id,
            "isSentToGeneralPractitionerStatus": bool(body.get("sendPlanToGeneralPractitioner")),
            "isSentToNavStatus": bool(body.get("sendPlanToNav")),
        }
        with self.state.lock:
            self.state.plans[plan_id] = {"body": body, "status": status}
        return _Response(200, status)

    # Nearest leader (esyfo-narmesteleder) -------------------------------------
    def _system_user(self, environ, scope: str, path: str) -> dict:
        header = environ.get("HTTP_AUTHORIZATION", "")
        token = self.state.tokens.get(header.removeprefix("Bearer ")) if header.startswith("Bearer ") else None
        if token is None or token["exp"] < time.time() or token["scope"] != scope or token["orgnr"] is None:
            raise _Response(401, _api_error(401, "AUTHORIZATION_ERROR", "Invalid token or missing system user", path))
        return token

    def _narmesteleder(self, method, path, environ, exchange, fault):
        token = self._system_user(environ, SCOPE_NARMESTELEDER, path)
        if fault in _LEADER_ERRORS:
            status, message = _LEADER_ERRORS[fault]
            raise _Response(
                status, _api_error(status, "INTERNAL_SERVER_ERROR" if fault == "500" else fault, message, path)
            )
        if method == "GET" and path == "/api/v1/linemanager/requirement":
            return self._requirements(environ, path)
        match = re.fullmatch(r"/api/v1/linemanager/requirement/([^/]+)", path)
        if method == "GET" and match:
            requirement = next((r for r in self.state.requirements if r["id"] == match.group(1)), None)
            if requirement is None:
                raise _Response(404, _api_error(404, "NOT_FOUND", "Requirement not found", path))
            return _Response(200, requirement)
        if method != "POST" or path not in ("/api/v1/linemanager", "/api/v1/linemanager/revoke"):
            raise _Response(404, _api_error(404, "NOT_FOUND", "Not found", path))
        body = _json_body(environ)
        exchange["request"] = body
        revoke = path.endswith("/revoke")
        required = ["employeeIdentificationNumber", "orgNumber", "lastName"] + ([] if revoke else ["manager"])
        if not isinstance(body, dict) or any(not body.get(name) for name in required):
            raise _Response(400, _api_error(400, "INVALID_FORMAT", "Missing required field", path))
        fnr, orgnr = body["employeeIdentificationNumber"], body["orgNumber"]
        if not re.fullmatch(r"\d{11}", fnr) or not _orgnr_valid(orgnr):
            raise _Response(400, _api_error(400, "BAD_REQUEST", "Invalid identifier", path))
        if not self._name_matches(fnr, body["lastName"]):
            raise _Response(
                400,
                _api_error(
                    400,
                    "EMPLOYEE_NAME_NATIONAL_IDENTIFICATION_NUMBER_MISMATCH",
                    "Last name for employee does not match",
                    path,
                ),
            )
        with self.state.lock:
            if revoke:
                self.state.linemanagers.pop((fnr, orgnr), None)
                return _Response(202, b"", "text/plain")
        manager = body["manager"]
        keys = {"nationalIdentificationNumber", "lastName", "mobile", "email"}
        if not isinstance(manager, dict) or set(manager) != keys or not all(manager.values()):
            raise _Response(400, _api_error(400, "INVALID_FORMAT", "Invalid manager", path))
        if not re.fullmatch(r"\d{11}", manager["nationalIdentificationNumber"]) or not re.fullmatch(
            r"\+?\d{8,15}", manager["mobile"]
        ):
            raise _Response(400, _api_error(400, "BAD_REQUEST", "Invalid manager details", path))
        if not self._name_matches(manager["nationalIdentificationNumber"], manager["lastName"]):
            raise _Response(
                400,
                _api_error(
                    400,
                    "LINEMANAGER_NAME_NATIONAL_IDENTIFICATION_NUMBER_MISMATCH",
                    "Last name for linemanager does not match",
                    path,
                ),
            )
        with self.state.lock:
            self.state.linemanagers[(fnr, orgnr)] = {**manager, "systemuser_org": token["orgnr"]}
            for requirement in self.state.requirements:  # an assigned leader completes the requirement
                if requirement["employeeIdentificationNumber"] == fnr and requirement["orgNumber"] == orgnr:
                    requirement["status"] = "COMPLETED"
                    requirement["updated"] = _now()
        return _Response(202, b"", "text/plain")

    def _name_matches(self, fnr: str, last_name: str) -> bool:
        registered = self.state.population_register.get(fnr)
        return registered is None or registered.casefold() == last_name.strip().casefold()

    def _requirements(self, environ, path):
        query = _query(environ)
        after = _parse_time(query.get("createdAfter", ""))
        orgnr = query.get("orgNumber", "")
        if after is None or not re.fullmatch(r"\d{9}", orgnr):
            raise _Response(400, _api_error(400, "BAD_REQUEST", "Missing or invalid query parameters", path))
        size = max(1, min(int(query.get("pageSize") or 50), 50))
        with self.state.lock:
            matching = sorted(
                (r for r in self.state.requirements if r["orgNumber"] == orgnr and _parse_time(r["created"]) > after),
                key=lambda r: r["created"],
            )
        page = matching[:size]
        return _Response(
            200,
            {
                "linemanagerRequirements": page,
                "meta": {"size": len(page), "pageSize": size, "hasMore": len(matching) > size, "total": len(matching)},
            },
        )

    # Documents (syfo-dokumentporten) ------------------------------------------
    def _dokumentporten(self, method, path, environ, fault):
        self._system_user(environ, SCOPE_DOKUMENTPORTEN, path)
        if fault == "500":
            raise _Response(500, _api_error(500, "INTERNAL_SERVER_ERROR", "Internal server error", path))
        if fault == "403":
            raise _Response(403, _api_error(403, "AUTHORIZATION_ERROR", "No access to organization", path))
        if method != "GET":
            raise _Response(404, _api_error(404, "NOT_FOUND", "Not found", path))
        if path == "/api/v1/documents":
            query = _query(environ)
            after = _parse_time(query.get("createdAfter", ""))
            if (
                after is None
                or query.get("documentType") not in ("DIALOGMOTE", "OPPFOLGINGSPLAN")
                or not re.fullmatch(r"\d{9}", query.get("orgNumber", ""))
            ):
                raise _Response(400, _api_error(400, "BAD_REQUEST", "Missing or invalid query parameters", path))
            size = max(1, min(int(query.get("pageSize") or 50), 200))
            with self.state.lock:
                matching = sorted(
                    (
                        d
                        for d in self.state.documents
                        if d["orgNumber"] == query["orgNumber"]
                        and d["type"] == query["documentType"]
                        and _parse_time(d["created"]) > after
                    ),
                    key=lambda d: d["created"],
                )
            page = [_details(d) for d in matching[:size]]
            return _Response(
                200,
                {
                    "items": page,
                    "meta": {
                        "size": len(page),
                        "pageSize": size,
                        "hasMore": len(matching) > size,
                        "resultSize": len(matching),
                    },
                },
            )
        match = re.fullmatch(r"/api/v1/documents/([^/]+)(/details)?", path)
        if not match:
            raise _Response(404, _api_error(404, "NOT_FOUND", "Not found", path))
        document = next((d for d in self.state.documents if d["documentId"] == match.group(1)), None)
        if document is None:
            raise _Response(404, _api_error(404, "NOT_FOUND", "Document not found", path))
        if document.get("deleted"):
            raise _Response(410, _api_error(410, "NOT_FOUND", "Document is deleted", path))
        if match.group(2):
            return _Response(200, _details(document))
        return _Response(200, document["pdf"], document["contentType"])

    # Requests for an inntektsmelding (sykepenger-im-lps-api) ------------------
    def _forespoersler(self, token, body, fault):
        if fault == "500":
            raise _Response(
                500, {"feilkode": "FEIL_VED_HENTING_FORESPOERSLER", "feilmelding": "Feil ved henting av forespørsler"}
            )
        if not isinstance(body, dict) or not _orgnr_valid(body.get("orgnr", "")):
            raise _Response(400, {"feilkode": "UGYLDIG_IDENTIFIKATOR", "feilmelding": "Ugyldig identifikator"})
        if token["orgnr"] is None or fault == "unauthorized":
            raise _Response(401, {"feilkode": "IKKE_TILGANG_TIL_RESSURS", "feilmelding": "Ikke tilgang til ressurs"})
        after = body.get("fraLoepenr") or 0
        items = [
            f
            for f in self.state.forespoersler
            if f["orgnr"] == body["orgnr"]
            and f["loepenr"] > after
            and (not body.get("fnr") or f["fnr"] == body["fnr"])
            and (not body.get("status") or f["status"] == body["status"])
        ]
        return _Response(200, sorted(items, key=lambda f: f["loepenr"]))

    def _forespoersel(self, reference, fault):
        if fault == "500":
            raise _Response(500, {"feilkode": "FEIL_VED_HENTING_FORESPOERSEL", "feilmelding": "Feil ved henting"})
        item = next((f for f in self.state.forespoersler if f["navReferanseId"] == reference), None)
        if item is None:
            raise _Response(
                404,
                {
                    "feilkode": "FORESPOERSEL_IKKE_FUNNET",
                    "feilmelding": "Forespørsel ikke funnet",
                    "referanseId": reference,
                },
            )
        return _Response(200, item)

    # Switches -----------------------------------------------------------------
    def _control(self, method, path, environ):
        if method == "POST" and path == "/_fake/sykmeldinger":
            return _Response(200, self.state.publish(_json_body(environ)))
        if method == "POST" and path == "/_fake/faults":
            body = _json_body(environ)
            with self.state.lock:
                self.state.faults[body["path"]] = {"error": body["error"], "times": body.get("times")}
            return _Response(200, {"ok": True})
        if method == "POST" and path == "/_fake/reset":
            self.state.clear()
            return _Response(200, {"ok": True})
        if method == "POST" and path == "/_fake/requirements":
            item = _json_body(environ)
            with self.state.lock:
                self.state.requirements = [r for r in self.state.requirements if r["id"] != item["id"]]
                self.state.requirements.append(item)
            return _Response(200, item)
        if method == "POST" and path == "/_fake/documents":
            import base64

            item = _json_body(environ)
            item["pdf"] = base64.b64decode(item.pop("content"))
            with self.state.lock:
                self.state.documents = [d for d in self.state.documents if d["documentId"] != item["documentId"]]
                self.state.documents.append(item)
            return _Response(200, {"documentId": item["documentId"]})
        if method == "POST" and path == "/_fake/forespoersler":
            return _Response(200, self.state.publish_forespoersel(_json_body(environ)))
        if method == "POST" and path == "/_fake/population-register":
            with self.state.lock:
                self.state.population_register.update(_json_body(environ))
            return _Response(200, {"ok": True})
        if method == "GET" and path == "/_fake/linemanagers":
            with self.state.lock:
                return _Response(
                    200,
                    [
                        {"employeeIdentificationNumber": fnr, "orgNumber": orgnr, **manager}
                        for (fnr, orgnr), manager in self.state.linemanagers.items()
                    ],
                )
        if method == "GET" and path == "/_fake/exchanges":
            return _Response(200, self.state.exchanges)
        raise _Response(404, {"error": "unknown switch"})


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def _api_error(status: int, error_type: str, message: str, path: str) -> dict:
    """The ApiError of esyfo-narmesteleder and syfo-dokumentporten."""
    return {
        "status": {"value": status, "description": _STATUS_TEXT.get(status, "Error")},
        "type": error_type,
        "message": message,
        "path": path,
        "timestamp": _now(),
    }


def _query(environ) -> dict:
    from urllib.parse import parse_qs

    return {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}


def _parse_time(text: str):
    from datetime import UTC, datetime

    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _details(document: dict) -> dict:
    """DocumentDetails: the document without its content."""
    return {
        "employeeIdentificationNumber": document["fnr"],
        "documentId": document["documentId"],
        "type": document["type"],
        "contentType": document["contentType"],
        "linkId": str(uuid.uuid5(uuid.NAMESPACE_URL, document["documentId"])),
        "status": "COMPLETED",
        "isRead": False,
        "orgNumber": document["orgNumber"],
        "dialogId": None,
        "transmissionId": None,
        "created": document["created"],
        "updated": document["created"],
    }


def _plan_error(status: int, error_type: str, message: str) -> dict:
    return {
        "status": {"value": status, "description": _STATUS_TEXT.get(status, "Error")},
        "type": error_type,
        "message": message,
    }


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class RunningFake:
    """A fake started in a thread of this process."""

    def __init__(self, state: FakeState, host: str = "127.0.0.1", port: int = 0):
        self.state = state
        self.app = FakeNav(state)
        self.server = make_server(host, port, self.app, server_class=_ThreadingServer, handler_class=_QuietHandler)
        self.url = f"http://{host}:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "RunningFake":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def public_key_of(private_pem: bytes) -> bytes:
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(private_pem, password=None)
    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def generate_private_key() -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
