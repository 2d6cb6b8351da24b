from html import escape

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def options(field) -> str:
    """A select's <option>s from a form field's choices; fast enough for thousands of units or managers."""
    selected = str(field.value() or "")
    return mark_safe(
        "".join(  # noqa: S308 (every value and label is escaped)
            f'<option value="{escape(str(value))}"{" selected" if str(value) == selected else ""}>'
            f"{escape(str(label))}</option>"
            for value, label in field.field.choices
        )
    )


@register.filter
def percent(value, digits: int = 1) -> str:
    """12.345 -> "12,3 %" (in the active language's format); None -> "–"."""
    if value is None:
        return "–"
    return f"{number_format(value, digits)} %"


@register.filter
def days(value) -> str:
    """Working days with one decimal."""
    if value is None:
        return "–"
    return number_format(value, 1)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def share_bar(tally) -> str:
    """A small stacked bar of on time / late / overdue, with the same figures in its text for screen readers."""
    if tally is None or not tally.counted:
        return format_html('<span class="text-body-secondary">–</span>')
    parts = [("on_time", "bg-success"), ("late", "bg-warning"), ("overdue", "bg-danger")]
    bars = format_html_join(
        "",
        '<div class="progress-bar {}" style="width: {}%"></div>',
        ((css, f"{tally.share(name):.2f}") for name, css in parts if getattr(tally, name)),
    )
    return format_html('<div class="progress share-bar" role="presentation">{}</div>', bars)


@register.filter
def rate_of(cell, part: str):
    """A cell's rate for one part ("self", "doctor", "short", "long"); None when suppressed."""
    return cell.rate_of(part) if cell is not None else None


@register.filter
def share(tally, part: str):
    return tally.share(part) if tally is not None else None
