"""Audit events for what allauth does (sign-in, sign-out and failed sign-ins are in audit/signals.py)."""

from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from audit.services import audit_record

from .middleware import session_started


@receiver(user_logged_in)
def _start_session_clocks(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        session_started(request)


@receiver(authenticator_added)
def _mfa_added(sender, request, user, authenticator, **kwargs) -> None:
    audit_record(actor=user, action="auth.mfa_added", detail={"type": authenticator.type})


@receiver(authenticator_removed)
def _mfa_removed(sender, request, user, authenticator, **kwargs) -> None:
    audit_record(actor=user, action="auth.mfa_removed", detail={"type": authenticator.type})
