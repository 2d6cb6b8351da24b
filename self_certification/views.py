"""Pages for self-certification: the employee's report, the manager's confirmation, HR's overview."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

import deadlines
from audit.services import audit_record
from cases import access
from cases.access import Action, Role
from deadlines import EgenmeldingReason
from kernel.errors import DomainError, add_to_form
from organisation.models import Organisation

from . import selectors, services
from .forms import CorrectionForm, PolicyForm, SelfCertificationForm, WithdrawalForm
from .models import SelfCertification
from .texts import decision_text, language, policy_text, problem_text

HR_PAGE_SIZE = 25


def _own_employee(request, *, what: str = "self_certification"):
    """The signed-in user's own employee record; others get 404 (self-certification is for oneself)."""
    employee = access.employee_of(request.user)
    if employee is None:
        raise access.refuse(request.user, what=what, pk="", action=Action.PARTICIPATE)
    return employee


def _report_or_404(user, pk, action: Action) -> SelfCertification:
    """A report about an employee on whom the user may perform the action; the read is logged."""
    report = (
        SelfCertification.objects.filter(employee__in=access.visible_employees(user, action).values("pk"), pk=pk)
        .select_related("employee__unit", "employee__manager", "decided_by__employee", "period")
        .first()
        if str(pk).isdigit()
        else None
    )
    if report is None:
        raise access.refuse(user, what="self_certification", pk=pk, action=action)
    audit_record(actor=user, action=f"self_certification.{action}", employee=report.employee, obj=report)
    return report


def _decision_for(employee, start: date | None, end: date | None, *, exclude=None):
    """The rules' answer for the dates in the form, or None while they are incomplete or wrong."""
    if not start or not end or end < start:
        return None
    decision = selectors.assess(employee, start, end, exclude=exclude)
    withdrawal = selectors.withdrawal_on(employee, start) if decision.reason is EgenmeldingReason.WITHDRAWN else None
    return decision_text(decision, withdrawal=withdrawal)


def _form_dates(form) -> tuple[date | None, date | None]:
    if form.is_bound:
        data = getattr(form, "cleaned_data", {})
        return data.get("start"), data.get("end")
    return form.initial.get("start"), form.initial.get("end")


def _rules_context(employee, today: date) -> dict:
    policy = selectors.policy_for(employee.organisation_id)
    return {
        "policy": policy,
        "policy_text": policy_text(policy),
        "usage": selectors.employee_usage(employee, on=today),
        "right_from": _right_from(employee),
        "has_right": _right_from(employee) <= today,
        "withdrawals": selectors.current_and_future_withdrawals(employee, today=today),
        "legal_basis": deadlines.legal_basis(deadlines.Topic.EGENMELDING, language()),
    }


def _right_from(employee) -> date:
    return selectors.right_from(employee)  # R12


# The employee ---------------------------------------------------------------


@login_required
def mine(request):
    """The employee's own self-certifications, the rules in force and any withdrawal."""
    employee = _own_employee(request)
    today = timezone.localdate()
    reports = selectors.own_self_certifications(employee)[:50]
    audit_record(actor=request.user, action="self_certification.list", employee=employee)
    return render(
        request,
        "self_certification/selfcertification_list.html",
        {"employee": employee, "reports": reports, "today": today, **_rules_context(employee, today)},
    )


@login_required
def new(request):
    """Report a self-certification; the rules answer before anything is sent."""
    employee = _own_employee(request)
    today = timezone.localdate()
    if request.method == "POST":
        form = SelfCertificationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.self_certification_submit(
                    employee=employee,
                    by=request.user,
                    start=data["start"],
                    end=data["end"],
                    work_related=data["work_related"],
                    declaration=data["declaration"],
                    only_allowed_days=data["only_allowed_days"],
                )
            except DomainError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("Your self-certification is sent to your manager for confirmation."))
                return redirect("self_certification:mine")
    else:
        form = SelfCertificationForm(initial={"start": today, "end": today})
    return _form_page(request, form, employee, today)


def _form_page(request, form, employee, today, report=None):
    start, end = _form_dates(form)
    decision = None
    if start and end and end >= start:
        try:
            services.check_proposal(employee=employee, start=start, end=end, exclude=report)
        except DomainError as error:
            decision = problem_text(str(error.message), error.code)
        else:
            decision = _decision_for(employee, start, end, exclude=report)
    if decision is not None and decision.choice_label:
        form.fields["only_allowed_days"].label = decision.choice_label
    return render(
        request,
        "self_certification/selfcertification_form.html",
        {
            "form": form,
            "employee": employee,
            "report": report,
            "decision": decision,
            "today": today,
            **_rules_context(employee, today),
        },
    )


@login_required
def edit(request, pk: str):
    """The employee corrects an open report; it goes back to the manager."""
    employee = _own_employee(request)
    report = _report_or_404(request.user, pk, Action.PARTICIPATE)
    if (refusal := services.correction_refusal(report, request.user)) is not None:
        messages.error(request, str(refusal.message))
        return redirect("self_certification:mine")
    today = timezone.localdate()
    if request.method == "POST":
        form = SelfCertificationForm(request.POST, instance=SelfCertification.objects.get(pk=report.pk))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.self_certification_correct(
                    report=report,
                    by=request.user,
                    start=data["start"],
                    end=data["end"],
                    work_related=data["work_related"],
                    declaration=data["declaration"],
                    only_allowed_days=data["only_allowed_days"],
                )
            except DomainError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("The self-certification is changed and sent to your manager again."))
                return redirect("self_certification:mine")
    else:
        form = SelfCertificationForm(
            instance=report, initial={"end": report.requested_end or report.end, "declaration": False}
        )
    return _form_page(request, form, employee, today, report=report)


@login_required
@require_POST
def cancel(request, pk: str):
    _own_employee(request)
    report = _report_or_404(request.user, pk, Action.PARTICIPATE)
    try:
        services.self_certification_cancel(report=report, by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The self-certification is withdrawn."))
    return redirect("self_certification:mine")


@login_required
@require_GET
def assess(request):
    """The rules' answer for dates in the form, as JSON in the user's language (the form asks as you type)."""
    employee = _own_employee(request)
    try:
        start = date.fromisoformat(request.GET.get("start", ""))
        end = date.fromisoformat(request.GET.get("end", ""))
    except ValueError:
        return JsonResponse({"code": "invalid_input", "detail": _("Enter the first and the last day.")}, status=400)
    exclude = None
    if request.GET.get("exclude"):
        exclude = (
            SelfCertification.objects.open().filter(employee=employee, pk=request.GET["exclude"]).first()
            if request.GET["exclude"].isdigit()
            else None
        )
    try:
        services.check_proposal(employee=employee, start=start, end=end, exclude=exclude)
    except DomainError as error:
        return JsonResponse({"code": error.code, "detail": str(error.message)}, status=400)
    text = _decision_for(employee, start, end, exclude=exclude)
    audit_record(
        actor=request.user,
        action="self_certification.assess",
        employee=employee,
        detail={"start": str(start), "end": str(end), "reason": text.reason},
    )
    return JsonResponse(text.as_json())


# The manager ------------------------------------------------------------------


@login_required
def detail(request, pk: str):
    """One report: the employee sees its status; the manager confirms it or asks for a correction."""
    report = _report_or_404(request.user, pk, Action.VIEW)
    return _detail_page(request, report)


def _detail_page(request, report, *, error: str = "", correction_form=None):
    user = request.user
    is_own = report.employee.user_id == user.pk
    can_decide = (
        not is_own
        and report.status == SelfCertification.Status.SUBMITTED
        and access.can(user, Action.CHANGE, report.employee)
    )
    decision = None
    if report.is_open:
        decision = _decision_for(report.employee, report.start, report.end, exclude=report)
    case = None
    if report.period_id:
        case = (
            access.visible_cases(user)
            .filter(employee=report.employee, start__lte=report.period.end, end__gte=report.period.start)
            .first()
        )
    return render(
        request,
        "self_certification/selfcertification_detail.html",
        {
            "report": report,
            "is_own": is_own,
            "can_decide": can_decide,
            "decision": decision,
            "error": error,
            "case": case,
            "correction_form": correction_form or CorrectionForm(),
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def confirm(request, pk: str):
    report = _report_or_404(request.user, pk, Action.CHANGE)
    try:
        report = services.self_certification_confirm(report=report, by=request.user)
    except DomainError as error:
        report.refresh_from_db()
        return _detail_page(request, report, error=str(error.message))
    messages.success(
        request, _("The self-certification is confirmed and registered as absence; the deadlines are updated.")
    )
    case = report.employee.cases.current().filter(start__lte=report.end, end__gte=report.start).first()
    if case is not None and access.can(request.user, Action.VIEW, case):
        return redirect("cases:detail", case.pk)
    return redirect("self_certification:pending")


@login_required
def correction(request, pk: str):
    report = _report_or_404(request.user, pk, Action.CHANGE)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.self_certification_request_correction(
                report=report, by=request.user, comment=form.cleaned_data["comment"]
            )
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The employee is asked to correct the self-certification."))
            return redirect("self_certification:pending")
    return render(request, "self_certification/correction_form.html", {"report": report, "form": form})


@login_required
def pending(request):
    """Every report waiting for the user's confirmation."""
    if not access.visible_employees(request.user, Action.CHANGE).exists():
        raise access.refuse(request.user, what="self_certification_pending", pk="", action=Action.CHANGE)
    reports = selectors.pending_for(request.user)
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    audit_record(actor=request.user, action="self_certification.pending_list", detail={"reports": [r.pk for r in page]})
    return render(request, "self_certification/pending_list.html", {"page": page})


# HR ---------------------------------------------------------------------------


def _require_hr(request) -> None:
    if Role.HR not in access.roles(request.user):
        raise access.refuse(request.user, what="self_certification_hr", pk="", action=Action.VIEW_AUDIT)


@login_required
def hr_overview(request):
    """Per employee: occasions and days in the last 12 months, may-withdraw, and the policy in force."""
    _require_hr(request)
    today = timezone.localdate()
    overview = selectors.hr_overview(request.user, today=today)
    page = Paginator(overview.ordered_ids, HR_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.hr_rows(request.user, today=today, employee_ids=list(page.object_list), usage=overview.usage)
    organisations = [
        {
            "organisation": o,
            "policy": getattr(o, "egenmelding_policy", None),
            "text": policy_text(getattr(o, "egenmelding_policy", None)),
            "can_change": selectors.may_set_policy(request.user, o),
        }
        for o in selectors.hr_organisations(request.user)
    ]
    audit_record(
        actor=request.user,
        action="self_certification.hr_overview",
        detail={"employees": [row.employee.pk for row in rows]},
    )
    return render(
        request,
        "self_certification/hr_overview.html",
        {
            "page": page,
            "rows": rows,
            "may_withdraw": overview.may_withdraw,
            "organisations": organisations,
            "pending_count": selectors.pending_for(request.user).count(),
            "today": today,
        },
    )


@login_required
def hr_employee(request, employee_pk: str):
    """One employee's self-certification: usage, reports, withdrawals, and HR's decision."""
    employee = access.get_employee_or_404(request.user, employee_pk, Action.VIEW_AUDIT)
    today = timezone.localdate()
    history = sorted(selectors.history_for(employee), key=lambda r: r.start, reverse=True)
    return render(
        request,
        "self_certification/hr_employee.html",
        {
            "employee": employee,
            "today": today,
            "history": history[:30],
            "reports": selectors.own_self_certifications(employee)[:30],
            "all_withdrawals": employee.egenmelding_withdrawals.select_related("decided_by__employee"),
            **_rules_context(employee, today),
        },
    )


@login_required
def hr_withdraw(request, employee_pk: str):
    """Record HR's decision to withdraw the right to self-certify (§ 8-27)."""
    employee = access.get_employee_or_404(request.user, employee_pk, Action.VIEW_AUDIT)
    today = timezone.localdate()
    usage = selectors.employee_usage(employee, on=today)
    form = WithdrawalForm(request.POST or None, initial={"decided_on": today, "valid_from": today})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.withdrawal_record(
                employee=employee,
                by=request.user,
                decided_on=data["decided_on"],
                reason=data["reason"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
            )
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                _("The decision is recorded. The employee sees it on their page; give it to them in writing too."),
            )
            return redirect("self_certification:hr_employee", employee.pk)
    return render(
        request, "self_certification/withdrawal_form.html", {"employee": employee, "form": form, "usage": usage}
    )


@login_required
def hr_policy(request, organisation_pk: str):
    """HR sets the organisation's extended right to self-certify, or goes back to the law."""
    organisation = (
        Organisation.objects.filter(pk=organisation_pk).select_related("egenmelding_policy").first()
        if str(organisation_pk).isdigit()
        else None
    )
    if organisation is None or not selectors.may_set_policy(request.user, organisation):
        raise access.refuse(request.user, what="egenmelding_policy", pk=organisation_pk, action=Action.CHANGE)
    policy = getattr(organisation, "egenmelding_policy", None)
    form = PolicyForm(
        request.POST or None, instance=policy, initial=None if policy else {"max_days_per_occasion": 3}
    )  # the law, to start from
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action in {"ia", "law"} or form.is_valid():
            try:
                if action == "ia":  # R16: the old IA rule, offered as a preset only
                    services.policy_set(
                        organisation=organisation, by=request.user, max_days_per_occasion=8, max_days_per_12_months=24
                    )
                elif action == "law":
                    services.policy_reset(organisation=organisation, by=request.user)
                else:
                    services.policy_set(
                        organisation=organisation,
                        by=request.user,
                        max_days_per_occasion=form.cleaned_data["max_days_per_occasion"],
                        max_days_per_12_months=form.cleaned_data["max_days_per_12_months"],
                    )
            except DomainError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("The self-certification policy is saved."))
                return redirect("self_certification:hr_overview")
    return render(
        request,
        "self_certification/policy_form.html",
        {"organisation": organisation, "policy": policy, "policy_text": policy_text(policy), "form": form},
    )
