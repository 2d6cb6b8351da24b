"""Writes of sign-in: ending every session of a user."""

from allauth.usersessions.models import UserSession
from django.contrib.auth import logout

from audit.services import audit_record


def sign_out_everywhere(*, request) -> int:
    """End all the user's sessions, on every device, this one last. Returns how many there were."""
    user = request.user
    sessions = list(UserSession.objects.filter(user=user))
    for session in sessions:
        if session.session_key != request.session.session_key:
            session.end()
    audit_record(actor=user, action="auth.logout_everywhere", detail={"sessions": len(sessions)})
    logout(request)
    return len(sessions)
