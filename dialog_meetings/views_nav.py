"""Pages for NAV's meetings: the answer on the need for a meeting, DM2/DM3 dates and the reply to NAV.

The employer side only (Action.CHANGE); the meetings' own pages are in views.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from cases import access
from cases.access import Action
from kernel.errors import DomainError, add_to_form

from . import services
from .forms import MeetingNeedForm, NavMeetingForm, NavReplyForm
from .models import DialogMeeting
from .shortcuts import case_url, detail_url, meeting_or_404, render_form, site_url


@login_required
def need(request, case_pk: int):
    """Answer NAV's question whether a dialogue meeting is needed (møtebehov)."""
    case = access.get_case_or_404(request.user, case_pk, Action.CHANGE)
    form = MeetingNeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_need_answer(
                case=case,
                by=request.user,
                needed=data["needed"],
                reason=data["reason"],
                doctor_should_attend=data["doctor_should_attend"],
                doctor_reason=data["doctor_reason"],
                interpreter_needed=data["interpreter_needed"],
                interpreter_language=data["interpreter_language"],
            )
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request, _("Your answer is recorded. Give the same answer to NAV if NAV asked you in its own service.")
            )
            return redirect(case_url(case) + "#need")
    previous = case.meeting_need_answers.select_related("answered_by")[:10]
    return render_form(
        request,
        case,
        form,
        title=_("Is a dialogue meeting with NAV needed?"),
        submit=_("Save the answer"),
        intro=_(
            "NAV asks the employer and the employee whether dialogue meeting 2 is needed. Answer yes or no "
            "with a reason, and say whether the doctor should take part and whether an interpreter is "
            "needed."
        ),
        extra={"milestone": case.milestones.filter(key="nav_meeting_need_query").first(), "previous": previous},
    )


@login_required
def nav_new(request, case_pk: int):
    """Record the date of NAV's dialogue meeting 2 or 3."""
    case = access.get_case_or_404(request.user, case_pk, Action.CHANGE)
    initial_kind = (
        DialogMeeting.Kind.DM3
        if case.dialog_meetings.active().filter(kind=DialogMeeting.Kind.DM2).exists()
        else DialogMeeting.Kind.DM2
    )
    form = NavMeetingForm(request.POST or None, initial={"kind": initial_kind})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.nav_meeting_record(
                case=case,
                by=request.user,
                kind=data["kind"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                video_link=data["video_link"],
                reply=data["reply"],
                reply_note=data["reply_note"],
                site_url=site_url(request),
            )
        except DomainError as error:
            add_to_form(form, error)
        else:
            if meeting.kind == DialogMeeting.Kind.DM2:
                messages.success(
                    request,
                    _(
                        "The date is recorded. The updated follow-up plan must reach NAV at the "
                        "latest 7 days before the meeting."
                    ),
                )
            else:
                messages.success(request, _("The date is recorded."))
            return redirect(detail_url(meeting))
    return render_form(
        request,
        case,
        form,
        title=_("Record a meeting NAV has called"),
        submit=_("Save"),
        intro=_(
            "NAV calls in to dialogue meeting 2 (within 26 weeks) and, when needed, dialogue meeting 3. "
            "Record the date and place from NAV's invitation, and your reply."
        ),
    )


@login_required
def nav_reply(request, case_pk: int, pk: int):
    case = access.get_case_or_404(request.user, case_pk, Action.CHANGE)
    meeting = meeting_or_404(request, case, pk, Action.CHANGE)
    form = NavReplyForm(request.POST or None, initial={"reply": meeting.nav_reply, "note": meeting.nav_reply_note})
    if request.method == "POST" and form.is_valid():
        try:
            services.nav_meeting_reply(
                meeting=meeting, by=request.user, reply=form.cleaned_data["reply"], note=form.cleaned_data["note"]
            )
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Your reply is recorded."))
            return redirect(detail_url(meeting))
    return render_form(
        request,
        case,
        form,
        title=_("Reply to NAV"),
        submit=_("Save the reply"),
        meeting=meeting,
        intro=_("Record what you answered NAV. Give the same answer in NAV's own service."),
    )
