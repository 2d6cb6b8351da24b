"""E-mail to HR about self-certification, each in the reader's language.

The mail names no employee and no dates: it says that someone in the reader's
scope has reached the limit and links to the page, where access is checked
and logged.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import selectors
from .models import MayWithdrawNotice


def language_of(user) -> str:
    # A user without an employee has no `employee`: getattr's AttributeError covers it.
    employee = getattr(user, "employee", None)
    language = employee.preferred_language if employee is not None else ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def absolute(path: str) -> str:
    """An absolute link when the site's address is known (settings.SITE_URL), else the path."""
    base = (getattr(settings, "SITE_URL", "") or "").rstrip("/")
    return f"{base}{path}"


def send_may_withdraw_mails(notice: MayWithdrawNotice) -> int:
    """Mail every HR user whose scope covers the employee; return how many were sent."""
    link = absolute(reverse("self_certification:hr_employee", args=[notice.employee_id]))
    sent = 0
    for user in selectors.hr_recipients(notice.employee):
        with translation.override(language_of(user)):
            subject = _("Self-certification: an employee has reached %(count)s absences in 12 months") % {
                "count": notice.occasions
            }
            body = render_to_string(
                "self_certification/email/may_withdraw.txt", {"occasions": notice.occasions, "link": link}
            )
        EmailMessage(subject=subject, body=body, to=[user.email]).send()
        sent += 1
    return sent
