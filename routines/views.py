"""The routines' pages: HR's letter tasks and flag list, the letter, the settings; BHT on a case."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.services import audit_record
from cases import access
from cases.access import Action
from kernel.errors import DomainError, add_to_form
from kernel.pdf import render_pdf

from . import bht, config, letters, selectors
from .forms import BhtForm, BhtInviteForm, InvolvementForm, LetterSentForm, SettingsForm

PAGE_SIZE = 25


def _manage_or_404(request):
    organisation = selectors.hr_organisation(request.user)
    if not selectors.may_manage(request.user, organisation):
        raise access.refuse(request.user, what="routine_settings", action=Action.CHANGE)
    return organisation


# The max-date letter ------------------------------------------------------------------


@login_required
def letter_list(request):
    """HR's max-date letter tasks across its scope."""
    organisation = selectors.hr_organisation(request.user)
    today = timezone.localdate()
    page = Paginator(selectors.letter_tasks(request.user, today=today), PAGE_SIZE).get_page(request.GET.get("page"))
    cfg = config.settings_for(organisation.pk)
    rows = [
        {"case": c, "due": letters.letter_due(c.eff, cfg), "from_nav": c.max_date_from_nav is not None} for c in page
    ]
    return render(request, "routines/letter_list.html", {"page": page, "rows": rows, "today": today, "config": cfg})


def _letter_context(case, user):
    with translation.override(case.employee.preferred_language or "nb"):
        return letters.letter_context(case, by=user, today=timezone.localdate())


def _letter_html(context: dict) -> str:
    """The letter's body as the employee will read it, in the employee's language."""
    with translation.override(context["language"]):
        return render_to_string("routines/letter_body.html", context)


@login_required
def letter(request, case_pk: int):
    """The letter's preview, the PDF link, and "mark sent"."""
    case = access.get_case_or_404(request.user, case_pk, Action.VIEW_AUDIT)
    state = letters.letter_state(case)
    form = LetterSentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            letters.letter_mark_sent(case=case, by=request.user, **form.cleaned_data)
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The letter is recorded as sent."))
            return redirect("routines:letter", case_pk=case.pk)
    context = {
        "case": case,
        "state": state,
        "form": form,
        "history": case.max_date_letters.select_related("sent_by__employee"),
    }
    if state.max_date is not None:
        letter = _letter_context(case, request.user)
        context["letter_html"] = _letter_html(letter)
        context["letter_language"] = letter["language"]  # the preview's lang attribute
    return render(request, "routines/letter.html", context)


@login_required
def letter_pdf(request, case_pk: int):
    case = access.get_case_or_404(request.user, case_pk, Action.VIEW_AUDIT)
    try:
        context = _letter_context(case, request.user)
    except DomainError:
        raise access.refuse(request.user, what="max_date_letter", pk=case_pk) from None
    pdf = render_pdf("routines/letter_pdf.html", context, language=context["language"])
    audit_record(actor=request.user, action="routines.max_date_letter.pdf", employee=case.employee, obj=case)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="maksdatobrev-{case.pk}.pdf"'
    return response


# Difficult cases -------------------------------------------------------------------


@login_required
def flag_list(request):
    selectors.hr_organisation(request.user)
    page = Paginator(selectors.flagged(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    from .flags import rule_text

    rows = [{"flag": f, "rule": rule_text(f)} for f in page]
    return render(request, "routines/flag_list.html", {"page": page, "rows": rows})


# Settings -------------------------------------------------------------------------


@login_required
def settings_edit(request):
    """The letter's template and the routines' numbers; the occupational health service."""
    organisation = _manage_or_404(request)
    current = config.settings_for(organisation.pk)
    form = SettingsForm(request.POST or None, instance=current, prefix="s")
    service = bht.service_of(organisation.pk)
    bht_form = BhtForm(request.POST or None, instance=service, prefix="b")
    if request.method == "POST":
        if request.POST.get("what") == "bht":
            if bht_form.is_valid():
                try:
                    bht.bht_register(organisation=organisation, by=request.user, **bht_form.cleaned_data)
                except DomainError as error:
                    add_to_form(bht_form, error)
                else:
                    messages.success(request, _("The occupational health service is saved."))
                    return redirect("routines:settings")
            form = SettingsForm(instance=current, prefix="s")
        else:
            if form.is_valid():
                try:
                    config.settings_save(
                        organisation=organisation, by=request.user, **{k: form.cleaned_data[k] for k in config.EDITABLE}
                    )
                except DomainError as error:
                    add_to_form(form, error)
                else:
                    messages.success(request, _("The routine's settings are saved."))
                    return redirect("routines:settings")
            bht_form = BhtForm(instance=service, prefix="b")
    return render(request, "routines/settings.html", {"form": form, "bht_form": bht_form, "organisation": organisation})


@require_POST
@login_required
def toggle(request, routine: str):
    organisation = _manage_or_404(request)
    if routine not in config.ROUTINES:
        raise access.refuse(request.user, what="routine", pk=routine, action=Action.CHANGE)
    enabled = request.POST.get("enabled") == "1"
    config.routine_toggle(organisation=organisation, by=request.user, routine=routine, enabled=enabled)
    messages.success(
        request, _("The routine step is taken into use.") if enabled else _("The routine step is taken out of use.")
    )
    return redirect("hr:routine")


# The occupational health service on a case -----------------------------------------------


@login_required
def bht_involvement(request, case_pk: int):
    case = access.get_case_or_404(request.user, case_pk, Action.CHANGE)
    form = InvolvementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bht.involvement_record(case=case, by=request.user, **form.cleaned_data)
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The involvement of the occupational health service is recorded."))
            return redirect(reverse("cases:detail", args=[case.pk]) + "#routines")
    return render(
        request,
        "routines/bht_form.html",
        {
            "case": case,
            "form": form,
            "service": bht.service_of(case.employee.organisation_id),
            "title": _("Record that the occupational health service was involved"),
            "submit": _("Record"),
        },
    )


@login_required
def bht_invite(request, case_pk: int):
    case = access.get_case_or_404(request.user, case_pk, Action.CHANGE)
    form = BhtInviteForm(request.POST or None)
    meeting = bht.planned_dm1(case)
    if request.method == "POST" and form.is_valid():
        try:
            bht.bht_invite_to_dm1(
                case=case,
                by=request.user,
                consent=form.cleaned_data["consent"],
                site_url=request.build_absolute_uri("/"),
            )
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The occupational health service is invited to dialogue meeting 1."))
            return redirect(reverse("cases:detail", args=[case.pk]) + "#routines")
    return render(
        request,
        "routines/bht_form.html",
        {
            "case": case,
            "form": form,
            "service": bht.service_of(case.employee.organisation_id),
            "meeting": meeting,
            "title": _("Invite the occupational health service to dialogue meeting 1"),
            "submit": _("Invite"),
        },
    )
