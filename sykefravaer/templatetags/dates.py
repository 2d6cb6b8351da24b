"""A date with its weekday, in the language's own order («tirsdag 3. nov. 2026», «Tuesday 3 Nov 2026»).

Django's date filter knows only its own named formats; the weekday form is
WEEKDAY_DATE_FORMAT in sykefravaer/formats/<language>/formats.py. A builtin (settings).
"""

from datetime import datetime
from importlib import import_module

from django import template
from django.utils import dateformat, translation

register = template.Library()


def _format(name: str) -> str:
    language = (translation.get_language() or "nb").split("-")[0]
    try:
        module = import_module(f"sykefravaer.formats.{language}.formats")
    except ImportError:
        module = import_module("sykefravaer.formats.nb.formats")
    return getattr(module, name)


@register.filter
def weekday_date(value):
    if not value:
        return ""
    return dateformat.format(value, _format("WEEKDAY_DATE_FORMAT"))


@register.filter
def weekday_datetime(value):
    """As weekday_date, with the local time: «tirsdag 3. nov. 2026 kl. 09:00» / «Tuesday 3 Nov 2026 09:00»."""
    if not value:
        return ""
    from django.utils import timezone

    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat.format(value, _format("WEEKDAY_DATETIME_FORMAT"))
