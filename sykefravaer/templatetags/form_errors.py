"""The error summary of a page: every error of every bound form in the template's context.

`base.html` asks once, so that each form on every page gets the same summary
(templates/includes/error_summary.html) and a title that starts with "Error:",
without a copy per template or per view.
"""

from dataclasses import dataclass

from django import template
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet

register = template.Library()


@dataclass(frozen=True)
class FormError:
    message: str
    field_id: str  # the id of the input the message is about (its label's `for`)
    label: str


def _first_field_id(form: BaseForm) -> str:
    for bound in form.visible_fields():
        return bound.id_for_label or ""
    return ""


def _form_errors(form: BaseForm) -> list[FormError]:
    if not form.is_bound or not form.errors:
        return []
    found = [FormError(str(message), _first_field_id(form), "") for message in form.non_field_errors()]
    for name in form.errors:
        if name == "__all__" or name not in form.fields:
            continue
        bound = form[name]
        if bound.is_hidden:
            found += [FormError(str(message), _first_field_id(form), "") for message in bound.errors]
        else:
            found += [
                FormError(str(message), bound.id_for_label or "", str(bound.label or "")) for message in bound.errors
            ]
    return found


def errors_of(value: object) -> list[FormError]:
    if isinstance(value, BaseForm):
        return _form_errors(value)
    if isinstance(value, BaseFormSet) and value.is_bound:
        found = [
            FormError(str(message), _first_field_id(value.forms[0]) if value.forms else "", "")
            for message in value.non_form_errors()
        ]
        for form in value.forms:
            found += _form_errors(form)
        return found
    return []


@register.simple_tag(takes_context=True)
def page_form_errors(context: template.Context) -> list[FormError]:
    """Each error once, in the order of the forms in the context and their fields."""
    found: list[FormError] = []
    seen: set[int] = set()
    for value in context.flatten().values():
        if id(value) in seen:
            continue
        seen.add(id(value))
        for error in errors_of(value):
            if error not in found:
                found.append(error)
    return found
