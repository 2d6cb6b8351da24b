from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from .parsing import MAX_BYTES

ACCEPTED = (".csv", ".txt", ".xlsx")


class UploadForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"), empty_label=None)
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8, separated by ; or ,) or Excel (.xlsx), with a header row. Dates as dd.mm.yyyy or yyyy-mm-dd."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED)}),
    )
    full = forms.BooleanField(
        label=_("This file lists all employees"),
        required=False,
        help_text=_(
            "Employees who are not in the file are marked as having left, with today as their last day. "
            "Nobody is deleted."
        ),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.only_organisation = organisations[0] if len(organisations) == 1 else None
        if self.only_organisation is not None:
            del self.fields["organisation"]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        if self.only_organisation is not None:
            data["organisation"] = self.only_organisation
        return data

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ACCEPTED):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // (1024 * 1024)}
            )
        return upload
