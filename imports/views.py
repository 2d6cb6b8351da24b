"""Upload an employee file, preview what it would change, then confirm or discard it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.access import refuse

from .access import import_organisations
from .forms import UploadForm
from .models import ImportBatch
from .parsing import COLUMNS, example_csv
from .planning import Action
from . import services

PAGE_SIZE = 50
VIEWS = ["changes", "create", "change", "unchanged", "deactivate", "units", "errors", "warnings"]


def _organisations_or_403(request):
    organisations = import_organisations(request.user)
    if not organisations.exists():
        raise refuse(request.user, what="import", action="import")
    return organisations


def _batch_or_404(request, pk) -> ImportBatch:
    """An upload into an organisation the user may import into; any other answers 404 and is logged."""
    batch = (ImportBatch.objects.filter(pk=pk, organisation__in=import_organisations(request.user))
             .select_related("organisation", "created_by", "applied_by").first())
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
            batch = services.batch_create(organisation=form.cleaned_data["organisation"], filename=upload.name,
                                          content=upload.read(), full=form.cleaned_data["full"], by=request.user)
            return redirect("imports:preview", batch.pk)
    else:
        form = UploadForm(organisations=organisations)
    recent = (ImportBatch.objects.filter(organisation__in=organisations)
              .select_related("organisation", "created_by")[:10])
    return render(request, "imports/importbatch_form.html",
                  {"form": form, "recent": recent, "columns": COLUMNS})


@login_required
def example_file(request):
    _organisations_or_403(request)
    response = HttpResponse(example_csv().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="employees.csv"'
    return response


@login_required
def preview(request, pk: int):
    """What the import would do, with the errors by line and column; or what it did."""
    batch = _batch_or_404(request, pk)
    if batch.status != ImportBatch.Status.PREVIEWED:
        return render(request, "imports/importbatch_preview.html", {"batch": batch, "counts": batch.summary})
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
    return render(request, "imports/importbatch_preview.html", {
        "batch": batch,
        "plan": plan,
        "counts": plan.counts,
        "show": show,
        "page": Paginator(items, PAGE_SIZE).get_page(request.GET.get("page")),
        "views": VIEWS,
    })


@require_POST
@login_required
def confirm(request, pk: int):
    batch = _batch_or_404(request, pk)
    try:
        plan = services.batch_apply(batch=batch, by=request.user, fingerprint=request.POST.get("fingerprint", ""))
    except services.ImportRefused as error:
        messages.error(request, str(error.message))
    else:
        counts = plan.counts
        messages.success(request, _("Imported: %(create)d new, %(change)d changed, %(unchanged)d unchanged, "
                                    "%(deactivate)d marked as having left, %(new_units)d new units.") % counts)
    return redirect("imports:preview", batch.pk)


@require_POST
@login_required
def discard(request, pk: int):
    batch = _batch_or_404(request, pk)
    services.batch_discard(batch=batch, by=request.user)
    messages.info(request, _("The upload is discarded; nothing was imported."))
    return redirect("imports:upload")
