"""django-allauth adapters: nobody signs up; throttled sign-ins get a clear message and an audit event;
single sign-on finds an existing person or refuses; signing out also ends the provider's session."""

import time
from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.ratelimit import parse_rates
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.services import audit_record

from . import matching


def lockout_minutes() -> int:
    """How long at most until failed sign-ins are allowed again: the longest window of the limit."""
    rates = parse_rates(settings.ACCOUNT_RATE_LIMITS.get("login_failed"))
    return max(1, round(max((rate.duration for rate in rates), default=60) / 60))


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def validation_error(self, code, *args):
        if code == "too_many_login_attempts":
            minutes = lockout_minutes()
            return ValidationError(
                ngettext(
                    "Too many failed sign-ins. Try again in %(minutes)d minute.",
                    "Too many failed sign-ins. Try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
                code=code,
            )
        return super().validation_error(code, *args)

    def pre_authenticate(self, request, **credentials) -> None:
        if not settings.LOCAL_LOGIN:
            raise ValidationError(_("Sign-in with a password is turned off; use single sign-on."), code="no_local")
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            # The name tried, whether or not it exists; the message does not tell either.
            audit_record(
                actor=None, action="auth.throttled", detail={"username": str(credentials.get("username", ""))[:150]}
            )
            raise

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """A password entered at sign-in a few minutes ago counts as entered again: setting up the second
        factor (and seeing its recovery codes) right after signing in asks for no password again."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        if required and app == "allauth.mfa":
            from allauth.account import app_settings as account_settings
            from allauth.core import context

            request = context.request
            if request is not None and request.user.is_authenticated:
                records = get_authentication_records(request, request.user)
                signed_in = max((r.get("at", 0) for r in records if r.get("method") == "password"), default=0)
                return time.time() - signed_in >= account_settings.REAUTHENTICATION_TIMEOUT
        return required

    def get_logout_redirect_url(self, request) -> str:
        # Asked before the session ends (allauth's LogoutView), so it still knows how the user signed in.
        return _end_session_url(request) or super().get_logout_redirect_url(request)


def _end_session_url(request) -> str | None:
    """The identity provider's end_session_endpoint, if the user signed in there and it offers one."""
    from allauth.socialaccount.adapter import get_adapter

    records = get_authentication_records(request, request.user) if request.user.is_authenticated else []
    sso = [r for r in records if r.get("method") == "socialaccount"]
    if not sso:
        return None
    try:
        provider = get_adapter().get_provider(request, sso[-1]["provider"])
        config = provider.get_oauth2_adapter(request).openid_config
    except Exception:  # noqa: BLE001 - the provider is unreachable: end the local session only
        return None
    endpoint = config.get("end_session_endpoint")
    if not endpoint:
        return None
    back = request.build_absolute_uri(reverse("account_login"))
    query = urlencode({"client_id": provider.app.client_id, "post_logout_redirect_uri": back})
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def pre_social_login(self, request, sociallogin) -> None:
        app = sociallogin.account.get_provider().app
        claim = matching.match_claim(app.settings or {})
        claims = matching.claims_of(sociallogin.account.extra_data)
        if sociallogin.is_existing:
            user = sociallogin.user if sociallogin.user.is_active else None
        else:
            user = matching.find_user(claims, claim)
        if user is None:
            audit_record(
                actor=None,
                action="auth.sso_refused",
                detail={"provider": app.name, "claim": claim, "value": str(claims.get(claim) or "")[:150]},
            )
            raise ImmediateHttpResponse(render(request, "signin/sso_refused.html", {"provider": app.name}, status=403))
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)
