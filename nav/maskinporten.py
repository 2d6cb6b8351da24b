"""Maskinporten: access tokens by the JWT grant (RFC 7523), cached until shortly before they expire.

The client assertion is signed with the organisation's key (the virksomhetssertifikat's
or a key registered with Digdir). For NAV's system-user APIs it asks for
`authorization_details` of type `urn:altinn:systemuser` naming the customer
organisation, as Altinn's system-user guide describes.
"""

import threading
import time
import uuid
from dataclasses import dataclass

import jwt
import requests

from . import errors
from .conf import NavConfig, nav_config

GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer"
# Maskinporten accepts assertions valid for at most 120 seconds.
ASSERTION_LIFETIME = 120
# Take a new token this long before the cached one expires.
EXPIRY_MARGIN = 30


def systemuser_details(orgnr: str) -> list[dict]:
    """The authorization_details asking for the system user of one customer organisation."""
    return [
        {
            "type": "urn:altinn:systemuser",
            "systemuser_org": {"authority": "iso6523-actorid-upis", "ID": f"0192:{orgnr}"},
        }
    ]


@dataclass(frozen=True)
class _Cached:
    token: str
    expires_at: float


class MaskinportenClient:
    def __init__(self, config: NavConfig | None = None, *, clock=time.time):
        self.config = config or nav_config()
        self._clock = clock
        self._cache: dict[tuple, _Cached] = {}
        self._lock = threading.Lock()

    def assertion(self, *, scope: str, systemuser_orgnr: str | None = None, consumer_orgnr: str | None = None) -> str:
        cfg = self.config
        now = int(self._clock())
        claims = {
            "aud": cfg.maskinporten_issuer,
            "iss": cfg.client_id,
            "scope": scope,
            "iat": now,
            "exp": now + ASSERTION_LIFETIME,
            "jti": str(uuid.uuid4()),
        }
        if systemuser_orgnr:
            claims["authorization_details"] = systemuser_details(systemuser_orgnr)
        if consumer_orgnr:
            # Delegation in Altinn: a supplier acting for the consumer organisation.
            claims["consumer_org"] = consumer_orgnr
        headers = {"kid": cfg.key_id} if cfg.key_id else {}
        return jwt.encode(claims, cfg.private_key(), algorithm="RS256", headers=headers)

    def token(self, *, scope: str, systemuser_orgnr: str | None = None, consumer_orgnr: str | None = None) -> str:
        if not self.config.configured:
            raise errors.error("not_configured")
        key = (scope, systemuser_orgnr, consumer_orgnr)
        with self._lock:
            cached = self._cache.get(key)
            if cached and cached.expires_at - EXPIRY_MARGIN > self._clock():
                return cached.token
        token, lifetime = self._request(scope=scope, systemuser_orgnr=systemuser_orgnr, consumer_orgnr=consumer_orgnr)
        with self._lock:
            self._cache[key] = _Cached(token, self._clock() + lifetime)
        return token

    def _request(self, **kwargs) -> tuple[str, int]:
        data = {"grant_type": GRANT_TYPE, "assertion": self.assertion(**kwargs)}
        try:
            response = requests.post(self.config.token_url, data=data, timeout=self.config.timeout)
        except requests.Timeout:
            raise errors.error("timeout") from None
        except requests.RequestException:
            raise errors.error("unreachable") from None
        if response.status_code >= 500:
            raise errors.error("server_error")
        try:
            body = response.json()
        except ValueError:
            raise errors.error("invalid_response") from None
        if response.status_code != 200:
            code = body.get("error", "invalid_grant") if isinstance(body, dict) else "invalid_grant"
            raise errors.error(code if code in errors.MESSAGES else "invalid_grant")
        try:
            return body["access_token"], int(body.get("expires_in", 120))
        except (KeyError, TypeError, ValueError):
            raise errors.error("invalid_response") from None

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()


_client: MaskinportenClient | None = None
_client_lock = threading.Lock()


def client() -> MaskinportenClient:
    """One client per process, so its token cache is shared; rebuilt when the settings change."""
    global _client
    config = nav_config()
    with _client_lock:
        if _client is None or _client.config != config:
            _client = MaskinportenClient(config)
        return _client
