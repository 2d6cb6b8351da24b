from django.contrib import admin

from .models import DialogMeeting


@admin.register(DialogMeeting)
class DialogMeetingAdmin(admin.ModelAdmin):
    """Read-only and without content: administrators see no case data (minutes, preparations) here."""

    list_display = ["pk", "case_id", "kind", "status", "starts_at", "sequence", "created_at"]
    list_filter = ["kind", "status"]
    fields = ["case", "kind", "status", "starts_at", "ends_at", "sequence", "created_at", "held_at", "cancelled_at"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
