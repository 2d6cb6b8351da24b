"""A milestone's name in the active language, for pages, e-mails and exports."""

from django.utils import translation
from django.utils.translation import gettext as _

import deadlines

from .extensions import provider_for


def milestone_title(key: str) -> str:
    """The statutory milestone's title, or the name its provider gives it (e.g. a routine step's)."""
    language = translation.get_language() or "nb"
    try:
        return deadlines.milestone_title(deadlines.MilestoneKey(key), language)
    except ValueError:
        provider = provider_for(key)
        return provider.title(key, language) if provider else key.replace("_", " ").capitalize()


def milestone_reason_text(milestone, *, today, language: str) -> str:
    """Why a milestone does not apply, in words that fit today.

    The engine's "the sick leave had ended before the deadline" is right once the case is
    over; while the case is open and the employee is away today, it is the current sick
    note that does not reach the date (a new note can make the milestone apply again).
    """
    if not milestone.reason:
        return ""
    try:
        reason = deadlines.Reason(milestone.reason)
    except ValueError:
        return ""
    case = milestone.case
    if reason is deadlines.Reason.CASE_ENDED_BEFORE_DUE and case.status == case.Status.OPEN and case.end >= today:
        with translation.override(language):
            return _("The current sick note does not last until the deadline")
    return deadlines.reason_text(reason, language)
