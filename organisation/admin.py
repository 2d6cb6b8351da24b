from django.contrib import admin

from .models import Delegation, Employee, HRAccess, Organisation, Unit
from .services import unit_save


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "org_number"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "organisation"]
    list_select_related = ["parent", "organisation"]

    def save_model(self, request, obj, form, change) -> None:
        unit_save(unit=obj)


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "employee_number", "unit", "manager", "user"]
    list_select_related = ["unit", "manager", "user"]
    search_fields = ["first_name", "last_name", "employee_number", "email"]
    list_filter = ["unit"]
    autocomplete_fields = ["manager", "user"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["manager", "acting_manager", "starts_on", "ends_on"]
    autocomplete_fields = ["manager", "acting_manager"]


@admin.register(HRAccess)
class HRAccessAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "whole_organisation"]
    filter_horizontal = ["units"]
