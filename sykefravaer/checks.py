"""Start-up requirements that the settings module leaves to the processes that need them.

Loading the settings needs no secret, so that a command which reads none runs without
one (`manage.py timeline`). What signs or encrypts anything (the web server, the Celery
worker, and every command that runs Django's system checks) refuses to start without it.
"""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

MISSING_SECRET_KEY = "Set SECRET_KEY (at least 50 random characters) or DEBUG=true."


def _has_secret_key() -> bool:
    try:
        return bool(settings.SECRET_KEY)
    except ImproperlyConfigured:  # Django refuses to hand out an empty key
        return False


def require_secret_key() -> None:
    """Raise ImproperlyConfigured with a clear message when SECRET_KEY is not set."""
    if not _has_secret_key():
        raise ImproperlyConfigured(MISSING_SECRET_KEY)


@checks.register(checks.Tags.security)
def secret_key_check(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """sykefravaer.E001: no SECRET_KEY outside DEBUG."""
    if _has_secret_key():
        return []
    return [checks.Error(MISSING_SECRET_KEY, id="sykefravaer.E001")]
