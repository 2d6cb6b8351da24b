from datetime import timedelta

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AbsencePeriod, Case, Conversation

NO_MEDICAL = _("Describe the situation in work terms. Do not record diagnoses or other medical information.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodForm(forms.ModelForm):
    class Meta:
        model = AbsencePeriod
        fields = ["kind", "start", "end", "grade"]
        widgets = {"start": DateInput(), "end": DateInput()}
        help_texts = {
            "kind": _("Use the sick note's own kind. Holiday and leave during sick leave are registered here too."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].widget.attrs.update({"min": 0, "max": 100, "step": 1})
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_grade(self):
        grade = self.cleaned_data.get("grade")
        if grade is None:
            return 100
        if grade > 100:
            raise forms.ValidationError(_("The grade cannot be more than 100 %."))
        return grade

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date."))
        if data.get("kind") != AbsencePeriod.Kind.SICK:
            data["grade"] = 100
        elif data.get("grade") is not None and 0 < data["grade"] < 20:
            self.add_error("grade", _("A graded sick note is at least 20 %. Use 0 for full activity."))
        return data


class ConversationForm(forms.ModelForm):
    class Meta:
        model = Conversation
        fields = [
            "kind",
            "held_on",
            "expected_duration",
            "work_ability",
            "tasks_to_cover",
            "workplace_factors",
            "adjustments",
            "trusted_person_informed",
            "next_conversation_on",
            "private_note",
        ]
        widgets = {
            "held_on": DateInput(),
            "next_conversation_on": DateInput(),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in ["work_ability", "tasks_to_cover", "workplace_factors", "adjustments", "private_note"]
            },
        }
        help_texts = {
            "expected_duration": _('As the employee expects it, e.g. "about two weeks".'),
            "tasks_to_cover": NO_MEDICAL,
            "workplace_factors": NO_MEDICAL,
            "adjustments": _("Other tasks, adjusted hours, equipment, help from colleagues …"),
            "trusted_person_informed": _("The employee may bring a union representative or another trusted person."),
        }

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("A conversation cannot be recorded before it is held."))
        if held_on < self.case.start - timedelta(days=30):
            raise forms.ValidationError(_("The date is long before the absence started. Check the date."))
        return held_on

    def clean(self):
        data = super().clean()
        held_on, next_on = data.get("held_on"), data.get("next_conversation_on")
        if held_on and next_on and next_on <= held_on:
            self.add_error("next_conversation_on", _("The next conversation must come after this one."))
        return data


class NotRequiredForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it not required?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            'E.g. "Obviously unnecessary (åpenbart unødvendig): back at work in a few days." '
            "The assessment is kept and shown on the timeline. No medical details."
        ),
        max_length=2000,
    )


class DoneForm(forms.Form):
    done_on = forms.DateField(
        label=_("Done on"), widget=DateInput(), help_text=_("The day it was done, if that was before today.")
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        help_text=_('What was done, e.g. "Activity assessed with the employee".'),
    )

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        if done_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return done_on


class MaxDateForm(forms.Form):
    max_date_from_nav = forms.DateField(
        label=_("Max date from NAV"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty to use the estimate."),
    )
