"""The Maskinporten client against the fake token endpoint, over real HTTP."""

import time

import jwt
import pytest
import requests

from nav import maskinporten
from nav.conf import SCOPE_OPPFOLGINGSPLAN, SCOPE_SYKMELDING, nav_config
from nav.errors import NavRefused, NavUnavailable
from nav.fake import generate_private_key


def _fault(fake, path, error, times=None):
    requests.post(f"{fake.url}/_fake/faults", json={"path": path, "error": error, "times": times}, timeout=5)


def test_assertion_is_an_rfc7523_jwt_with_systemuser_details(fake_nav, nav_key_file):
    client = maskinporten.MaskinportenClient(nav_config())
    assertion = client.assertion(scope=SCOPE_SYKMELDING, systemuser_orgnr="974652277")
    header = jwt.get_unverified_header(assertion)
    claims = jwt.decode(assertion, options={"verify_signature": False})
    assert header["alg"] == "RS256" and header["kid"] == "test-key"
    assert claims["aud"] == fake_nav.url + "/"
    assert claims["iss"] == "test-client-id"
    assert claims["scope"] == SCOPE_SYKMELDING
    assert 0 < claims["exp"] - claims["iat"] <= 120
    assert claims["authorization_details"] == [
        {
            "type": "urn:altinn:systemuser",
            "systemuser_org": {"authority": "iso6523-actorid-upis", "ID": "0192:974652277"},
        }
    ]


def test_token_is_fetched_and_cached_per_scope_and_organisation(fake_nav):
    client = maskinporten.MaskinportenClient(nav_config())
    first = client.token(scope=SCOPE_SYKMELDING, systemuser_orgnr="974652277")
    assert client.token(scope=SCOPE_SYKMELDING, systemuser_orgnr="974652277") == first
    assert fake_nav.state.tokens[first]["orgnr"] == "974652277"
    other = client.token(scope=SCOPE_SYKMELDING, systemuser_orgnr="889640782")
    plan = client.token(scope=SCOPE_OPPFOLGINGSPLAN)
    assert len({first, other, plan}) == 3
    token_calls = [e for e in fake_nav.state.exchanges if e["path"] == "/token"]
    assert len(token_calls) == 3


def test_token_is_renewed_shortly_before_it_expires(fake_nav):
    client = maskinporten.MaskinportenClient(nav_config())
    first = client.token(scope=SCOPE_OPPFOLGINGSPLAN)
    key = (SCOPE_OPPFOLGINGSPLAN, None, None)
    # As if the token were about to expire: within the margin it is not used.
    client._cache[key] = maskinporten._Cached(first, time.time() + maskinporten.EXPIRY_MARGIN - 1)
    assert client.token(scope=SCOPE_OPPFOLGINGSPLAN) != first


def test_fake_refuses_an_assertion_signed_with_another_key(fake_nav, tmp_path, settings):
    other = tmp_path / "other.pem"
    other.write_bytes(generate_private_key())
    settings.MASKINPORTEN_KEY_FILE = str(other)
    with pytest.raises(NavRefused) as refused:
        maskinporten.MaskinportenClient(nav_config()).token(scope=SCOPE_SYKMELDING)
    assert refused.value.code == "invalid_client"
    assert fake_nav.state.exchanges[-1]["status"] == 400


def test_fake_refuses_the_wrong_audience(fake_nav, settings):
    settings.MASKINPORTEN_URL = fake_nav.url + "/"
    config = nav_config()
    client = maskinporten.MaskinportenClient(config)
    original = client.assertion

    def wrong_audience(**kwargs):
        claims = jwt.decode(original(**kwargs), options={"verify_signature": False})
        claims["aud"] = "https://maskinporten.no/"
        return jwt.encode(claims, config.private_key(), algorithm="RS256")

    client.assertion = wrong_audience
    with pytest.raises(NavRefused) as refused:
        client.token(scope=SCOPE_SYKMELDING)
    assert refused.value.code == "invalid_grant"


def test_fake_refuses_an_expired_assertion(fake_nav):
    client = maskinporten.MaskinportenClient(nav_config(), clock=lambda: time.time() - 600)
    with pytest.raises(NavRefused) as refused:
        client.token(scope=SCOPE_SYKMELDING)
    assert refused.value.code == "invalid_grant"


def test_fake_refuses_a_scope_it_does_not_know(fake_nav):
    with pytest.raises(NavRefused) as refused:
        maskinporten.MaskinportenClient(nav_config()).token(scope="nav:unknown")
    assert refused.value.code == "invalid_scope"


def test_system_user_not_approved_in_altinn_is_told_in_words(fake_nav, in_english):
    _fault(fake_nav, "/token", "access_denied", times=1)
    with pytest.raises(NavRefused) as refused:
        maskinporten.MaskinportenClient(nav_config()).token(scope=SCOPE_SYKMELDING, systemuser_orgnr="974652277")
    assert "Altinn" in str(refused.value.message)


def test_unreachable_maskinporten_is_transient(fake_nav, settings):
    settings.MASKINPORTEN_URL = "http://127.0.0.1:9/"
    with pytest.raises(NavUnavailable) as unavailable:
        maskinporten.MaskinportenClient(nav_config()).token(scope=SCOPE_SYKMELDING)
    assert unavailable.value.transient


def test_timeout_is_transient(fake_nav):
    _fault(fake_nav, "/token", "timeout", times=1)
    with pytest.raises(NavUnavailable) as unavailable:
        maskinporten.MaskinportenClient(nav_config()).token(scope=SCOPE_SYKMELDING)
    assert unavailable.value.code == "timeout"


def test_without_configuration_nothing_is_sent(fake_nav, settings):
    settings.MASKINPORTEN_CLIENT_ID = ""
    with pytest.raises(NavRefused) as refused:
        maskinporten.MaskinportenClient(nav_config()).token(scope=SCOPE_SYKMELDING)
    assert refused.value.code == "not_configured"
    assert fake_nav.state.exchanges == []
