from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class SykefravaerConfig(AppConfig):
    default = True
    name = "sykefravaer"
    verbose_name = "Sykefravær"

    def ready(self) -> None:
        from sykefravaer import checks  # noqa: F401  (registers the system checks)
        from sykefravaer.signin import signals  # noqa: F401  (audit events of sign-in)


class AdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "kernel.admin.AdministratorSite"
