from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class SykefravaerConfig(AppConfig):
    default = True
    name = "sykefravaer"
    verbose_name = "Sykefravær"


class AdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "kernel.admin.AdministratorSite"
