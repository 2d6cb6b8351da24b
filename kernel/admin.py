from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class AdministratorSite(admin.AdminSite):
    """Django's admin, for administrators (superusers) only; HR and managers use the app."""

    site_header = _("Sykefravær administration")
    site_title = _("Sykefravær administration")

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown to administrators, changed only through the app's own services."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
