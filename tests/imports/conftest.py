import pytest


@pytest.fixture(autouse=True)
def _english(in_english):
    """These tests read the English texts (see tests/conftest.py)."""


@pytest.fixture
def world(english_world):
    return english_world


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
