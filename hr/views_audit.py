from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from cases import access
from cases.access import Role

PAGE_SIZE = 50


class AuditSearchForm(forms.Form):
    employee = forms.CharField(label=_("Employee"), required=False, help_text=_("Name or employee number"))
    user = forms.CharField(label=_("User"), required=False, help_text=_("User name"))


@login_required
def event_search(request):
    """Administrators and HR search the audit log by employee and by user."""
    if not ({Role.ADMIN, Role.HR} & access.roles(request.user)):
        raise PermissionDenied
    form = AuditSearchForm(request.GET or None)
    events = access.visible_audit_events(request.user).order_by("-at", "-pk")
    if form.is_valid():
        employee = form.cleaned_data["employee"].strip()
        if employee:
            events = events.filter(
                Q(employee_label__icontains=employee) | Q(employee__employee_number__iexact=employee)
            )
        user = form.cleaned_data["user"].strip()
        if user:
            events = events.filter(actor_label__icontains=user)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/event_search.html", {"form": form, "page": page})
