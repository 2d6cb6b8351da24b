"""Read only: the routine and the self-assessments change on HR's pages, where every change is logged."""

from django.contrib import admin

from kernel.admin import ReadOnlyAdmin

from .models import QualityRound, RoutineStep, RoutineStepChange


@admin.register(RoutineStep)
class RoutineStepAdmin(ReadOnlyAdmin):
    list_display = ["name_nb", "organisation", "anchor", "offset", "offset_unit", "responsible", "active",
                    "active_from"]
    list_filter = ["organisation", "active"]


@admin.register(RoutineStepChange)
class RoutineStepChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "step", "action", "by"]
    list_filter = ["action"]


@admin.register(QualityRound)
class QualityRoundAdmin(ReadOnlyAdmin):
    list_display = ["held_on", "organisation", "participants"]
