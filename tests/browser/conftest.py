import os
from pathlib import Path

import pytest

# Debian's Chromium, started the way this machine allows (no sandbox as root,
# no background traffic to the internet).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture
def demo(transactional_db, settings):
    """The demo organisation with its log-ins, as `make run` loads it."""
    from io import StringIO

    from django.core import mail
    from django.core.management import call_command

    settings.DEMO_DATA_ALLOWED = True
    call_command("load_demo", stdout=StringIO())
    # Loading the demo sends HR its routine tasks; each test counts only the e-mails it causes.
    if hasattr(mail, "outbox"):
        mail.outbox.clear()


@pytest.fixture
def shot(page):
    """Save a full-page screenshot for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def log_in(page, base_url: str, username: str, password: str = "demo", language: str = "nb") -> None:
    page.context.add_cookies([{"name": "sykefravaer_language", "value": language, "url": base_url}])
    page.goto(f"{base_url}/konto/login/")
    page.get_by_label("Brukernavn" if language == "nb" else "Username").fill(username)
    page.get_by_label("Passord" if language == "nb" else "Password").fill(password)
    page.get_by_role("button", name="Logg inn" if language == "nb" else "Log in").click()
