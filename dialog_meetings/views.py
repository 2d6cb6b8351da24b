"""Pages for dialogue meetings. Every view gets `case_pk` and asks cases/access.py first.

- The manager (or acting manager) and HR in scope change: invite, move,
  cancel, write the minutes, answer NAV.
- The case's own employee takes part: prepares, consents to the doctor,
  comments on the minutes.
- Everyone who sees the case reads the meetings; every read is logged.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.services import audit_record
from cases import access
from cases.access import Action
from cases.models import Case
from kernel.errors import DomainError, add_to_form
from kernel.pdf import render_pdf

from . import emails, selectors, services
from .formatting import meeting_when, meeting_where
from .forms import (
    ActionFormSet,
    CancelForm,
    CommentForm,
    InviteForm,
    MinutesForm,
    NotRequiredForm,
    PreparationForm,
    RescheduleForm,
)
from .models import AgreedAction, DialogMeeting, Minutes, Participant, Preparation
from .shortcuts import case_url, detail_url, meeting_or_404, render_form, site_url

MEETINGS_PER_PAGE = 20
COMMENTS_PER_PAGE = 10


@login_required
def index(request, case_pk: int):
    """The case's meetings: the same section as on the case page, and every meeting, with history."""
    case = access.get_case_or_404(request.user, case_pk)
    audit_record(actor=request.user, action="meeting.list", employee=case.employee, obj=case)
    page = Paginator(selectors.meetings_of(case), MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "dialog_meetings/meeting_list.html",
        {
            "case": case,
            "page": page,
            "today": timezone.localdate(),
            "can_change": access.can(request.user, Action.CHANGE, case),
            "is_employee": selectors.side_of(request.user, case) == Preparation.Side.EMPLOYEE,
        },
    )


@login_required
def invite(request, case_pk: int):
    case = access.get_case_or_404(request.user, case_pk, Action.CHANGE)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_invite(
                case=case,
                by=request.user,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                video_link=data["video_link"],
                message=data["message"],
                others=form.invitees(),
                site_url=site_url(request),
            )
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The invitation is sent."))
            return redirect(detail_url(meeting))
    return render_form(
        request,
        case,
        form,
        title=_("Invite to dialogue meeting 1"),
        submit=_("Send invitation"),
        intro=_(
            "The employee and the manager are always invited. The invitation tells the employee what the "
            "meeting is for and of the right to bring a trusted person. Everyone with an e-mail address "
            "gets it with a calendar file, in their own language."
        ),
        extra={"milestone": case.milestones.filter(key="dialogue_meeting_1").first(), "employee": case.employee},
    )


@login_required
def detail(request, case_pk: int, pk: int):
    case = access.get_case_or_404(request.user, case_pk)
    meeting = meeting_or_404(request, case, pk, Action.VIEW)
    audit_record(actor=request.user, action="meeting.view", employee=case.employee, obj=meeting)
    return _render_detail(request, case, meeting)


def _render_detail(
    request, case: Case, meeting: DialogMeeting, *, comment_form: CommentForm | None = None, status: int = 200
):
    page = selectors.meeting_page(meeting, user=request.user)
    comments = Paginator(page.comments, COMMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "dialog_meetings/meeting_detail.html",
        {
            "case": case,
            "meeting": meeting,
            "page": page,
            "comments": comments,
            "comment_form": comment_form or (CommentForm() if page.minutes and page.can_participate else None),
            "actions": [(a, services.action_can_become_measure(a)) for a in page.actions],
            "now": timezone.now(),
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def reschedule(request, case_pk: int, pk: int):
    case = access.get_case_or_404(request.user, case_pk, Action.CHANGE)
    meeting = meeting_or_404(request, case, pk, Action.CHANGE)
    if (refusal := services.reschedule_refusal(meeting)) is not None:
        messages.warning(request, str(refusal.message))
        return redirect(detail_url(meeting))
    form = RescheduleForm(request.POST or None, initial=RescheduleForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_reschedule(
                meeting=meeting,
                by=request.user,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                video_link=data["video_link"],
                reason=data["reason"],
                site_url=site_url(request),
            )
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                _("The meeting is moved.")
                if meeting.is_nav
                else _("The meeting is moved and the participants are told."),
            )
            return redirect(detail_url(meeting))
    return render_form(
        request,
        case,
        form,
        title=_("Move %(meeting)s") % {"meeting": meeting.get_kind_display()},
        submit=_("Move the meeting"),
        meeting=meeting,
        intro=""
        if meeting.is_nav
        else _(
            "Everyone invited gets the new time, and their calendars are updated. The old time stays in the history."
        ),
    )


@login_required
def cancel(request, case_pk: int, pk: int):
    case = access.get_case_or_404(request.user, case_pk, Action.CHANGE)
    meeting = meeting_or_404(request, case, pk, Action.CHANGE)
    if (refusal := services.cancel_refusal(meeting)) is not None:
        messages.warning(request, str(refusal.message))
        return redirect(detail_url(meeting))
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(
                meeting=meeting, by=request.user, reason=form.cleaned_data["reason"], site_url=site_url(request)
            )
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The meeting is cancelled."))
            return redirect(detail_url(meeting))
    return render_form(
        request,
        case,
        form,
        title=_("Cancel %(meeting)s") % {"meeting": meeting.get_kind_display()},
        submit=_("Cancel the meeting"),
        meeting=meeting,
        danger=True,
        intro=""
        if meeting.is_nav
        else _(
            "Everyone invited is told, and the meeting is removed "
            "from their calendars. The meeting and the reason stay "
            "in the history."
        ),
    )


@login_required
def prepare(request, case_pk: int, pk: int):
    """Each side's own checklist; the employee's side needs PARTICIPATE, the employer's CHANGE."""
    case = access.get_case_or_404(request.user, case_pk)
    side = selectors.side_of(request.user, case)
    action = Action.PARTICIPATE if side == Preparation.Side.EMPLOYEE else Action.CHANGE
    if not access.can(request.user, action, case):
        raise access.refuse(request.user, what="meeting", pk=pk, action=action)
    meeting = meeting_or_404(request, case, pk, action)
    preparation = meeting.preparations.filter(side=side).first()
    form = PreparationForm(request.POST or None, instance=preparation, side=side)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.preparation_save(
                meeting=meeting,
                side=side,
                by=request.user,
                shared=data["shared"],
                **{name: data[name] for name in Preparation.ANSWER_FIELDS},
            )
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Your preparation is saved."))
            return redirect(detail_url(meeting, "preparation"))
    audit_record(
        actor=request.user, action="meeting.view", employee=case.employee, obj=meeting, detail={"page": "preparation"}
    )
    page = selectors.meeting_page(meeting, user=request.user)
    return render(
        request,
        "dialog_meetings/preparation_form.html",
        {
            "case": case,
            "meeting": meeting,
            "form": form,
            "side": side,
            "other": page.other_preparation,
        },
    )


def _action_inputs(formset) -> list[services.ActionInput]:
    items = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if not data:
            continue
        instance = form.instance if form.instance.pk else None
        if instance is not None and instance.measure_created_at:
            continue  # in the plan already: kept as it is
        items.append(
            services.ActionInput(
                description=data.get("description") or "",
                responsible=data.get("responsible") or "employer",
                due=data.get("due"),
                pk=instance.pk if instance else None,
                delete=bool(data.get("DELETE")),
            )
        )
    return items


@login_required
def minutes(request, case_pk: int, pk: int):
    """Write or correct the minutes (referat); for NAV's meetings, the outcome."""
    case = access.get_case_or_404(request.user, case_pk, Action.CHANGE)
    meeting = meeting_or_404(request, case, pk, Action.CHANGE)
    existing = Minutes.objects.filter(meeting=meeting).first()
    if (refusal := services.minutes_refusal(meeting)) is not None:
        messages.warning(request, str(refusal.message))
        return redirect(detail_url(meeting))
    actions = existing.actions.all() if existing else AgreedAction.objects.none()
    form = MinutesForm(request.POST or None, instance=existing, meeting=meeting)
    formset = ActionFormSet(request.POST or None, queryset=actions, prefix="actions")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        extra = [(data["extra_role"], data["extra_name"])] if data.get("extra_role") and data.get("extra_name") else []
        try:
            services.minutes_record(
                meeting=meeting,
                by=request.user,
                situation=data["situation"],
                conclusion=data["conclusion"],
                employee_tasks=data["employee_tasks"],
                employer_tasks=data["employer_tasks"],
                doctor_tasks=data.get("doctor_tasks", ""),
                nav_tasks=data.get("nav_tasks", ""),
                doctor_attended=data["doctor_attended"],
                doctor_receives_minutes=data["doctor_receives_minutes"],
                attended=[p.pk for p in data["attended"]],
                extra_attendees=extra,
                actions=_action_inputs(formset),
                site_url=site_url(request),
            )
        except DomainError as error:
            add_to_form(form, error)
        else:
            if existing is None and meeting.kind == DialogMeeting.Kind.DM1:
                messages.success(
                    request,
                    _(
                        "The minutes are saved, the meeting is held and dialogue meeting 1 "
                        "is marked done. The employee can read and comment on them."
                    ),
                )
            else:
                messages.success(request, _("The minutes are saved."))
            return redirect(detail_url(meeting, "minutes"))
    if request.method == "GET":
        audit_record(
            actor=request.user,
            action="meeting.view",
            employee=case.employee,
            obj=meeting,
            detail={"page": "minutes_form"},
        )
    return render(
        request,
        "dialog_meetings/minutes_form.html",
        {
            "case": case,
            "meeting": meeting,
            "form": form,
            "formset": formset,
            "existing": existing,
            "employer_preparation": meeting.preparations.filter(side=Preparation.Side.MANAGER).first(),
            "employee_preparation": meeting.preparations.filter(side=Preparation.Side.EMPLOYEE, shared=True).first(),
        },
    )


@login_required
def minutes_pdf(request, case_pk: int, pk: int):
    case = access.get_case_or_404(request.user, case_pk)
    meeting = meeting_or_404(request, case, pk, Action.VIEW)
    record = Minutes.objects.filter(meeting=meeting).first()
    if record is None:
        raise access.refuse(request.user, what="minutes", pk=pk, action=Action.VIEW)
    audit_record(actor=request.user, action="meeting.minutes_pdf", employee=case.employee, obj=meeting)
    language = translation.get_language() or "nb"
    with translation.override(language):
        printed = date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")
        context = {
            "case": case,
            "meeting": meeting,
            "minutes": record,
            "when": meeting_when(meeting),
            "where": meeting_where(meeting),
            "organisation": case.employee.organisation,
            "attendees": [p for p in meeting.participants.all() if p.attended],
            "actions": list(record.actions.all()),
            "comments": list(record.comments.all()),
            "written_by": services.user_label(record.recorded_by) or "–",
            "header_label": f"{case.employee.full_name} – {meeting.get_kind_display()}",
            "printed_label": _("Printed %(date)s") % {"date": printed},
            # A CSS content value: text in quotes around the page counters.
            "page_label": '"%s"'
            % (_("Page %(page)s of %(pages)s") % {"page": '" counter(page) "', "pages": '" counter(pages) "'}),
        }
    pdf = render_pdf("dialog_meetings/minutes_pdf.html", context, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"referat-{meeting.get_kind_display()}-{timezone.localtime(meeting.starts_at):%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{_ascii(filename)}"'
    response["Cache-Control"] = "no-store"
    return response


def _ascii(name: str) -> str:
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-._") else "-" for ch in name)


@login_required
def calendar(request, case_pk: int, pk: int):
    """The meeting as an .ics file, for one's own calendar."""
    case = access.get_case_or_404(request.user, case_pk)
    meeting = meeting_or_404(request, case, pk, Action.VIEW)
    audit_record(actor=request.user, action="meeting.calendar", employee=case.employee, obj=meeting)
    text = emails.calendar_text(meeting, method="PUBLISH", description=emails.calendar_description(meeting))
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8; method=PUBLISH")
    response["Content-Disposition"] = 'attachment; filename="dialogmote.ics"'
    response["Cache-Control"] = "no-store"
    return response


def _require_employee(request, case: Case, pk) -> None:
    if selectors.side_of(request.user, case) != Preparation.Side.EMPLOYEE or not access.can(
        request.user, Action.PARTICIPATE, case
    ):
        raise access.refuse(request.user, what="meeting", pk=pk, action=Action.PARTICIPATE)


@login_required
@require_POST
def consent(request, case_pk: int, pk: int, participant_pk: int):
    """The employee agrees that the doctor takes part; the doctor is then invited."""
    case = access.get_case_or_404(request.user, case_pk, Action.PARTICIPATE)
    _require_employee(request, case, pk)
    meeting = meeting_or_404(request, case, pk, Action.PARTICIPATE)
    participant = meeting.participants.filter(pk=participant_pk, role=Participant.Role.DOCTOR).first()
    if participant is None:
        raise access.refuse(request.user, what="participant", pk=participant_pk, action=Action.PARTICIPATE)
    services.participant_consent(participant=participant, by=request.user, site_url=site_url(request))
    messages.success(request, _("Thank you. Your consent is recorded and the doctor is invited."))
    return redirect(detail_url(meeting, "participants"))


@login_required
@require_POST
def comment(request, case_pk: int, pk: int):
    case = access.get_case_or_404(request.user, case_pk, Action.PARTICIPATE)
    _require_employee(request, case, pk)
    meeting = meeting_or_404(request, case, pk, Action.PARTICIPATE)
    record = Minutes.objects.filter(meeting=meeting).first()
    if record is None:
        raise access.refuse(request.user, what="minutes", pk=pk, action=Action.PARTICIPATE)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.minutes_comment(minutes=record, by=request.user, text=form.cleaned_data["text"])
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Your comment is saved with the minutes."))
            return redirect(detail_url(meeting, "comments"))
    return _render_detail(request, case, meeting, comment_form=form, status=400)


@login_required
@require_POST
def action_to_plan(request, case_pk: int, pk: int, action_pk: int):
    """One click: an agreed action becomes an agreed measure in the follow-up plan's draft."""
    case = access.get_case_or_404(request.user, case_pk, Action.CHANGE)
    meeting = meeting_or_404(request, case, pk, Action.CHANGE)
    action = (
        AgreedAction.objects.filter(minutes__meeting=meeting, pk=action_pk).first()
        if str(action_pk).isdigit()
        else None
    )
    if action is None:
        raise access.refuse(request.user, what="agreed_action", pk=action_pk, action=Action.CHANGE)
    try:
        services.action_to_measure(action=action, by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The action is added to the follow-up plan's draft as an agreed measure."))
    return redirect(detail_url(meeting, "actions"))


@login_required
def not_required(request, case_pk: int):
    case = access.get_case_or_404(request.user, case_pk, Action.CHANGE)
    form = NotRequiredForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.dm1_mark_not_required(case=case, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Dialogue meeting 1 is marked not required. The reason is on the timeline."))
            return redirect(case_url(case))
    milestone = case.milestones.filter(key="dialogue_meeting_1").first()
    return render_form(
        request,
        case,
        form,
        title=_("Dialogue meeting 1 is not required"),
        submit=_("Save the assessment"),
        intro=_(
            "The meeting can be left out when it is obviously unnecessary (åpenbart unødvendig), or when the "
            "employee is on graded sick leave and nobody wants a meeting. Write your assessment: it is shown "
            "on the case's timeline, to the employee too."
        ),
        extra={"milestone": milestone},
    )


@login_required
@require_POST
def undo_not_required(request, case_pk: int):
    case = access.get_case_or_404(request.user, case_pk, Action.CHANGE)
    try:
        services.dm1_undo_not_required(case=case, by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Dialogue meeting 1 is required again."))
    return redirect(case_url(case))
