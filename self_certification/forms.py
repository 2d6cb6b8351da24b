from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from kernel.forms import without_empty_radio

from .models import EgenmeldingPolicy, SelfCertification, Withdrawal

NO_MEDICAL = _("Do not write anything about health, diagnosis or symptoms.")


class SelfCertificationForm(forms.ModelForm):
    """The employee's report: dates, whether it is related to work, and the declaration. Nothing medical."""

    only_allowed_days = forms.BooleanField(
        label=_("Submit only the days I may self-certify"),
        required=False,
        help_text=_("For the rest of the absence you need a doctor's note (sykmelding)."),
    )

    class Meta:
        model = SelfCertification
        fields = ["start", "end", "work_related", "declaration"]
        labels = {
            "start": _("First day of absence"),
            "end": _("Last day of absence"),
            "work_related": _("Is the absence related to your work?"),
            "declaration": _("I cannot work because of illness or injury, and the information I give is true."),
        }
        help_texts = {
            "end": _("Count every calendar day, weekends too. If you do not know yet, give the day you expect."),
            "work_related": _(
                "For example an injury at work, or strain from your tasks. You are not asked about your health."
            ),
        }
        widgets = {"start": DateInput(), "end": DateInput(), "work_related": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        without_empty_radio(self)
        self.fields["declaration"].required = True
        self.fields["work_related"].choices = SelfCertification.WorkRelated.choices
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("start", css_class="col-sm-6"), Column("end", css_class="col-sm-6")),
            HTML('{% include "self_certification/includes/decision.html" %}'),
            Div("only_allowed_days", css_id="only-allowed", data_testid="only-allowed"),
            InlineRadios("work_related"),
            "declaration",
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The last day is before the first day."))
        return data


class CorrectionForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the employee correct?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_('E.g. "You were at work on Monday; please check the first day." ') + NO_MEDICAL,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class PolicyForm(forms.ModelForm):
    class Meta:
        model = EgenmeldingPolicy
        fields = ["max_days_per_occasion", "max_days_per_12_months"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["max_days_per_occasion"].widget.attrs.update({"min": 1, "max": 16})
        self.fields["max_days_per_12_months"].widget.attrs.update({"min": 1})
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        per, year = data.get("max_days_per_occasion"), data.get("max_days_per_12_months")
        if per and year is not None and year < per:
            self.add_error(
                "max_days_per_12_months", _("Days per 12 months cannot be fewer than the days per occasion.")
            )
        return data


class WithdrawalForm(forms.ModelForm):
    class Meta:
        model = Withdrawal
        fields = ["decided_on", "valid_from", "valid_to", "reason"]
        labels = {"valid_from": _("Applies from"), "valid_to": _("Applies to")}
        widgets = {
            "decided_on": DateInput(),
            "valid_from": DateInput(),
            "valid_to": DateInput(),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "reason": _("Why the right is withdrawn, as you will give it to the employee in writing. ") + NO_MEDICAL,
            "valid_to": _("The employee needs a doctor's note from the first day of absence until this day."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end of the period is before its start."))
        return data
