"""Forms for dialogue meetings. Crispy with Bootstrap 5; services do the writing."""

from datetime import datetime, timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import AgreedAction, DialogMeeting, MeetingNeedAnswer, Minutes, MinutesComment, Participant, Preparation

DEFAULT_LENGTH = timedelta(hours=1)
NO_MEDICAL = _("No diagnosis or other medical information.")
LANGUAGE_CHOICES = settings.LANGUAGES


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper


class WhenWhereMixin(forms.Form):
    """Date, start and end time in Norwegian time; the end defaults to one hour later."""

    date = forms.DateField(label=pgettext_lazy("meeting", "Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_time = forms.TimeField(
        label=_("Ends"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Leave empty for one hour."),
    )

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start:
            starts_at = timezone.make_aware(datetime.combine(day, start))
            ends_at = timezone.make_aware(datetime.combine(day, end)) if end else starts_at + DEFAULT_LENGTH
            if ends_at <= starts_at:
                self.add_error("end_time", _("The meeting must end after it starts."))
            data["starts_at"], data["ends_at"] = starts_at, ends_at
        return data

    @staticmethod
    def initial_for(meeting: DialogMeeting) -> dict:
        start = timezone.localtime(meeting.starts_at)
        end = timezone.localtime(meeting.ends_at)
        return {
            "date": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "place": meeting.place,
            "video_link": meeting.video_link,
        }


class InviteForm(WhenWhereMixin, forms.ModelForm):
    """Invite to dialogue meeting 1: time, place, and who besides the employee and the manager."""

    doctor_name = forms.CharField(label=_("Doctor's name"), max_length=200, required=False)
    doctor_email = forms.EmailField(label=_("Doctor's e-mail"), required=False)
    doctor_language = forms.ChoiceField(
        label=_("Language of the doctor's invitation"), choices=LANGUAGE_CHOICES, initial="nb"
    )
    doctor_consent = forms.BooleanField(
        label=_("The employee has agreed that the doctor takes part"),
        required=False,
        help_text=_("Without this, the employee is asked in the app, and the doctor is invited only after a yes."),
    )
    ohs_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    ohs_email = forms.EmailField(label=_("E-mail"), required=False)
    trusted_role = forms.ChoiceField(
        label=_("Role"),
        initial=Participant.Role.UNION_REP,
        choices=[
            (Participant.Role.UNION_REP, Participant.Role.UNION_REP.label),
            (Participant.Role.TRUSTED_PERSON, Participant.Role.TRUSTED_PERSON.label),
        ],
    )
    trusted_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    trusted_email = forms.EmailField(label=_("E-mail"), required=False)
    hr_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    hr_email = forms.EmailField(label=_("E-mail"), required=False)

    class Meta:
        model = DialogMeeting
        fields = ["place", "video_link", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"place": _("For example a meeting room. Give a place, a video link, or both.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Fieldset(
                _("When and where"),
                Div(
                    Div("date", css_class="col-md-4"),
                    Div("start_time", css_class="col-md-4"),
                    Div("end_time", css_class="col-md-4"),
                    css_class="row",
                ),
                "place",
                "video_link",
            ),
            Fieldset(
                _("Doctor (sykmelder), only with the employee's consent"),
                Div(
                    Div("doctor_name", css_class="col-md-6"), Div("doctor_email", css_class="col-md-6"), css_class="row"
                ),
                Div(
                    Div("doctor_language", css_class="col-md-6"),
                    Div("doctor_consent", css_class="col-md-6"),
                    css_class="row",
                ),
            ),
            Fieldset(
                _("Occupational health service (BHT)"),
                Div(Div("ohs_name", css_class="col-md-6"), Div("ohs_email", css_class="col-md-6"), css_class="row"),
            ),
            Fieldset(
                _("Union representative or another trusted person, if the employee wants one"),
                Div(
                    Div("trusted_role", css_class="col-md-4"),
                    Div("trusted_name", css_class="col-md-4"),
                    Div("trusted_email", css_class="col-md-4"),
                    css_class="row",
                ),
            ),
            Fieldset(
                _("HR"),
                Div(Div("hr_name", css_class="col-md-6"), Div("hr_email", css_class="col-md-6"), css_class="row"),
            ),
            Fieldset(_("Message"), "message"),
        )

    def clean(self):
        data = super().clean()
        if not (data.get("place") or "").strip() and not (data.get("video_link") or "").strip():
            self.add_error("place", _("Give a place, a video link, or both."))
        for prefix in ("doctor", "ohs", "trusted", "hr"):
            if data.get(f"{prefix}_email") and not (data.get(f"{prefix}_name") or "").strip():
                self.add_error(f"{prefix}_name", _("Give the name too."))
        return data

    def invitees(self) -> list:
        from .services import Invitee

        data = self.cleaned_data
        people = [
            Invitee(
                Participant.Role.DOCTOR,
                data["doctor_name"],
                data["doctor_email"],
                data["doctor_language"],
                consent=data["doctor_consent"],
            ),
            Invitee(Participant.Role.OHS, data["ohs_name"], data["ohs_email"]),
            Invitee(data["trusted_role"], data["trusted_name"], data["trusted_email"]),
            Invitee(Participant.Role.HR, data["hr_name"], data["hr_email"]),
        ]
        return [p for p in people if p.name.strip()]


class RescheduleForm(WhenWhereMixin, forms.Form):
    place = forms.CharField(label=pgettext_lazy("meeting", "Place"), max_length=200, required=False)
    video_link = forms.URLField(label=_("Video link"), max_length=500, required=False)
    reason = forms.CharField(
        label=_("Why it is moved"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=NO_MEDICAL
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Div(
                Div("date", css_class="col-md-4"),
                Div("start_time", css_class="col-md-4"),
                Div("end_time", css_class="col-md-4"),
                css_class="row",
            ),
            "place",
            "video_link",
            "reason",
        )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is cancelled"), widget=forms.Textarea(attrs={"rows": 3}), help_text=NO_MEDICAL
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class PreparationForm(forms.ModelForm):
    class Meta:
        model = Preparation
        fields = [*Preparation.ANSWER_FIELDS, "shared"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in Preparation.ANSWER_FIELDS}

    def __init__(self, *args, side: str, **kwargs):
        super().__init__(*args, **kwargs)
        if side == Preparation.Side.EMPLOYEE:
            self.fields["shared"].label = _("Let my manager read this before the meeting")
            self.fields["shared"].help_text = _("If you leave this off, only you see your answers.")
        else:
            self.fields["shared"].label = _("Let the employee read this before the meeting")
            self.fields["shared"].help_text = _("If you leave this off, only the manager and HR see it.")
        self.helper = _helper()


class MinutesForm(forms.ModelForm):
    """The minutes (referat) in NAV's fields, who attended, and the agreed actions (a formset beside it)."""

    attended = forms.ModelMultipleChoiceField(
        label=_("Of those invited"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    extra_role = forms.ChoiceField(
        label=_("Someone else who attended: role"),
        required=False,
        choices=[("", "–")] + [c for c in Participant.Role.choices if c[0] not in ("employee", "doctor")],
    )
    extra_name = forms.CharField(label=_("Name"), max_length=200, required=False)

    class Meta:
        model = Minutes
        fields = [
            "situation",
            "conclusion",
            "employee_tasks",
            "employer_tasks",
            "doctor_tasks",
            "nav_tasks",
            "doctor_attended",
            "doctor_receives_minutes",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["situation", "conclusion", "employee_tasks", "employer_tasks", "doctor_tasks", "nav_tasks"]
        }

    def __init__(self, *args, meeting: DialogMeeting, **kwargs):
        super().__init__(*args, **kwargs)
        people = meeting.participants.exclude(role=Participant.Role.DOCTOR).filter(added_in_minutes=False)
        self.fields["attended"].queryset = people
        self.fields["attended"].label_from_instance = lambda p: f"{p.get_role_display()}: {p.name}"
        if not self.is_bound and self.instance.pk is None:
            self.initial["attended"] = [
                p.pk for p in people if p.role in (Participant.Role.EMPLOYEE, Participant.Role.MANAGER)
            ]
        elif self.instance.pk is not None:
            self.initial["attended"] = [p.pk for p in people if p.attended]
        if not meeting.is_nav:
            del self.fields["nav_tasks"]
        doctor = meeting.participants.filter(role=Participant.Role.DOCTOR).first()
        if doctor is not None and not meeting.is_nav:
            self.fields["doctor_attended"].label = _("The doctor (%(name)s) took part") % {"name": doctor.name}
        self.helper = _helper()


class ActionForm(forms.ModelForm):
    """One row of the agreed-actions table: the table's head holds the labels."""

    class Meta:
        model = AgreedAction
        fields = ["description", "responsible", "due"]
        widgets = {
            "description": forms.TextInput(attrs={"class": "form-control"}),
            "responsible": forms.Select(attrs={"class": "form-select"}),
            "due": forms.DateInput(attrs={"type": "date", "class": "form-control"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].required = False  # an empty row is skipped
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("aria-label", str(field.label))
            if self.errors.get(name):
                field.widget.attrs["class"] += " is-invalid"
        if self.instance.pk and self.instance.measure_created_at:
            for field in self.fields.values():
                field.disabled = True


ActionFormSet = forms.modelformset_factory(AgreedAction, form=ActionForm, extra=3, can_delete=True)


class CommentForm(forms.ModelForm):
    class Meta:
        model = MinutesComment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        labels = {"text": _("Your comment on the minutes")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class NotRequiredForm(forms.Form):
    reason = forms.CharField(
        label=_("Why dialogue meeting 1 is not required"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example: graded sick leave and none of the employee, the doctor or the employer wants a "
            "meeting; or the meeting is obviously unnecessary (åpenbart unødvendig). No medical "
            "information."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class MeetingNeedForm(forms.ModelForm):
    needed = forms.TypedChoiceField(
        label=_("Is a dialogue meeting with NAV needed?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
    )

    class Meta:
        model = MeetingNeedAnswer
        fields = [
            "needed",
            "reason",
            "doctor_should_attend",
            "doctor_reason",
            "interpreter_needed",
            "interpreter_language",
        ]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3}), "doctor_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            "needed",
            "reason",
            Fieldset(_("The doctor"), "doctor_should_attend", "doctor_reason"),
            Fieldset(_("Interpreter"), "interpreter_needed", "interpreter_language"),
        )

    def clean(self):
        data = super().clean()
        if data.get("interpreter_needed") and not (data.get("interpreter_language") or "").strip():
            self.add_error("interpreter_language", _("Say which language the interpreter is for."))
        return data


class NavMeetingForm(WhenWhereMixin, forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("Meeting"),
        choices=[
            (DialogMeeting.Kind.DM2, DialogMeeting.Kind.DM2.label),
            (DialogMeeting.Kind.DM3, DialogMeeting.Kind.DM3.label),
        ],
    )
    reply = forms.ChoiceField(
        label=_("Our reply to NAV"),
        required=False,
        choices=[("", _("Not answered yet"))] + DialogMeeting.NavReply.choices,
    )
    reply_note = forms.CharField(
        label=_("Note to NAV"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you ask for another time or place. No medical information."),
    )

    class Meta:
        model = DialogMeeting
        fields = ["place", "video_link"]
        help_texts = {"place": _("As NAV gave it in the invitation.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            "kind",
            Div(
                Div("date", css_class="col-md-4"),
                Div("start_time", css_class="col-md-4"),
                Div("end_time", css_class="col-md-4"),
                css_class="row",
            ),
            "place",
            "video_link",
            "reply",
            "reply_note",
        )


class NavReplyForm(forms.Form):
    reply = forms.ChoiceField(
        label=_("Our reply to NAV"), choices=DialogMeeting.NavReply.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note to NAV"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you ask for another time or place. No medical information."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
