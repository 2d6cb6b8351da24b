from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NavConfig(AppConfig):
    name = "nav"
    verbose_name = _("NAV integration")

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
