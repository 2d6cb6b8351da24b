"""A milestone's name in the active language, for pages, e-mails and exports."""

from django.utils import translation

import deadlines
from hr import routine


def milestone_title(key: str) -> str:
    """The statutory milestone's title, or the name of the organisation's own routine step."""
    language = translation.get_language() or "nb"
    try:
        return deadlines.milestone_title(deadlines.MilestoneKey(key), language)
    except ValueError:
        return routine.step_title(key, language) or key.replace("_", " ").capitalize()
