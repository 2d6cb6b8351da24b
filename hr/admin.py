"""Read only: the routine and the self-assessments change on HR's pages, where every change is logged."""

from django.contrib import admin

from audit.models import AuditEvent
from cases import access
from kernel.admin import ReadOnlyAdmin

from .models import QualityRound, RoutineStep, RoutineStepChange


@admin.register(RoutineStep)
class RoutineStepAdmin(ReadOnlyAdmin):
    list_display = [
        "name_nb",
        "organisation",
        "anchor",
        "offset",
        "offset_unit",
        "responsible",
        "active",
        "active_from",
    ]
    list_filter = ["organisation", "active"]


@admin.register(RoutineStepChange)
class RoutineStepChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "step", "action", "by"]
    list_filter = ["action"]


@admin.register(QualityRound)
class QualityRoundAdmin(ReadOnlyAdmin):
    list_display = ["held_on", "organisation", "participants"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The audit log, scoped by cases.access like the page /logg/: events about employees only for HR."""

    list_display = ["at", "actor_label", "action", "employee_label", "object_type", "object_id", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_label", "employee_label", "action"]
    date_hierarchy = "at"

    def get_queryset(self, request):
        return access.visible_audit_events(request.user)
