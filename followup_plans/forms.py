"""Forms of the follow-up plan. They validate and render; the services write."""

from crispy_bootstrap5.bootstrap5 import Switch
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.forms import without_empty_radio

from .models import (
    NO_MEDICAL_INFO,
    MeasureTemplate,
    PlanComment,
    PlanEvaluation,
    PlanMeasure,
    PlanSharing,
    PlanTask,
    PlanVersion,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _rows(form: forms.Form, rows: int = 3) -> None:
    for bound in form.fields.values():
        if isinstance(bound.widget, forms.Textarea):
            bound.widget.attrs["rows"] = rows


class PlanVersionForm(forms.ModelForm):
    """The plan's own text, written by the employer; saved by the Save button and by autosave."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PlanVersion
        fields = PlanVersion.CONTENT_FIELDS
        widgets = {"period_start": DateInput, "period_end": DateInput, "evaluation_date": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["revision"] = self.instance.revision
        _rows(self)
        self.fields["contact_person_phone"].widget.attrs.update(type="tel", autocomplete="tel")
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "revision",
            Fieldset(_("Period"), Row(Column("period_start"), Column("period_end"))),
            Fieldset(_("Work and work ability"), "typical_workday", "previous_adjustments", "other_options"),
            Fieldset(_("Follow-up"), "follow_up", Row(Column("evaluation_date"), Column())),
            Fieldset(
                _("NAV and the doctor"),
                Switch("send_to_nav"),
                Switch("needs_help_from_nav"),
                Div("help_from_nav_description", data_shown_by="id_needs_help_from_nav"),
                Switch("send_to_gp"),
                "message_to_gp",
            ),
            Fieldset(
                _("Contact person and other information"),
                Row(Column("contact_person_name"), Column("contact_person_phone"), Column("contact_person_email")),
                "additional_information",
            ),
            Fieldset(
                _("The employee's part"),
                Switch("employee_contributed"),
                Div("employee_not_contributed_reason", data_hidden_by="id_employee_contributed"),
            ),
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The plan period ends before it starts."))
        return data


class TaskForm(forms.ModelForm):
    adjustments = forms.MultipleChoiceField(
        label=_("How it can be done"),
        choices=PlanTask.Adjustment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For “can be done with adjustment”: tick what makes it possible."),
    )

    class Meta:
        model = PlanTask
        fields = ["title", "description", "assessment", "adjustments", "adjustment_description"]
        widgets = {"assessment": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _rows(self, 2)
        self.fields["assessment"].choices = PlanTask.Assessment.choices

    def clean(self):
        data = super().clean()
        if PlanTask.Adjustment.OTHER in (data.get("adjustments") or []) and not data.get("adjustment_description"):
            self.add_error("adjustment_description", _("Describe the other adjustment."))
        return data


class TaskAssessmentForm(TaskForm):
    """The employee's part of a task: the assessment."""

    class Meta(TaskForm.Meta):
        fields = ["assessment", "adjustments", "adjustment_description"]


class MeasureForm(forms.ModelForm):
    class Meta:
        model = PlanMeasure
        fields = ["description", "responsible", "start", "end", "status", "task", "comment"]
        widgets = {"start": DateInput, "end": DateInput, "status": forms.RadioSelect}

    def __init__(self, *args, version: PlanVersion, **kwargs):
        super().__init__(*args, **kwargs)
        _rows(self)
        self.fields["task"].queryset = version.tasks.all()
        self.fields["task"].empty_label = _("(no particular task)")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The measure ends before it starts."))
        return data


class EmployeeMeasureForm(MeasureForm):
    """The employee proposes a measure; the employer decides its status."""

    class Meta(MeasureForm.Meta):
        fields = ["description", "responsible", "start", "end", "task", "comment"]


class TemplateChoiceForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Start from a common adjustment"),
        queryset=MeasureTemplate.objects.none(),
        empty_label=_("Choose…"),
    )

    def __init__(self, *args, organisation_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = MeasureTemplate.objects.for_organisation(organisation_id).filter(active=True)


class CommentForm(forms.ModelForm):
    class Meta:
        model = PlanComment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), help_text=NO_MEDICAL_INFO, max_length=2000
    )


class NotNeededForm(ReasonForm):
    reason = forms.CharField(
        label=_("Why a follow-up plan is obviously unnecessary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the employee is back at work in full next week. No medical details."),
        max_length=2000,
    )


class CompleteAloneForm(ReasonForm):
    reason = forms.CharField(
        label=_("Why the employee could not take part"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The reason is shown in the plan and sent to NAV with it. No medical details."),
        max_length=2000,
    )


class SharingForm(forms.ModelForm):
    class Meta:
        model = PlanSharing
        fields = ["recipient", "sent_on", "nav_reason", "note"]
        widgets = {"recipient": forms.RadioSelect, "sent_on": DateInput, "nav_reason": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nav_reason"].choices = PlanSharing.NavReason.choices
        self.fields["nav_reason"].help_text = _("Only when it was sent to NAV.")
        without_empty_radio(self)

    def clean(self):
        data = super().clean()
        if data.get("recipient") == PlanSharing.Recipient.NAV and not data.get("nav_reason"):
            self.add_error("nav_reason", _("Say why the plan was sent to NAV."))
        return data


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = PlanEvaluation
        fields = ["evaluated_on", "effect", "why", "next_steps"]
        widgets = {"evaluated_on": DateInput, "effect": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        without_empty_radio(self)
        _rows(self)


class MeasureTemplateForm(forms.ModelForm):
    class Meta:
        model = MeasureTemplate
        fields = ["title", "description", "responsible", "position", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _rows(self)
