"""A milestone's name in the active language, for pages, e-mails and exports."""

from django.utils import translation

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
