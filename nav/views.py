"""NAV pages: sending a plan (manager), and HR's integration page per business unit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.services import audit_record
from cases import access
from followup_plans.permissions import case_as_employer, version_of
from kernel.errors import DomainError, add_to_form
from organisation.models import Unit

from . import documents, fetching, leaders, plans, selectors, sick_notes
from .errors import NavError
from .forms import MeetingDateForm, PlanSendForm
from .models import Integration, LeaderReport, LeaderRequirement, NavDocument, PlanSubmission, ReceivedSickNote


def _version_url(version) -> str:
    return reverse(
        "followup_plans:version",
        kwargs={"case_pk": version.plan.case_id, "plan_pk": version.plan_id, "number": version.number},
    )


@login_required
def plan_send(request, case_pk: int, plan_pk: int, number: int):
    """The manager chooses NAV, the GP or both, and the app sends the completed version."""
    case = case_as_employer(request, case_pk)
    version = version_of(case, plan_pk, number)
    form = PlanSendForm(request.POST or None, initial={"to_nav": True, "to_gp": True})
    if request.method == "POST" and form.is_valid():
        try:
            plans.plan_submit(version=version, by=request.user, **form.cleaned_data)
        except plans.SubmissionError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The plan is being sent. Its status is shown below."))
            return redirect(_version_url(version) + "#nav-sending")
    return render(request, "nav/plan_send.html", {"case": case, "version": version, "form": form})


@login_required
@require_POST
def plan_status(request, case_pk: int, plan_pk: int, number: int):
    """Ask NAV for the sending status now."""
    case = case_as_employer(request, case_pk)
    version = version_of(case, plan_pk, number)
    submission = get_object_or_404(PlanSubmission, version=version)
    try:
        plans.plan_status_refresh(submission=submission)
    except NavError as error:
        messages.error(request, str(error.message))
    return redirect(_version_url(version) + "#nav-sending")


# HR's integration page --------------------------------------------------------


def hr_units(user):
    """The units in the user's HR scope; nothing without HR access."""
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    scope = Q(pk__in=[])
    for hr in user.hr_access.prefetch_related("units"):
        if hr.whole_organisation:
            scope |= Q(organisation_id=hr.organisation_id)
        else:
            for unit in hr.units.all():
                scope |= Q(organisation_id=hr.organisation_id, path__startswith=unit.path)
    return Unit.objects.filter(scope)


def _hr_or_404(request):
    units = hr_units(request.user)
    if access.Role.HR not in access.roles(request.user):
        raise access.refuse(request.user, what="nav_integration", pk="", action=access.Action.CHANGE)
    return units


@login_required
def integration_list(request):
    """Per business unit: on or off, the last fetch, the last error in words, the notes waiting for HR."""
    units = _hr_or_404(request)
    business_units = list(
        units.exclude(business_number="").select_related("nav_integration", "organisation").order_by("path")
    )
    waiting = (
        ReceivedSickNote.objects.filter(integration__unit__in=units)
        .exclude(status=ReceivedSickNote.Status.RECORDED)
        .select_related("integration__unit", "employee")
        .order_by("-received_by_nav_at")[:200]
    )
    requirements = selectors.open_leader_requirements(units)
    audit_record(actor=request.user, action="nav.integrations.view", detail={"waiting": len(waiting)})
    return render(
        request,
        "nav/integration_list.html",
        {
            "business_units": [(u, getattr(u, "nav_integration", None)) for u in business_units],
            "units_without_number": units.filter(business_number="").count(),
            "waiting": waiting,
            "requirements": requirements,
            "manager_choices": selectors.manager_choices(requirements),
            "leader_problems": selectors.leader_problems(units),
        },
    )


@login_required
@require_POST
def integration_toggle(request, unit_pk: int):
    unit = get_object_or_404(_hr_or_404(request).exclude(business_number=""), pk=unit_pk)
    integration, _created = Integration.objects.get_or_create(unit=unit)
    integration.enabled = request.POST.get("enabled") == "on"
    integration.save(update_fields=["enabled"])
    audit_record(
        actor=request.user,
        action="nav.integration.enabled" if integration.enabled else "nav.integration.disabled",
        obj=integration,
        detail={"unit": unit.business_number},
    )
    if integration.enabled:  # NAV learns the nearest leaders of the unit's sick-listed staff
        leaders.leaders_sync(reason="sync", by=request.user)
    messages.success(
        request,
        _("The NAV integration for %(unit)s is on.") % {"unit": unit.name}
        if integration.enabled
        else _("The NAV integration for %(unit)s is off.") % {"unit": unit.name},
    )
    return redirect("nav:integrations")


@login_required
@require_POST
def integration_test(request, unit_pk: int):
    """ "Test the connection": a Maskinporten token and NAV's verify-integration."""
    unit = get_object_or_404(_hr_or_404(request).exclude(business_number=""), pk=unit_pk)
    try:
        plans.verify_integration(orgnr=unit.organisation.org_number)
    except NavError as error:
        messages.error(request, _("The connection to NAV does not work: %(error)s") % {"error": error.message})
    else:
        messages.success(request, _("The connection to NAV works."))
    return redirect("nav:integrations")


@login_required
@require_POST
def integration_fetch(request, unit_pk: int):
    """Fetch now instead of waiting for the next run."""
    unit = get_object_or_404(_hr_or_404(request).exclude(business_number=""), pk=unit_pk)
    integration, _created = Integration.objects.get_or_create(unit=unit)
    result = sick_notes.sick_notes_fetch(integration=integration)
    if result.error is not None:
        messages.error(request, str(result.error.message))
    else:
        messages.success(
            request,
            _("%(fetched)d new sick notes from NAV: %(recorded)d recorded, %(waiting)d waiting.")
            % {"fetched": result.fetched, "recorded": result.recorded, "waiting": result.waiting},
        )
    # NAV's nearest-leader requirements, letters and inntektsmelding requests in the same go.
    others = fetching.fetch_for(integration)
    failed = [code for code in others.values() if isinstance(code, str)]
    if failed:
        from .errors import message_for

        messages.error(request, message_for(failed[0]))
    return redirect("nav:integrations")


@login_required
@require_POST
def requirement_answer(request, pk: int):
    """HR answers NAV's requirement for a nearest leader by choosing the manager."""
    units = _hr_or_404(request)
    requirement = get_object_or_404(LeaderRequirement, pk=pk, integration__unit__in=units)
    manager = selectors.manager_choices([requirement]).filter(pk=_int(request.POST.get("manager"))).first()
    if manager is None:
        messages.error(request, _("Choose the nearest leader."))
        return redirect(reverse("nav:integrations") + "#nav-requirements")
    try:
        report = leaders.requirement_answer(requirement=requirement, manager=manager, by=request.user)
    except NavError as error:
        messages.error(request, str(error.message))
    else:
        report.refresh_from_db()
        if report.status == LeaderReport.Status.FAILED:
            messages.error(request, report.last_error)
        else:
            messages.success(
                request,
                _("%(manager)s is given to NAV as nearest leader for %(employee)s.")
                % {"manager": manager.full_name, "employee": requirement.employee.full_name},
            )
    return redirect(reverse("nav:integrations") + "#nav-requirements")


@login_required
@require_POST
def leader_retry(request, pk: int):
    units = _hr_or_404(request)
    report = get_object_or_404(LeaderReport, pk=pk, employee__unit__in=units)
    report = leaders.leader_report_retry(report=report, by=request.user)
    report.refresh_from_db()
    if report.status == LeaderReport.Status.FAILED:
        messages.error(request, report.last_error)
    else:
        messages.success(request, _("The nearest leader is sent to NAV again."))
    return redirect(reverse("nav:integrations") + "#nav-leaders")


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def sick_note_retry(request, pk: int):
    note = get_object_or_404(ReceivedSickNote, pk=pk, integration__unit__in=_hr_or_404(request))
    note = sick_notes.sick_note_retry(note=note, by=request.user)
    if note.waiting:
        messages.error(request, _("The sick note still cannot be recorded: %(problem)s") % {"problem": note.problem})
    else:
        messages.success(request, _("The sick note is recorded for %(name)s.") % {"name": note.employee.full_name})
    return redirect("nav:integrations")


# Documents from NAV on the case -------------------------------------------------------


@login_required
def document_pdf(request, case_pk: int, pk: int):
    """NAV's letter or plan as NAV sent it (a PDF), for the employer's side of the case."""
    case = access.get_case_or_404(request.user, case_pk)
    if case.employee.user_id == request.user.pk:  # NAV's letters and plans here are the employer's copies
        raise access.refuse(request.user, what="nav_document", pk=pk, action=access.Action.VIEW)
    document = get_object_or_404(NavDocument, case=case, pk=pk)
    audit_record(actor=request.user, action="nav.document.read", employee=case.employee, obj=document)
    response = HttpResponse(bytes(document.content), content_type=document.content_type or "application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def document_confirm(request, case_pk: int, pk: int):
    """The manager's task: confirm the dialogue meeting's time from NAV's letter."""
    case = case_as_employer(request, case_pk)
    document = get_object_or_404(NavDocument, case=case, pk=pk, doc_type=NavDocument.Type.DIALOGMOTE)
    form = MeetingDateForm(request.POST or None, initial={"kind": "dm2"})
    if request.method == "POST" and request.POST.get("no_date"):
        try:
            documents.meeting_date_none(document=document, by=request.user)
        except documents.DocumentError as error:
            messages.error(request, str(error.message))
        return redirect(reverse("cases:detail", args=[case.pk]) + "#nav-documents")
    if request.method == "POST" and form.is_valid():
        try:
            documents.meeting_date_confirm(
                document=document,
                by=request.user,
                kind=form.cleaned_data["kind"],
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
            )
        except (documents.DocumentError, DomainError) as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("NAV's meeting is recorded with the date from the letter."))
            return redirect(reverse("cases:detail", args=[case.pk]) + "#nav-documents")
    return render(request, "nav/document_confirm.html", {"case": case, "document": document, "form": form})
