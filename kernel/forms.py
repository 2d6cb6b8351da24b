"""Small helpers every app's forms share."""

from django import forms
from django.utils.translation import gettext_noop

# Django's own empty choice of a select ("- Select an option -", BLANK_CHOICE_LABEL),
# which Django ships without bokmål: marked here so that our catalogue keeps and
# translates it.
gettext_noop("- Select an option -")


def without_empty_radio(form: forms.BaseForm) -> None:
    """A required choice shown as radio buttons offers no empty choice to pick."""
    for field in form.fields.values():
        if field.required and isinstance(field.widget, forms.RadioSelect) and hasattr(field, "choices"):
            field.choices = [choice for choice in field.choices if choice[0] not in ("", None)]
