"""A date with its weekday, in the language's own order («tirsdag 3. nov. 2026», «Tuesday 3 Nov 2026»).

Django's date filter knows only its own named formats; the weekday form is
WEEKDAY_DATE_FORMAT in sykefravaer/formats/<language>/formats.py. A builtin (settings).
"""

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
