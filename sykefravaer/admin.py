from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class AdministratorSite(admin.AdminSite):
    """Django's admin, for administrators (superusers) only; HR and managers use the app."""

    site_header = _("Sykefravær administration")
    site_title = _("Sykefravær administration")

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser
