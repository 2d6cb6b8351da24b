"""Upload an employee file, preview what it would change, then confirm or discard it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.access import refuse

from . import services
from .access import import_organisations
from .forms import UploadForm
from .models import ImportBatch
from .parsing import COLUMNS, example_csv
from .planning import Action

PAGE_SIZE = 50
VIEWS = ["changes", "create", "change", "unchanged", "deactivate", "units", "errors", "warnings"]


def _organisations_or_403(request):
    organisations = import_organisations(request.user)
    if not organisations.exists():
        raise refuse(request.user, what="import", action="import")
    return organisations


def _batch_or_404(request, pk) -> ImportBatch:
    """An upload into an organisation the user may import into; any other answers 404 and is logged."""
    batch = (
        ImportBatch.objects.filter(pk=pk, organisation__in=import_organisations(request.user))
        .select_related("organisation", "created_by", "applied_by")
        .first()
    )
    if batch is None:
        raise refuse(request.user, what="import", pk=pk, action="import")
    return batch


@login_required
def upload(request):
    organisations = _organisations_or_403(request)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, organisations=organisations)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            batch = services.batch_create(
                organisation=form.cleaned_data["organisation"],
                filename=upload.name,
                content=upload.read(),
                full=form.cleaned_data["full"],
                by=request.user,
            )
            return redirect("imports:preview", batch.pk)
    else:
        form = UploadForm(organisations=organisations)
    recent = ImportBatch.objects.filter(organisation__in=organisations).select_related("organisation", "created_by")[
        :10
    ]
    return render(request, "imports/importbatch_form.html", {"form": form, "recent": recent, "columns": COLUMNS})


@login_required
def example_file(request):
    _organisations_or_403(request)
    response = HttpResponse(example_csv().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="employees.csv"'
    return response


def _refusal(code: str) -> str:
    """Why the background import refused the confirmation, in the reader's language."""
    return {
        "has_errors": _("The file has errors; nothing was imported."),
        "stale_preview": _("The employees have changed since the preview. Check the new preview and confirm again."),
        "not_pending": _("This import has already been applied or discarded."),
    }.get(code, _("The import could not be applied; nothing was imported. Upload the file again."))


@login_required
def preview(request, pk: int):
    """What the import would do, with the errors by line and column; or how far it has come; or what it did."""
    batch = _batch_or_404(request, pk)
    if batch.status == ImportBatch.Status.APPLYING:
        return render(
            request,
            "imports/importbatch_progress.html",
            {"batch": batch, "progress": services.progress_get(batch.pk) or {"done": 0, "total": 0}},
        )
    if batch.status != ImportBatch.Status.PREVIEWED:
        return render(request, "imports/importbatch_preview.html", {"batch": batch, "counts": batch.summary})
    if batch.refused:
        messages.error(request, _refusal(batch.refused))
    plan = services.batch_plan(batch)
    show = request.GET.get("show")
    if show not in VIEWS:
        show = "errors" if plan.errors else "changes"
    if show == "errors":
        items = plan.errors
    elif show == "warnings":
        items = plan.warnings
    elif show == "deactivate":
        items = plan.deactivations
    elif show == "units":
        items = plan.new_units
    elif show == "changes":
        items = [r for r in plan.rows if r.action in (Action.CREATE, Action.CHANGE)]
    else:
        items = plan.rows_with(show)
    return render(
        request,
        "imports/importbatch_preview.html",
        {
            "batch": batch,
            "plan": plan,
            "counts": plan.counts,
            "show": show,
            "page": Paginator(items, PAGE_SIZE).get_page(request.GET.get("page")),
            "views": VIEWS,
        },
    )


@require_POST
@login_required
def confirm(request, pk: int):
    """Queue the import; the preview page then shows its progress, and what it did when it is done."""
    batch = _batch_or_404(request, pk)
    try:
        services.batch_confirm(batch=batch, by=request.user, fingerprint=request.POST.get("fingerprint", ""))
    except services.ImportRefused as error:
        messages.error(request, str(error.message))
    return redirect("imports:preview", batch.pk)


@login_required
def progress(request, pk: int):
    """How far a background import has come, for the progress bar: status, rows written, rows in all."""
    batch = _batch_or_404(request, pk)
    state = services.progress_get(batch.pk) or {"done": 0, "total": 0}
    response = JsonResponse({"status": batch.status, "done": state["done"], "total": state["total"]})
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def discard(request, pk: int):
    batch = _batch_or_404(request, pk)
    services.batch_discard(batch=batch, by=request.user)
    messages.info(request, _("The upload is discarded; nothing was imported."))
    return redirect("imports:upload")
