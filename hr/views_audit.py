from datetime import UTC, datetime, timedelta

from django import forms
from django.contrib.auth.decorators import login_required
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
        raise access.refuse(request.user, what="audit_log")
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
    page = keyset_page(events, before=request.GET.get("before"), after=request.GET.get("after"))
    return render(request, "audit/event_search.html", {"form": form, "page": page})


# The log grows to millions of events: pages are found from the last event shown (keyset pagination), so a page
# costs the same at any depth and the log is never counted.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def cursor(event) -> str:
    return f"{(event.at - _EPOCH) // timedelta(microseconds=1)}.{event.pk}"


def _parse_cursor(text: str | None) -> tuple[datetime, int] | None:
    micros, _, pk = (text or "").partition(".")
    if not (micros.isdigit() and pk.isdigit()) or len(micros) > 18 or len(pk) > 18:
        return None
    try:
        return _EPOCH + timedelta(microseconds=int(micros)), int(pk)
    except OverflowError:
        return None


def keyset_page(events, *, before: str | None, after: str | None, size: int = PAGE_SIZE) -> dict:
    """A page of events, newest first: the ones older than `before`, or the ones just newer than `after`."""
    older_than, newer_than = _parse_cursor(before), _parse_cursor(after)
    if newer_than is not None:
        at, pk = newer_than
        rows = list(events.filter(Q(at__gt=at) | Q(at=at, pk__gt=pk)).order_by("at", "pk")[: size + 1])
        has_newer, rows = len(rows) > size, rows[:size][::-1]
        has_older = True
    else:
        if older_than is not None:
            at, pk = older_than
            events = events.filter(Q(at__lt=at) | Q(at=at, pk__lt=pk))
        rows = list(events.order_by("-at", "-pk")[: size + 1])
        has_older, rows = len(rows) > size, rows[:size]
        has_newer = older_than is not None
    return {
        "events": rows,
        "older": cursor(rows[-1]) if rows and has_older else None,
        "newer": cursor(rows[0]) if rows and has_newer else None,
    }
