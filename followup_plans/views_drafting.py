"""Writing the draft: the employer's text (with autosave), work tasks, measures and HR's measure templates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import access
from cases.access import Action, Role
from kernel.errors import add_to_form

from . import services
from .forms import (
    EmployeeMeasureForm,
    MeasureForm,
    MeasureTemplateForm,
    PlanVersionForm,
    TaskAssessmentForm,
    TaskForm,
    TemplateChoiceForm,
)
from .models import MeasureTemplate, PlanMeasure, PlanVersion
from .permissions import case_as_employer, case_to_write, log_read, plan_of
from .services import PlanError

TEMPLATES_PER_PAGE = 25


def _draft(case, plan_pk) -> PlanVersion:
    plan = plan_of(case, plan_pk)
    version = plan.versions.drafts().select_related("plan__case__employee").first()
    if version is None:
        raise Http404
    return version


def _draft_url(version: PlanVersion, *, as_employee: bool) -> str:
    if as_employee:
        return reverse(
            "followup_plans:version",
            kwargs={"case_pk": version.plan.case_id, "plan_pk": version.plan_id, "number": version.number},
        )
    return reverse("followup_plans:draft", kwargs={"case_pk": version.plan.case_id, "plan_pk": version.plan_id})


def _content(form: PlanVersionForm) -> dict:
    return {name: form.cleaned_data[name] for name in PlanVersion.CONTENT_FIELDS}


# The employer's text --------------------------------------------------------


@login_required
def draft_edit(request, case_pk, plan_pk):
    """The employer writes the draft; the Save button works without JavaScript, autosave with it."""
    case = case_as_employer(request, case_pk)
    version = _draft(case, plan_pk)
    form = PlanVersionForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_update(
                version=version, by=request.user, data=_content(form), revision=form.cleaned_data["revision"]
            )
        except PlanError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("followup_plans:draft", case_pk=case.pk, plan_pk=version.plan_id)
    elif request.method == "GET":
        log_read(request, "plan.view", version, case)
    version.refresh_from_db(fields=["updated_at", "revision"])
    context = {
        "case": case,
        "plan": version.plan,
        "version": version,
        "form": form,
        "tasks": version.tasks.select_related("assessed_by"),
        "measures": version.measures.select_related("task", "proposed_by"),
        "template_form": TemplateChoiceForm(organisation_id=case.employee.organisation_id),
        "approvals": {a.role: a for a in version.approvals.all()},
        "comment_count": version.comments.count(),
    }
    return render(request, "followup_plans/draft_edit.html", context)


@login_required
@require_POST
def draft_autosave(request, case_pk, plan_pk):
    """Save the draft's text in the background; answers JSON for the status line ("Saved 12:03")."""
    case = case_as_employer(request, case_pk)
    version = _draft(case, plan_pk)
    form = PlanVersionForm(request.POST, instance=version)
    if not form.is_valid():
        return JsonResponse(
            {
                "saved": False,
                "message": _("Not saved: check the fields marked in red."),
                "errors": {k: [str(m) for m in v] for k, v in form.errors.items()},
            },
            status=400,
        )
    if form.cleaned_data["revision"] is None:
        # Without the revision it started from, a save could overwrite someone else's text unseen.
        return JsonResponse(
            {
                "saved": False,
                "code": "revision_required",
                "message": _("Not saved: the page is out of date. Reload it and try again."),
            },
            status=400,
        )
    try:
        changed = services.version_update(
            version=version, by=request.user, data=_content(form), revision=form.cleaned_data["revision"]
        )
    except PlanError as error:
        status = 409 if error.code == "stale_revision" else 400
        return JsonResponse({"saved": False, "message": str(error), "code": error.code}, status=status)
    version.refresh_from_db(fields=["revision", "updated_at"])
    saved_at = time_format(timezone.localtime(version.updated_at), "H:i")
    return JsonResponse(
        {
            "saved": True,
            "changed": changed,
            "revision": version.revision,
            "message": _("Saved %(time)s") % {"time": saved_at},
        }
    )


# Work tasks -----------------------------------------------------------------


@login_required
def task_edit(request, case_pk, plan_pk, task_pk=None):
    """Add or change a work task; the employee assesses it (assessment only)."""
    writer = case_to_write(request, case_pk)
    version = _draft(writer.case, plan_pk)
    task = get_object_or_404(version.tasks, pk=task_pk) if task_pk is not None else None
    if task is None and (refusal := services.task_add_refusal(version, request.user)) is not None:
        messages.error(request, str(refusal))
        return redirect(_draft_url(version, as_employee=writer.as_employee) + "#tasks")
    form_class = TaskAssessmentForm if writer.as_employee else TaskForm
    if writer.as_employee:
        heading = _("Assess the work task")
    else:
        heading = _("Change the work task") if task else _("Add a work task")
    form = form_class(request.POST or None, instance=task)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_save(version=version, by=request.user, task=task, **form.cleaned_data)
        except PlanError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The work task is saved."))
            return redirect(_draft_url(version, as_employee=writer.as_employee) + "#tasks")
    return render(
        request,
        "followup_plans/task_form.html",
        {
            "case": writer.case,
            "version": version,
            "task": task,
            "form": form,
            "as_employee": writer.as_employee,
            "heading": heading,
        },
    )


@login_required
@require_POST
def task_delete(request, case_pk, plan_pk, task_pk):
    case = case_as_employer(request, case_pk)
    version = _draft(case, plan_pk)
    task = get_object_or_404(version.tasks, pk=task_pk)
    try:
        services.task_delete(task=task, by=request.user)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The work task is removed."))
    return redirect(_draft_url(version, as_employee=False) + "#tasks")


# Measures -------------------------------------------------------------------


@login_required
def measure_edit(request, case_pk, plan_pk, measure_pk=None):
    """Add or change a measure; the employee proposes measures, the employer decides."""
    writer = case_to_write(request, case_pk)
    version = _draft(writer.case, plan_pk)
    measure = get_object_or_404(version.measures, pk=measure_pk) if measure_pk is not None else None
    if measure is not None and (refusal := services.measure_change_refusal(measure, request.user)) is not None:
        messages.error(request, str(refusal))
        return redirect(_draft_url(version, as_employee=writer.as_employee) + "#measures")
    form_class = EmployeeMeasureForm if writer.as_employee else MeasureForm
    if measure is not None:
        heading = _("Change the measure")
    else:
        heading = _("Propose a measure") if writer.as_employee else _("Add a measure")
    initial = {"start": version.period_start, "end": version.period_end} if measure is None else None
    task_pk = request.GET.get("task", "")
    if initial is not None and task_pk.isdigit():
        initial["task"] = version.tasks.filter(pk=task_pk).first()
    form = form_class(request.POST or None, instance=measure, initial=initial, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_save(version=version, by=request.user, measure=measure, **form.cleaned_data)
        except PlanError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The measure is saved."))
            return redirect(_draft_url(version, as_employee=writer.as_employee) + "#measures")
    return render(
        request,
        "followup_plans/measure_form.html",
        {
            "case": writer.case,
            "version": version,
            "measure": measure,
            "form": form,
            "as_employee": writer.as_employee,
            "heading": heading,
        },
    )


@login_required
@require_POST
def measure_delete(request, case_pk, plan_pk, measure_pk):
    writer = case_to_write(request, case_pk)
    version = _draft(writer.case, plan_pk)
    measure = get_object_or_404(version.measures, pk=measure_pk)
    try:
        services.measure_delete(measure=measure, by=request.user)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The measure is removed."))
    return redirect(_draft_url(version, as_employee=writer.as_employee) + "#measures")


@login_required
@require_POST
def measure_decide(request, case_pk, plan_pk, measure_pk):
    """Agree to or decline a proposed measure, from the page where it is shown."""
    writer = case_to_write(request, case_pk)
    version = _draft(writer.case, plan_pk)
    measure = get_object_or_404(version.measures, pk=measure_pk)
    status = request.POST.get("status", "")
    try:
        services.measure_decide(measure=measure, by=request.user, status=status)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        if status == PlanMeasure.Status.AGREED:
            messages.success(request, _("You agreed to the measure."))
        else:
            messages.success(request, _("The measure is marked not relevant."))
    on_version = writer.as_employee or request.POST.get("from") == "version"
    return redirect(_draft_url(version, as_employee=on_version) + "#measures")


@login_required
@require_POST
def measure_from_template(request, case_pk, plan_pk):
    """Add a measure from one of HR's templates, then edit it."""
    case = case_as_employer(request, case_pk)
    version = _draft(case, plan_pk)
    form = TemplateChoiceForm(request.POST, organisation_id=case.employee.organisation_id)
    if not form.is_valid():
        messages.error(request, _("Choose a common adjustment from the list."))
        return redirect(_draft_url(version, as_employee=False) + "#measures")
    try:
        measure = services.measure_from_template(
            version=version, template=form.cleaned_data["template"], by=request.user
        )
    except PlanError as error:
        messages.error(request, str(error))
        return redirect(_draft_url(version, as_employee=False) + "#measures")
    return redirect("followup_plans:measure_edit", case_pk=case.pk, plan_pk=version.plan_id, measure_pk=measure.pk)


# Measure templates (HR) -----------------------------------------------------


def _require_hr(request) -> None:
    """HR keeps the organisation's list of common adjustments."""
    if Role.HR not in access.roles(request.user):
        raise access.refuse(request.user, what="measure_templates", action=Action.CHANGE)


@login_required
def template_list(request):
    """HR reads its organisations' templates and the shared defaults; HR for a whole organisation changes its own."""
    _require_hr(request)
    templates = MeasureTemplate.objects.filter(
        Q(organisation_id__in=access.hr_organisations(request.user)) | Q(organisation__isnull=True)
    )
    page = Paginator(templates.order_by("position", "title", "pk"), TEMPLATES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "followup_plans/template_list.html", {"page": page, "keeps": access.whole_organisations(request.user)}
    )


@login_required
def template_edit(request, template_pk=None):
    _require_hr(request)
    keeps = access.whole_organisations(request.user)
    if template_pk is None:
        if not keeps:
            raise access.refuse(request.user, what="measure_template", action=Action.CHANGE)
        template = MeasureTemplate(organisation_id=keeps[0])
    else:
        template = MeasureTemplate.objects.filter(pk=template_pk, organisation_id__in=keeps).first()
        if template is None:  # another organisation's, a shared default, or HR for some units only
            raise access.refuse(request.user, what="measure_template", pk=template_pk, action=Action.CHANGE)
    form = MeasureTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_save(template=form.instance, by=request.user)
        except PlanError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The measure template is saved."))
            return redirect("measure_templates:list")
    heading = _("Change the common adjustment") if template.pk else _("Add a common adjustment")
    return render(
        request, "followup_plans/template_form.html", {"template": template, "form": form, "heading": heading}
    )
