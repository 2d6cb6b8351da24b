from django import forms
from django.utils.translation import gettext_lazy as _

from followup_plans.models import PlanSharing

from .models import Integration


class PlanSendForm(forms.Form):
    to_nav = forms.BooleanField(label=_("Send to NAV"), required=False)
    to_gp = forms.BooleanField(label=_("Send to the employee's GP (fastlege)"), required=False)
    nav_reason = forms.ChoiceField(label=_("Why it is sent to NAV"), required=False, widget=forms.RadioSelect,
                                   choices=PlanSharing.NavReason.choices)
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
