"""The integration's configuration, read from settings (which read the environment)."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Digdir's issuers; the token endpoint is "<issuer>token".
MASKINPORTEN_ISSUERS = {
    "test": "https://test.maskinporten.no/",
    "production": "https://maskinporten.no/",
}
# NAV's APIs for HR and payroll systems in each environment.
NAV_API_URLS = {
    "test": {
        "sykmelding": "https://sykepenger-api.ekstern.dev.nav.no",
        "oppfolgingsplan": "https://lps-oppfolgingsplan-mottak.ekstern.dev.nav.no",
        "narmesteleder": "https://narmesteleder-api.ekstern.dev.nav.no",
        "dokumentporten": "https://syfo-dokumentporten.ekstern.dev.nav.no",
    },
    "production": {
        "sykmelding": "https://sykepenger-api.nav.no",
        "oppfolgingsplan": "https://lps-oppfolgingsplan-mottak.nav.no",
        "narmesteleder": "https://narmesteleder-api.nav.no",
        "dokumentporten": "https://syfo-dokumentporten.nav.no",
    },
}

SCOPE_SYKMELDING = "nav:helseytelser/sykepenger"
SCOPE_OPPFOLGINGSPLAN = "nav:oppfolgingsplan/lps.write"
# System-user APIs: the token names the customer organisation (authorization_details).
SCOPE_NARMESTELEDER = "nav:syfo/narmesteleder/lps"
SCOPE_DOKUMENTPORTEN = "nav:syfo/dokumentporten"


@dataclass(frozen=True)
class NavConfig:
    environment: str
    client_id: str
    key_file: str
    key_id: str
    maskinporten_issuer: str
    sykmelding_url: str
    oppfolgingsplan_url: str
    narmesteleder_url: str
    dokumentporten_url: str
    timeout: float

    @property
    def token_url(self) -> str:
        return self.maskinporten_issuer.rstrip("/") + "/token"

    @property
    def configured(self) -> bool:
        return bool(self.client_id and self.key_file)

    def private_key(self) -> bytes:
        path = Path(self.key_file)
        if not path.is_file():
            raise ImproperlyConfigured(f"MASKINPORTEN_KEY_FILE does not point at a file: {path.name}")
        return path.read_bytes()


def nav_config() -> NavConfig:
    environment = settings.NAV_ENVIRONMENT
    if environment not in MASKINPORTEN_ISSUERS:
        raise ImproperlyConfigured(f"NAV_ENVIRONMENT must be test or production, not {environment!r}.")
    urls = NAV_API_URLS[environment]
    return NavConfig(
        environment=environment,
        client_id=settings.MASKINPORTEN_CLIENT_ID,
        key_file=settings.MASKINPORTEN_KEY_FILE,
        key_id=settings.MASKINPORTEN_KEY_ID,
        maskinporten_issuer=settings.MASKINPORTEN_URL or MASKINPORTEN_ISSUERS[environment],
        sykmelding_url=(settings.NAV_SYKMELDING_URL or urls["sykmelding"]).rstrip("/"),
        oppfolgingsplan_url=(settings.NAV_OPPFOLGINGSPLAN_URL or urls["oppfolgingsplan"]).rstrip("/"),
        narmesteleder_url=(settings.NAV_NARMESTELEDER_URL or urls["narmesteleder"]).rstrip("/"),
        dokumentporten_url=(settings.NAV_DOKUMENTPORTEN_URL or urls["dokumentporten"]).rstrip("/"),
        timeout=settings.NAV_TIMEOUT_SECONDS,
    )
