"""Small helpers shared by the meeting views."""

from django.shortcuts import render
from django.urls import reverse

from cases import access
from cases.access import Action
from cases.models import Case

from . import selectors
from .models import DialogMeeting


def site_url(request) -> str:
    """The site's address as the user reached it, for links in e-mails (settings.SITE_URL wins)."""
    return request.build_absolute_uri("/")


def meeting_or_404(request, case: Case, pk, action: Action) -> DialogMeeting:
    """A meeting of this case, or a logged 404."""
    meeting = selectors.meeting_for_case(case, pk)
    if meeting is None:
        raise access.refuse(request.user, what="meeting", pk=pk, action=action)
    return meeting


def detail_url(meeting: DialogMeeting, anchor: str = "") -> str:
    url = reverse("dialog_meetings:detail", args=[meeting.case_id, meeting.pk])
    return f"{url}#{anchor}" if anchor else url


def case_url(case: Case) -> str:
    return reverse("dialog_meetings:index", args=[case.pk])


def render_form(
    request,
    case: Case,
    form,
    *,
    title: str,
    submit: str,
    intro: str = "",
    meeting: DialogMeeting | None = None,
    danger: bool = False,
    extra: dict | None = None,
):
    context = {
        "case": case,
        "form": form,
        "title": title,
        "submit": submit,
        "intro": intro,
        "meeting": meeting,
        "danger": danger,
        **(extra or {}),
    }
    return render(request, "dialog_meetings/meeting_form.html", context)
