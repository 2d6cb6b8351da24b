"""A real fake NAV and Maskinporten on localhost for every NAV test, and the key the app signs with."""

import pytest

from nav import maskinporten
from nav.fake import FakeState, RunningFake, generate_private_key, public_key_of

from .contract import validate_all

CLIENT_ID = "test-client-id"


@pytest.fixture(scope="session")
def nav_key_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("nav") / "maskinporten-key.pem"
    path.write_bytes(generate_private_key())
    return path


@pytest.fixture(scope="session")
def _fake_server(nav_key_file):
    state = FakeState(public_key=public_key_of(nav_key_file.read_bytes()), issuer="", client_id=CLIENT_ID)
    fake = RunningFake(state).start()
    state.issuer = fake.url + "/"
    yield fake
    fake.stop()


@pytest.fixture
def fake_nav(_fake_server, nav_key_file, settings):
    """The running fake, emptied, with the app's settings pointing at it."""
    state = _fake_server.state
    state.clear()
    with state.lock:
        state.tokens.clear()
        state.timeout_seconds = 1.5
    settings.MASKINPORTEN_CLIENT_ID = CLIENT_ID
    settings.MASKINPORTEN_KEY_FILE = str(nav_key_file)
    settings.MASKINPORTEN_KEY_ID = "test-key"
    settings.MASKINPORTEN_URL = _fake_server.url + "/"
    settings.NAV_SYKMELDING_URL = _fake_server.url
    settings.NAV_OPPFOLGINGSPLAN_URL = _fake_server.url
    settings.NAV_NARMESTELEDER_URL = _fake_server.url
    settings.NAV_DOKUMENTPORTEN_URL = _fake_server.url
    settings.NAV_TIMEOUT_SECONDS = 1
    maskinporten._client = None
    yield _fake_server
    maskinporten._client = None
    # Every request the app sent and every answer the fake gave, against NAV's OpenAPI files.
    validate_all(list(state.exchanges))


@pytest.fixture(autouse=True)
def _eager_tasks():
    """Tasks run at once in these tests; tests/reminders runs a real worker."""
    from sykefravaer.celery import app

    before = app.conf.task_always_eager
    app.conf.update(task_always_eager=True)
    yield
    app.conf.update(task_always_eager=before)
