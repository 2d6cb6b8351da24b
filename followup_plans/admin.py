"""Only the measure templates are in the admin: plans are case data, which administrators do not see."""

from django.contrib import admin

from .models import MeasureTemplate


@admin.register(MeasureTemplate)
class MeasureTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "responsible", "position", "active"]
    list_editable = ["position", "active"]
    search_fields = ["title", "description"]
