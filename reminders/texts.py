"""What each milestone is called and what to do about it, in plain words, in the active language."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

import deadlines
from cases.extensions import provider_for
from cases.titles import milestone_title  # noqa: F401  (used by the e-mails)

_M = deadlines.MilestoneKey

WHAT_TO_DO = {
    _M.FIRST_CONVERSATION: gettext_lazy(
        "Talk with the employee about the absence: what they can still do at work, which tasks must be covered "
        "and what could be adjusted. Record the conversation on the case."
    ),
    _M.FOLLOWUP_PLAN: gettext_lazy(
        "Make the follow-up plan together with the employee and send it to the doctor. If a plan is obviously "
        "unnecessary, write down why on the case."
    ),
    _M.DIALOGUE_MEETING_1: gettext_lazy(
        "Call the employee to dialogue meeting 1, with the occupational health service if you use one, and record "
        "the meeting on the case."
    ),
    _M.ACTIVITY_REQUIREMENT: gettext_lazy(
        "From 8 weeks the employee should try some work-related activity, unless the doctor says it is not "
        "possible. Agree with the employee which work could be tried, and record it on the case (no medical "
        "details)."
    ),
    _M.NAV_MEETING_NEED_QUERY: gettext_lazy(
        "NAV asks whether a dialogue meeting with NAV is needed. Discuss it with the employee, answer NAV and "
        "note the answer on the case."
    ),
    _M.DIALOGUE_MEETING_2: gettext_lazy("NAV holds dialogue meeting 2. Take part, and record the meeting on the case."),
    _M.PLAN_TO_NAV: gettext_lazy(
        "Send the updated follow-up plan to NAV, at the latest one week before dialogue meeting 2."
    ),
}
OTHER_STEP = gettext_lazy("Open the case and complete this step.")


def what_to_do(key: str) -> str:
    """Plain words on what to do; a routine step says what HR wrote as its reminder text."""
    try:
        return str(WHAT_TO_DO[deadlines.MilestoneKey(key)])
    except (ValueError, KeyError):
        provider = provider_for(key)
        text = provider.what_to_do(key, translation.get_language() or "nb") if provider else None
        return text or str(OTHER_STEP)


def legal_basis(key: str) -> str:
    try:
        return deadlines.legal_basis(deadlines.MilestoneKey(key), translation.get_language() or "nb")
    except ValueError:
        return ""


def when(days: int) -> str:
    """ "in 3 days", "today", "3 days ago"."""
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    if days > 0:
        return ngettext("in %(days)s day", "in %(days)s days", days) % {"days": days}
    if days == -1:
        return _("yesterday")
    return ngettext("%(days)s day ago", "%(days)s days ago", -days) % {"days": -days}
