"""Administrators see each organisation's policy, read only.

Self-certifications, withdrawals and notices are case data: an administrator
sees no case data without HR access (README, "Who sees what"), so they are not
in the admin. HR changes the policy in the app, where the change is audited.
"""

from django.contrib import admin

from kernel.admin import ReadOnlyAdmin

from .models import EgenmeldingPolicy


@admin.register(EgenmeldingPolicy)
class EgenmeldingPolicyAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "max_days_per_occasion", "max_days_per_12_months", "updated_at"]
    list_select_related = ["organisation"]
