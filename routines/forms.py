from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import BhtInvolvement, MaxDateLetter, OccupationalHealthService, RoutineSettings


class LetterSentForm(forms.Form):
    channel = forms.ChoiceField(label=_("Sent as"), choices=MaxDateLetter.Channel.choices, widget=forms.RadioSelect)
    sent_on = forms.DateField(
        label=_("Sent on"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )


class SettingsForm(forms.ModelForm):
    class Meta:
        model = RoutineSettings
        fields = [
            "letter_weeks_from",
            "letter_weeks_until",
            "letter_sender",
            "letter_after_text",
            "letter_aap_text",
            "letter_contact_text",
            "letter_pension_text",
            "long_absence_weeks",
            "frequent_occasions_6m",
            "frequent_occasions_12m",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["letter_after_text", "letter_aap_text", "letter_contact_text", "letter_pension_text"]
        }


class BhtForm(forms.ModelForm):
    class Meta:
        model = OccupationalHealthService
        fields = ["name", "contact_person", "email", "phone"]


class InvolvementForm(forms.Form):
    kind = forms.ChoiceField(label=_("How"), choices=BhtInvolvement.Kind.choices, widget=forms.RadioSelect)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate)
    note = forms.CharField(
        label=_("Note"), max_length=300, required=False, help_text=_("No medical details or diagnoses.")
    )


class BhtInviteForm(forms.Form):
    consent = forms.BooleanField(
        label=_("The employee agrees to the occupational health service taking part in the meeting"), required=False
    )
