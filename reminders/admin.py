from django.contrib import admin

from .models import NotificationPreference

# Deliveries are not in the admin: they name employees on sick leave, and
# administrators see no case data (README, "Who sees what").


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "channel"]
    list_filter = ["channel"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user"]
