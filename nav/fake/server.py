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
TOKEN_LIFETIME = 120

_PLAN_ERRORS = {
    "NO_ACTIVE_SENT_SYKMELDING": (403, "No active sykmelding sent to employer"),
    "NO_ACTIVE_ARBEIDSFORHOLD": (403, "No active employment relationship found for given orgnumber"),
    "GENERAL_PRACTITIONER_NOT_FOUND": (404, "General practitioner was not found"),
    "EMPLOYEE_NOT_FOUND": (404, "Could not find requested person in our systems"),
    "VALIDATION_ERROR": (400, "Invalid employee identification number"),
    "AUTHENTICATION_ERROR": (401, "JWT is expired"),
}
_STATUS_TEXT = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
                500: "Internal Server Error"}


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
        exchange = {"method": method, "path": path, "query": environ.get("QUERY_STRING", ""),
                    "content_type": (environ.get("CONTENT_TYPE") or "").split(";")[0],
                    "authorization": environ.get("HTTP_AUTHORIZATION", "").split(" ")[0], "fault": None}
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
        payload = body if isinstance(body, bytes) else (
            body.encode() if isinstance(body, str) else json.dumps(body).encode())
        if not path.startswith("/_fake/"):
            exchange.update(status=result.status, response=body if not isinstance(body, bytes) else None,
                            response_content_type=result.content_type)
            with self.state.lock:
                self.state.exchanges.append(exchange)
        start_response(f"{result.status} {_STATUS_TEXT.get(result.status, 'Error')}",
                       [("Content-Type", result.content_type), ("Content-Length", str(len(payload)))])
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
                raise _Response(404, _plan_error(404, "FOLLOWUP_PLAN_NOT_FOUND",
                                                 "The follow-up plan with a given uuid was not found"))
            return _Response(200, plan["status"])
        raise _Response(404, {"feilkode": "IKKE_FUNNET", "feilmelding": "Ukjent sti"})

    # Maskinporten -------------------------------------------------------------
    def _token(self, environ, fault):
        form = _form_body(environ)
        if form.get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer" or not form.get("assertion"):
            raise _Response(400, {"error": "invalid_request", "error_description": "Missing grant_type or assertion"})
        try:
            claims = jwt.decode(form["assertion"], self.state.public_key, algorithms=["RS256"],
                                audience=self.state.issuer, options={"require": ["exp", "iat", "aud", "iss"]})
        except jwt.InvalidSignatureError:
            raise _Response(400, {"error": "invalid_client", "error_description": "Invalid assertion signature"}) from None
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
        if scope not in (SCOPE_SYKMELDING, SCOPE_OPPFOLGINGSPLAN):
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
        return _Response(200, {"access_token": token, "token_type": "Bearer", "expires_in": TOKEN_LIFETIME,
                               "scope": scope})

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
        notes = [n for n in self.state.sick_notes
                 if n["arbeidsgiver"]["orgnr"] == body["orgnr"] and n["loepenr"] > after
                 and (not body.get("fnr") or n["sykmeldt"]["fnr"] == body["fnr"])]
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
            raise _Response(404, {"feilkode": "SYKMELDING_IKKE_FUNNET", "feilmelding": "Sykmelding ikke funnet",
                                  "referanseId": note_id})
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
            raise _Response(400, _plan_error(400, "VALIDATION_ERROR",
                                             "needsHelpFromNav cannot be true if sendPlanToNav is false"))
        if body.get("employeeHasContributedToPlan") is False and not body.get("employeeHasNotContributedToPlanDescription"):
            raise _Response(400, _plan_error(
                400, "VALIDATION_ERROR",
                "employeeHasNotContributedToPlanDescription is mandatory if employeeHasContributedToPlan = false"))
        plan_id = str(uuid.uuid4())
        status = {"uuid": plan_id, "isSentToGeneralPractitionerStatus": bool(body.get("sendPlanToGeneralPractitioner")),
                  "isSentToNavStatus": bool(body.get("sendPlanToNav"))}
        with self.state.lock:
            self.state.plans[plan_id] = {"body": body, "status": status}
        return _Response(200, status)

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
            with self.state.lock:
                self.state.sick_notes.clear()
                self.state.plans.clear()
                self.state.faults.clear()
                self.state.exchanges.clear()
            return _Response(200, {"ok": True})
        if method == "GET" and path == "/_fake/exchanges":
            return _Response(200, self.state.exchanges)
        raise _Response(404, {"error": "unknown switch"})


def _plan_error(status: int, error_type: str, message: str) -> dict:
    return {"status": {"value": status, "description": _STATUS_TEXT.get(status, "Error")}, "type": error_type,
            "message": message}


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
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())
