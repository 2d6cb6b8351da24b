"""Strict helpers for reading settings from the environment (12-factor)."""

import json
import os
import re

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


_PROVIDER_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def oidc_providers_from_env() -> list[dict[str, str]]:
    """OpenID Connect identity providers: `OIDC_PROVIDERS` (JSON list) or `OIDC_<n>_NAME/ISSUER/CLIENT_ID/SECRET`.

    Each is {"id", "name", "issuer", "client_id", "secret"} and may add "match_claim". The id is part of the
    redirect URI (`/konto/oidc/<id>/login/callback/`); it defaults to "oidc<n>".
    """
    raw = os.environ.get("OIDC_PROVIDERS", "").strip()
    if raw:
        try:
            providers = json.loads(raw)
        except ValueError:
            raise ImproperlyConfigured("OIDC_PROVIDERS must be a JSON list of providers.") from None
        if not isinstance(providers, list) or not all(isinstance(p, dict) for p in providers):
            raise ImproperlyConfigured("OIDC_PROVIDERS must be a JSON list of providers.")
        providers = [{**p, "id": p.get("id") or f"oidc{n}"} for n, p in enumerate(providers, start=1)]
    else:
        providers = []
        for n in range(1, 10):
            if not os.environ.get(f"OIDC_{n}_ISSUER"):
                continue
            provider = {"id": env_str(f"OIDC_{n}_ID", f"oidc{n}")}
            for key in ("name", "issuer", "client_id", "secret", "match_claim"):
                value = env_str(f"OIDC_{n}_{key.upper()}")
                if value:
                    provider[key] = value
            providers.append(provider)
    seen: set[str] = set()
    for provider in providers:
        for key in ("issuer", "client_id"):
            if not provider.get(key):
                raise ImproperlyConfigured(f"The identity provider {provider['id']!r} needs {key}.")
        if not _PROVIDER_ID.match(str(provider["id"])) or provider["id"] in seen:
            raise ImproperlyConfigured(f"Identity provider ids must be unique lowercase words, not {provider['id']!r}.")
        seen.add(provider["id"])
        provider["issuer"] = str(provider["issuer"]).rstrip("/")
        provider.setdefault("name", provider["id"])
        provider.setdefault("secret", "")
    return providers


def oidc_origins(providers: list[dict[str, str]]) -> set[str]:
    """The origins (scheme://host[:port]) of the providers' issuers, for the CSP's form-action."""
    from urllib.parse import urlsplit

    return {f"{urlsplit(p['issuer']).scheme}://{urlsplit(p['issuer']).netloc}" for p in providers}
