from django import forms
from django.utils.translation import gettext_lazy as _

from followup_plans.models import PlanSharing

from .models import Integration


class PlanSendForm(forms.Form):
    to_nav = forms.BooleanField(label=_("Send to NAV"), required=False)
    to_gp = forms.BooleanField(label=_("Send to the employee's GP (fastlege)"), required=False)
    nav_reason = forms.ChoiceField(
        label=_("Why it is sent to NAV"),
        required=False,
        widget=forms.RadioSelect,
        choices=PlanSharing.NavReason.choices,
    )
    needs_help_from_nav = forms.BooleanField(label=_("We need help from NAV"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("to_nav") and not data.get("to_gp"):
            raise forms.ValidationError(_("Choose NAV, the GP or both."))
        if data.get("to_nav") and not data.get("nav_reason"):
            self.add_error("nav_reason", _("Say why the plan is sent to NAV."))
        return data


class IntegrationForm(forms.ModelForm):
    class Meta:
        model = Integration
        fields = ["enabled"]


class MeetingDateForm(forms.Form):
    """The DM2/DM3 time the manager reads from NAV's letter."""

    kind = forms.ChoiceField(
        label=_("Meeting"), choices=[("dm2", _("Dialogue meeting 2 (NAV)")), ("dm3", _("Dialogue meeting 3 (NAV)"))]
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}))

    def clean(self):
        from datetime import datetime

        from django.utils import timezone

        data = super().clean()
        if self.errors:
            return data
        zone = timezone.get_current_timezone()
        data["starts_at"] = datetime.combine(data["date"], data["start_time"], tzinfo=zone)
        data["ends_at"] = datetime.combine(data["date"], data["end_time"], tzinfo=zone)
        if data["ends_at"] <= data["starts_at"]:
            self.add_error("end_time", _("The meeting must end after it starts."))
        return data
