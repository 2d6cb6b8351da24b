"""Read only: the routine and the self-assessments change on HR's pages, where every change is logged."""

from django.contrib import admin

from .models import QualityRound, RoutineStep, RoutineStepChange


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RoutineStep)
class RoutineStepAdmin(ReadOnly):
    list_display = ["name_nb", "organisation", "anchor", "offset", "offset_unit", "responsible", "active",
                    "active_from"]
    list_filter = ["organisation", "active"]


@admin.register(RoutineStepChange)
class RoutineStepChangeAdmin(ReadOnly):
    list_display = ["at", "step", "action", "by"]
    list_filter = ["action"]


@admin.register(QualityRound)
class QualityRoundAdmin(ReadOnly):
    list_display = ["held_on", "organisation", "participants"]
