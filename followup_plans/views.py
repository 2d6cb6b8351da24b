"""Pages of the follow-up plan: overview, versions, approval, sharing, evaluation and downloads.

Every view asks cases/access.py for the case first (permissions.py), then finds
the plan inside that case; writes go through services.py; every read and
download of a plan is logged.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import access
from cases.access import Action
from kernel.errors import add_to_form

from . import selectors, services
from .diff import version_diff
from .forms import CommentForm, CompleteAloneForm, EvaluationForm, NotNeededForm, SharingForm
from .models import PlanSharing
from .nav_export import followup_plan_dto, validate_followup_plan_dto
from .pdf import plan_pdf
from .permissions import case_as_employer, case_for, case_to_write, log_read, plan_of, version_of
from .services import PlanError, is_case_employee

VERSIONS_PER_PAGE = 10
COMMENTS_PER_PAGE = 20


def _version_url(version) -> str:
    return reverse(
        "followup_plans:version",
        kwargs={"case_pk": version.plan.case_id, "plan_pk": version.plan_id, "number": version.number},
    )


def _roles(request, case) -> dict:
    employee = is_case_employee(request.user, case)
    return {"is_employee": employee, "can_change": not employee and access.can(request.user, Action.CHANGE, case)}


# Overview -------------------------------------------------------------------


@login_required
def plan_index(request, case_pk):
    """The case's plan: its state, its versions and what can be done next."""
    case = case_for(request, case_pk)
    summary = selectors.plan_summary(case)
    page = None
    if summary.plan is not None:
        log_read(request, "plan.view", summary.plan, case)
        page = Paginator(selectors.versions_of(summary.plan), VERSIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "followup_plans/plan_index.html",
        {"case": case, "summary": summary, "page": page, "today": timezone.localdate(), **_roles(request, case)},
    )


@login_required
@require_POST
def plan_start(request, case_pk):
    case = case_as_employer(request, case_pk)
    try:
        version = services.plan_start(case=case, by=request.user)
    except PlanError as error:
        messages.error(request, str(error))
        return redirect("followup_plans:index", case_pk=case.pk)
    return redirect("followup_plans:draft", case_pk=case.pk, plan_pk=version.plan_id)


@login_required
def plan_not_needed(request, case_pk):
    """Record that a plan is obviously unnecessary (åpenbart unødvendig), with the reason."""
    case = case_as_employer(request, case_pk)
    form = NotNeededForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_mark_not_needed(case=case, by=request.user, reason=form.cleaned_data["reason"])
        except PlanError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Recorded that a follow-up plan is not needed."))
            return redirect("followup_plans:index", case_pk=case.pk)
    return render(
        request,
        "followup_plans/plan_not_needed.html",
        {"case": case, "form": form, "heading": _("A follow-up plan is not needed")},
    )


@login_required
@require_POST
def plan_needed_again(request, case_pk):
    case = case_as_employer(request, case_pk)
    try:
        services.plan_needed_again(case=case, by=request.user)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The follow-up plan is needed again."))
    return redirect("followup_plans:index", case_pk=case.pk)


@login_required
@require_POST
def version_new(request, case_pk, plan_pk):
    case = case_as_employer(request, case_pk)
    plan = plan_of(case, plan_pk)
    try:
        services.version_new(plan=plan, by=request.user)
    except PlanError as error:
        messages.error(request, str(error))
        return redirect("followup_plans:index", case_pk=case.pk)
    return redirect("followup_plans:draft", case_pk=case.pk, plan_pk=plan.pk)


# One version ----------------------------------------------------------------


@login_required
def version_view(request, case_pk, plan_pk, number):
    """A version as both sides read it; on a draft, the place to comment and approve."""
    if request.method == "POST":
        case = case_to_write(request, case_pk).case
    else:
        case = case_for(request, case_pk)
    version = version_of(case, plan_pk, number)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_add(version=version, by=request.user, text=form.cleaned_data["text"])
        except PlanError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Your comment is saved."))
            return redirect(_version_url(version) + "#comments")
    log_read(request, "plan.view", version, case)
    comments = version.comments.select_related("author").order_by("-created_at", "-pk")
    roles = _roles(request, case)
    approvals = selectors.approval_by_role(version)
    context = {
        "case": case,
        "plan": version.plan,
        "version": version,
        "comment_form": form,
        "comments": Paginator(comments, COMMENTS_PER_PAGE).get_page(request.GET.get("page")),
        "approvals": approvals,
        "problems": services.completion_problems(version) if version.is_draft else [],
        "blockers": selectors.approval_blockers(
            version, user=request.user, as_employee=roles["is_employee"], can_change=roles["can_change"]
        )
        if version.is_draft
        else [],
        "my_role": "employee" if roles["is_employee"] else "employer",
        "evaluation_due": selectors.evaluation_due(version, on=timezone.localdate()),
        "latest_number": version.plan.versions.order_by("-number").values_list("number", flat=True).first(),
        **roles,
    }
    return render(request, "followup_plans/version_detail.html", context)


@login_required
@require_POST
def version_approve(request, case_pk, plan_pk, number):
    case = case_to_write(request, case_pk).case
    version = version_of(case, plan_pk, number)
    try:
        services.version_approve(version=version, by=request.user)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        version.refresh_from_db()
        if version.is_completed:
            messages.success(
                request,
                _("Both have approved: version %(number)s of the plan is completed.") % {"number": version.number},
            )
        else:
            messages.success(request, _("Your approval is recorded. The plan is completed when both have approved."))
    return redirect(_version_url(version))


@login_required
@require_POST
def version_hand_over(request, case_pk, plan_pk, number):
    """ "Send to <employee> for review" and back, "Send to the manager"; the other party is told."""
    case = case_to_write(request, case_pk).case
    version = version_of(case, plan_pk, number)
    try:
        services.version_hand_over(version=version, by=request.user)
    except PlanError as error:
        messages.error(request, str(error))
        return redirect(_version_url(version))
    if is_case_employee(request.user, case):
        messages.success(request, _("The plan is sent to your manager, who is told about it."))
        return redirect(_version_url(version))
    messages.success(
        request,
        _("The plan is sent to %(name)s for review. %(name)s is told about it.") % {"name": case.employee.full_name},
    )
    if request.POST.get("from") == "draft":
        return redirect("followup_plans:draft", case_pk=case.pk, plan_pk=version.plan_id)
    return redirect(_version_url(version))


@login_required
@require_POST
def approval_withdraw(request, case_pk, plan_pk, number):
    case = case_to_write(request, case_pk).case
    version = version_of(case, plan_pk, number)
    try:
        services.approval_withdraw(version=version, by=request.user)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your approval is withdrawn."))
    return redirect(_version_url(version))


@login_required
def version_complete_alone(request, case_pk, plan_pk, number):
    """The employee cannot take part: the employer completes the plan with the reason recorded."""
    case = case_as_employer(request, case_pk)
    version = version_of(case, plan_pk, number)
    if (refusal := services.draft_refusal(version)) is not None:
        messages.error(request, str(refusal))
        return redirect(_version_url(version))
    initial = {"reason": version.employee_not_contributed_reason}
    form = CompleteAloneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_complete_without_employee(
                version=version, by=request.user, reason=form.cleaned_data["reason"]
            )
        except PlanError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                _("Version %(number)s of the plan is completed without the employee.") % {"number": version.number},
            )
            return redirect(_version_url(version))
    return render(
        request,
        "followup_plans/version_complete_alone.html",
        {
            "case": case,
            "version": version,
            "form": form,
            "heading": _("Complete the plan without the employee"),
            "problems": services.completion_problems(version),
        },
    )


@login_required
def version_changes(request, case_pk, plan_pk, number):
    """What changed from an earlier version (the previous one unless `against` names another)."""
    case = case_for(request, case_pk)
    version = version_of(case, plan_pk, number)
    numbers = list(version.plan.versions.exclude(pk=version.pk).order_by("number").values_list("number", flat=True))
    against = request.GET.get("against", "")
    if against.isdigit() and int(against) in numbers:
        against_number = int(against)
    else:
        earlier = [n for n in numbers if n < version.number]
        against_number = earlier[-1] if earlier else None
    diff = None
    if against_number is not None:
        old = selectors.version_detail(version.plan, against_number)
        diff = version_diff(old, version) if old.number < version.number else version_diff(version, old)
    log_read(request, "plan.changes", version, case, against=against_number)
    return render(
        request,
        "followup_plans/version_changes.html",
        {"case": case, "version": version, "diff": diff, "numbers": numbers, "against_number": against_number},
    )


# Downloads ------------------------------------------------------------------


def _completed_or_404(version):
    if not version.is_completed:
        raise Http404
    return version


@login_required
def version_pdf(request, case_pk, plan_pk, number):
    """The version as a PDF, in the language asked for; a draft is marked as such on every page."""
    case = case_for(request, case_pk)
    version = version_of(case, plan_pk, number)
    language = request.GET.get("language") or translation.get_language()
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    data = plan_pdf(version, language=language)
    log_read(request, "plan.pdf", version, case, language=language)
    response = HttpResponse(data, content_type="application/pdf")
    draft = "-utkast" if version.is_draft else ""
    filename = f"oppfolgingsplan-{case.pk}-v{version.number}{draft}-{language}.pdf"
    disposition = "inline" if request.GET.get("inline") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@login_required
def version_nav_json(request, case_pk, plan_pk, number):
    """The completed version in the field structure of NAV's FollowUpPlanDTO."""
    case = case_as_employer(request, case_pk)
    version = _completed_or_404(version_of(case, plan_pk, number))
    dto = followup_plan_dto(version)
    problems = validate_followup_plan_dto(dto)
    log_read(request, "plan.json", version, case, valid=not problems)
    if problems:
        return HttpResponse(
            json.dumps({"problems": problems}, ensure_ascii=False, indent=2),
            content_type="application/json",
            status=422,
        )
    response = HttpResponse(json.dumps(dto, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="oppfolgingsplan-{case.pk}-v{version.number}-nav.json"'
    return response


# After completion -----------------------------------------------------------


@login_required
def sharing_add(request, case_pk, plan_pk, number):
    """Record that the plan was sent to the doctor or to NAV."""
    case = case_as_employer(request, case_pk)
    version = _completed_or_404(version_of(case, plan_pk, number))
    recipient = request.GET.get("to", "")
    initial = {"sent_on": timezone.localdate()}
    if recipient in PlanSharing.Recipient.values:
        initial["recipient"] = recipient
    form = SharingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.sharing_record(version=version, by=request.user, **form.cleaned_data)
        except PlanError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Recorded that the plan was sent."))
            return redirect(_version_url(version))
    return render(
        request,
        "followup_plans/sharing_form.html",
        {"case": case, "version": version, "form": form, "heading": _("Record that the plan was sent")},
    )


@login_required
def evaluation_add(request, case_pk, plan_pk, number):
    """Evaluate a completed version at its evaluation date: effect, why and next steps."""
    case = case_as_employer(request, case_pk)
    version = _completed_or_404(version_of(case, plan_pk, number))
    form = EvaluationForm(request.POST or None, initial={"evaluated_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_record(version=version, by=request.user, **form.cleaned_data)
        except PlanError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The evaluation is recorded."))
            return redirect(_version_url(version))
    return render(
        request,
        "followup_plans/evaluation_form.html",
        {"case": case, "version": version, "form": form, "heading": _("Evaluate the plan")},
    )
