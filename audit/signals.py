from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .services import audit_record


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    audit_record(actor=user, action="auth.login")


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_record(actor=user, action="auth.logout")


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    # The user name tried, never the password.
    audit_record(
        actor=None, action="auth.login_failed", detail={"username": str(credentials.get("username", ""))[:150]}
    )
