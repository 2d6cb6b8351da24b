"""Session limits (idle timeout, absolute lifetime) and the second factor that HR and administrators need."""

import time

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from cases.access import Role, roles

STARTED = "signin_started"
LAST_SEEN = "signin_last_seen"
# Activity is written to the session at most this often (a write per request would be a write per click).
_TOUCH_EVERY = 15


def session_started(request) -> None:
    """At sign-in (after Django gave the session a new id): the clocks start."""
    now = time.time()
    request.session[STARTED] = now
    request.session[LAST_SEEN] = now


def touch(request) -> None:
    """Activity now (the idle warning's "Stay signed in")."""
    request.session[LAST_SEEN] = time.time()


def seconds_left(request) -> int:
    """Seconds until the session ends, by whichever limit comes first."""
    now = time.time()
    started = request.session.get(STARTED, now)
    last = request.session.get(LAST_SEEN, now)
    return int(min(last + settings.SESSION_IDLE_TIMEOUT, started + settings.SESSION_ABSOLUTE_TIMEOUT) - now)


class SessionLimitsMiddleware:
    """Signs a user out after SESSION_IDLE_TIMEOUT seconds without a request, and SESSION_ABSOLUTE_TIMEOUT
    seconds after signing in, whatever they do."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            session = request.session
            if STARTED not in session:
                session_started(request)
            elif seconds_left(request) <= 0:
                idle = now - session.get(LAST_SEEN, now) >= settings.SESSION_IDLE_TIMEOUT
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)  # DRF answers 401 in its own envelope
                messages.info(
                    request,
                    _("You were signed out after %(minutes)d minutes without activity.")
                    % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60}
                    if idle
                    else _("You were signed out: a session lasts at most %(hours)d hours.")
                    % {"hours": settings.SESSION_ABSOLUTE_TIMEOUT // 3600},
                )
                return redirect_to_login(request.get_full_path() if request.method == "GET" else "/")
            elif now - session.get(LAST_SEEN, 0) >= min(_TOUCH_EVERY, settings.SESSION_IDLE_TIMEOUT / 4):
                session[LAST_SEEN] = now
        return self.get_response(request)


# Pages a user who must first set up a second factor may still open.
_MFA_SETUP_OPEN = ("/konto/", "/static/", "/sprak/", "/health/", "/api/")


def needs_second_factor(request) -> bool:
    """HR and administrators who signed in with a password must have a second factor
    (with single sign-on, the identity provider asks for it)."""
    user = request.user
    if not settings.MFA_REQUIRED_FOR_HR or not user.is_authenticated:
        return False
    if not (user.is_superuser or user.is_staff or {Role.HR, Role.ADMIN} & roles(user)):
        return False
    if not any(record.get("method") == "password" for record in get_authentication_records(request, user)):
        return False
    return not is_mfa_enabled(user)


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(_MFA_SETUP_OPEN) and needs_second_factor(request):
            messages.warning(request, _("Your role gives access to health data: set up a second factor to go on."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)
