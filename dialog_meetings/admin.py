from django.contrib import admin

from kernel.admin import ReadOnlyAdmin

from .models import DialogMeeting


@admin.register(DialogMeeting)
class DialogMeetingAdmin(ReadOnlyAdmin):
    """Read-only and without content: administrators see no case data (minutes, preparations) here."""

    list_display = ["pk", "case_id", "kind", "status", "starts_at", "sequence", "created_at"]
    list_filter = ["kind", "status"]
    fields = ["case", "kind", "status", "starts_at", "ends_at", "sequence", "created_at", "held_at", "cancelled_at"]
    readonly_fields = fields
