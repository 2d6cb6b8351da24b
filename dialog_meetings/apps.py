from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogMeetingsConfig(AppConfig):
    name = "dialog_meetings"
    verbose_name = _("Dialogue meetings")
