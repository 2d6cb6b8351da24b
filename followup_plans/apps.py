from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupPlansConfig(AppConfig):
    name = "followup_plans"
    verbose_name = _("Follow-up plans")
