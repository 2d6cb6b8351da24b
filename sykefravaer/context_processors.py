from django.conf import settings

from cases.access import Role, roles


def navigation(request) -> dict:
    """The signed-in user's roles, for the header and the menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": frozenset(), "Role": Role, "LOCAL_LOGIN": settings.LOCAL_LOGIN}
    user_roles = roles(user)
    return {
        "user_roles": user_roles,
        "Role": Role,
        "user_role_list": [r for r in Role if r in user_roles],
        "LOCAL_LOGIN": settings.LOCAL_LOGIN,
        # For the warning before the idle timeout (static/js/idle_warning.js).
        "session_idle_timeout": settings.SESSION_IDLE_TIMEOUT,
        "session_idle_warning": settings.SESSION_IDLE_WARNING,
    }
