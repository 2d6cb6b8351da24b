from datetime import date, timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

import deadlines

from .models import QualityRound, RoutineStep
from .quality import STATEMENTS
from .selectors import State


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def unit_choices(units) -> list[tuple[str, str]]:
    """Units as an indented list, in tree order."""
    top = min((u.depth for u in units), default=0)
    return [(str(u.pk), "\u2003" * (u.depth - top) + u.name) for u in units]


def milestone_choices(steps=()) -> list[tuple[str, str]]:
    language = translation.get_language() or "nb"
    choices = [(str(k), deadlines.milestone_title(k, language)) for k in deadlines.MilestoneKey]
    return choices + [(s.key, s.name(language)) for s in steps]


class DashboardFilterForm(forms.Form):
    """The dashboard's filters (GET). Rendered by hand: the lists can be long."""

    unit = forms.ChoiceField(label=_("Unit"), required=False)
    manager = forms.ChoiceField(label=_("Nearest manager"), required=False)
    kind = forms.ChoiceField(label=_("Milestone"), required=False)
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            (State.OVERDUE, _("Overdue")),
            (State.DUE_SOON, _("Due within a week")),
            (State.UPCOMING, _("Later")),
            (State.NONE, _("Nothing due")),
        ],
    )

    def __init__(self, data, *, units, managers, steps):
        super().__init__(data)
        self.fields["unit"].choices = [("", _("All units")), *unit_choices(units)]
        self.fields["manager"].choices = [("", _("All managers")), *((str(pk), name) for pk, name in managers)]
        self.fields["kind"].choices = [("", _("Any milestone")), *milestone_choices(steps)]


class StatisticsForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    month = forms.CharField(label=_("Last month"), required=False, widget=forms.TextInput(attrs={"type": "month"}))

    def __init__(self, data, *, units, today: date):
        super().__init__(data)
        self.today = today
        self.fields["unit"].choices = [("", _("Whole scope")), *unit_choices(units)]
        self.fields["month"].widget.attrs["max"] = today.strftime("%Y-%m")

    def clean_month(self) -> date:
        value = self.cleaned_data.get("month")
        if not value:
            return self.today.replace(day=1)
        try:
            month = date.fromisoformat(f"{value}-01")
        except ValueError:
            raise forms.ValidationError(_("Choose a month.")) from None
        if month > self.today:
            raise forms.ValidationError(_("Choose this month or an earlier one."))
        if month.year < 2000:
            raise forms.ValidationError(_("Choose a later month."))
        return month


class ComplianceForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    start = forms.DateField(label=pgettext_lazy("period", "from"), required=False, widget=DateInput())
    end = forms.DateField(label=pgettext_lazy("period", "to"), required=False, widget=DateInput())

    def __init__(self, data, *, units, today: date):
        super().__init__(data)
        self.today = today
        self.fields["unit"].choices = [("", _("Whole scope")), *unit_choices(units)]

    def clean(self):
        data = super().clean()
        data["end"] = data.get("end") or self.today
        data["start"] = data.get("start") or data["end"] - timedelta(days=365)
        if data["start"] > data["end"]:
            self.add_error("end", _("The end date is before the start date."))
        return data


class RoutineStepForm(forms.ModelForm):
    """A step: its name, when it falls due, who is responsible and the reminder's text."""

    BEFORE, AFTER = "before", "after"
    amount = forms.IntegerField(label=_("Number"), min_value=0, max_value=1200)
    direction = forms.ChoiceField(
        label=_("Before or after"),
        required=False,
        choices=[(AFTER, _("after")), (BEFORE, _("before"))],
        help_text=_("From a milestone or the max date."),
    )
    anchor_milestone = forms.ChoiceField(label=_("Statutory milestone"), required=False)

    class Meta:
        model = RoutineStep
        fields = [
            "name_nb",
            "name_en",
            "anchor",
            "anchor_milestone",
            "offset_unit",
            "responsible",
            "reminder_nb",
            "reminder_en",
        ]
        widgets = {"reminder_nb": forms.Textarea(attrs={"rows": 3}), "reminder_en": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "anchor": _(
                "From the first day of absence, the number is the day, week or month by which the step "
                "is done (day 1 is the first day of absence)."
            ),
            "reminder_nb": _("What the responsible person is told to do, in Norwegian."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anchor_milestone"].choices = [("", "–"), *milestone_choices()]
        if self.instance.pk:
            self.fields["amount"].initial = abs(self.instance.offset)
            self.fields["direction"].initial = self.BEFORE if self.instance.offset < 0 else self.AFTER
        self.fields["offset_unit"].label = _("Days, weeks or months")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("Name"), Row(Column("name_nb", css_class="col-md-6"), Column("name_en", css_class="col-md-6"))),
            Fieldset(
                _("When it is due"),
                Row(
                    Column("amount", css_class="col-md-2"),
                    Column("offset_unit", css_class="col-md-3"),
                    Column("direction", css_class="col-md-2"),
                    Column("anchor", css_class="col-md-5"),
                ),
                Row(Column("anchor_milestone", css_class="col-md-7 offset-md-5")),
            ),
            Fieldset(
                _("Who is responsible, and what the reminder says"),
                "responsible",
                Row(Column("reminder_nb", css_class="col-md-6"), Column("reminder_en", css_class="col-md-6")),
            ),
        )

    def clean(self):
        data = super().clean()
        if data.get("anchor") == RoutineStep.Anchor.MILESTONE:
            if not data.get("anchor_milestone"):
                self.add_error("anchor_milestone", _("Choose the statutory milestone the step is counted from."))
        else:
            data["anchor_milestone"] = ""
        amount = data.get("amount")
        if amount is not None:
            before = data.get("direction") == self.BEFORE and data.get("anchor") != RoutineStep.Anchor.CASE_START
            data["offset"] = -amount if before else amount
        return data


class QualityRoundForm(forms.ModelForm):
    class Meta:
        model = QualityRound
        fields = ["held_on", "participants", "note"]
        widgets = {"held_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


SCORES = [("", "–"), *((str(n), str(n)) for n in range(1, 6))]


class QualityAnswersForm(forms.Form):
    """One rating, measures, responsible person and date per statement; fields are named "<key>-<field>"."""

    def __init__(self, *args, answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for statement in STATEMENTS:
            answer = answers.get(statement.key)
            prefix = statement.key
            self.fields[f"{prefix}-score"] = forms.TypedChoiceField(
                label=_("Rating"),
                required=False,
                choices=SCORES,
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                initial=str(answer.score) if answer and answer.score else "",
            )
            self.fields[f"{prefix}-measures"] = forms.CharField(
                label=_("Measures"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.measures if answer else "",
            )
            self.fields[f"{prefix}-responsible"] = forms.CharField(
                label=_("Responsible"), required=False, max_length=200, initial=answer.responsible if answer else ""
            )
            self.fields[f"{prefix}-due"] = forms.DateField(
                label=_("By"), required=False, widget=DateInput(), initial=answer.due if answer else None
            )

    def rows(self):
        """(statement, score field, measures field, responsible field, due field) for the template."""
        for statement in STATEMENTS:
            yield statement, *(self[f"{statement.key}-{name}"] for name in ("score", "measures", "responsible", "due"))

    def answers(self) -> dict[str, dict]:
        data = self.cleaned_data
        return {
            s.key: {name: data.get(f"{s.key}-{name}") for name in ("score", "measures", "responsible", "due")}
            for s in STATEMENTS
        }
