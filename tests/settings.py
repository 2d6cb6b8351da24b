"""The real settings, with the environment a test run needs when none is given.

Only environment defaults are set here; everything else comes from
sykefravaer/settings.py, so the tests exercise the settings that ship.
"""

import os
import uuid
from urllib.parse import urlsplit, urlunsplit

# Playwright's sync API runs an event loop in the test thread; the ORM must still work.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("SECRET_KEY", "test-only-" + "x" * 60)
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Tests talk plain HTTP to the test client and to the live server.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# An audit action missing from audit/actions.py fails the test that records it.
os.environ.setdefault("AUDIT_STRICT_ACTIONS", "true")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
# The demo users sign in with a password alone, as in `make run`; the second-factor tests turn it on.
os.environ.setdefault("MFA_REQUIRED_FOR_HR", "false")
os.environ.setdefault("VAR_DIR", os.path.join(os.path.dirname(os.path.dirname(__file__)), "var", "test"))

from sykefravaer.settings import *  # noqa: E402,F403

# Static files from the finders, so the suite needs no collectstatic.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A cache of its own for every test process, so runs and workers never share a Redis key.
# A worker a test starts is given the test's prefix (TEST_CACHE_PREFIX), so both see the same cache.
# On Redis each xdist worker also gets a database of its own: a test's cache.clear() empties a whole database.
CACHES = {
    "default": {
        **CACHES["default"],  # noqa: F405
        "KEY_PREFIX": os.environ.get("TEST_CACHE_PREFIX") or f"test-{uuid.uuid4().hex}",
    }
}
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if CACHES["default"]["BACKEND"].endswith("RedisCache") and _worker.startswith("gw"):
    _url = urlsplit(CACHES["default"]["LOCATION"])
    CACHES["default"]["LOCATION"] = urlunsplit(_url._replace(path=f"/{10 + int(_worker[2:]) % 6}"))
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
