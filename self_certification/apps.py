from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfCertificationConfig(AppConfig):
    name = "self_certification"
    verbose_name = _("Self-certification")
