from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import deadlines
from kernel.errors import add_to_form

from . import access, extensions, retention, services
from .access import Action
from .forms import ConversationForm, DoneForm, MaxDateForm, NotRequiredForm, PeriodForm
from .models import AbsencePeriod
from .timeline import case_timeline_events
from .titles import milestone_reason_text, milestone_title


@login_required
def period_register(request, employee_pk: str):
    """Register a sick note, self-certification, holiday or leave for an employee."""
    employee = access.get_employee_or_404(request.user, employee_pk, Action.CHANGE)
    extends = None
    if request.GET.get("extends") or request.POST.get("extends"):
        extends = access.get_period_or_404(request.user, request.GET.get("extends") or request.POST.get("extends"))
        if extends.employee_id != employee.pk:
            extends = None
    if request.method == "POST":
        form = PeriodForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                period = services.period_register(
                    employee=employee,
                    kind=data["kind"],
                    start=data["start"],
                    end=data["end"],
                    grade=data["grade"],
                    extends=extends,
                    by=request.user,
                )
            except services.PeriodError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("The period is registered and the deadlines are updated."))
                case = employee.cases.current().filter(start__lte=period.end, end__gte=period.start).first()
                if case is not None:
                    return redirect("cases:detail", case.pk)
                return redirect("organisation:employee_detail", employee.pk)
    else:
        initial = {"kind": AbsencePeriod.Kind.SICK, "grade": 100, "start": timezone.localdate()}
        if extends is not None:
            initial = {"kind": extends.kind, "grade": extends.grade, "start": extends.end + timedelta(days=1)}
        form = PeriodForm(initial=initial)
    return render(request, "cases/period_form.html", {"form": form, "employee": employee, "extends": extends})


@login_required
def period_edit(request, pk: str):
    period = access.get_period_or_404(request.user, pk)
    if request.method == "POST":
        # The form fills its own copy, so the service still sees the period as it was (for the log).
        form = PeriodForm(request.POST, instance=AbsencePeriod.objects.get(pk=period.pk))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.period_update(
                    period=period,
                    kind=data["kind"],
                    start=data["start"],
                    end=data["end"],
                    grade=data["grade"],
                    by=request.user,
                )
            except services.PeriodError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("The period is changed and the deadlines are updated."))
                return _back_to_case(period)
    else:
        form = PeriodForm(instance=period)
    return render(request, "cases/period_form.html", {"form": form, "employee": period.employee, "period": period})


@login_required
def period_delete(request, pk: str):
    period = access.get_period_or_404(request.user, pk)
    if request.method == "POST":
        employee = period.employee
        services.period_delete(period=period, by=request.user)
        messages.success(request, _("The period is removed and the deadlines are updated."))
        case = employee.cases.current().order_by("-start").first()
        return redirect("cases:detail", case.pk) if case else redirect("organisation:employee_detail", employee.pk)
    return render(request, "cases/period_delete.html", {"period": period})


def _back_to_case(period: AbsencePeriod):
    case = period.employee.cases.current().filter(start__lte=period.end, end__gte=period.start).first()
    if case is not None:
        return redirect("cases:detail", case.pk)
    return redirect("organisation:employee_detail", period.employee_id)


def _friday_before_weekend(milestone, today):
    """The Friday before an open deadline that falls on a Saturday or Sunday, else None."""
    due = milestone.due
    if not milestone.is_open or due is None or due.weekday() < 5 or not milestone.applies:
        return None
    return due - timedelta(days=due.weekday() - 4)


@login_required
def case_detail(request, pk: str):
    """The case page: the statutory timeline, periods, conversations and the activity log."""
    case = access.get_case_or_404(request.user, pk)
    today = timezone.localdate()
    language = translation.get_language() or "nb"
    can_change = access.can(request.user, Action.CHANGE, case)
    is_employee = case.employee.user_id == request.user.pk
    milestones = []
    rows = list(case.milestones.select_related("completed_by__employee", "not_required_by__employee"))
    own_steps = {}  # milestones of the apps built on cases, e.g. the organisation's routine steps
    for provider in extensions.milestone_providers():
        own_steps.update(provider.texts(rows, language))
    for milestone in rows:
        milestone.case = case
        engine = milestone.as_engine_milestone()
        if engine is None:
            milestones.append({"obj": milestone, "state": milestone.state(today), **own_steps[milestone.key]})
            continue
        milestones.append(
            {
                "obj": milestone,
                "state": milestone.state(today),
                "title": engine.title(language),
                "legal_basis": engine.legal_basis(language),
                "explanation": engine.explain(language),
                "reason_text": milestone_reason_text(milestone, today=today, language=language),
                "statutory": engine.statutory,
            }
        )
    for m in milestones:
        m["weekend_friday"] = _friday_before_weekend(m["obj"], today)
    milestones.sort(key=lambda m: m["obj"].due)
    timeline = services.employee_timeline(case.employee, on=today)
    engine_case = next((c for c in timeline.cases if c.start == case.start), None)
    periods = case.employee.absence_periods.filter(start__lte=case.end, end__gte=case.start)
    conversations = case.conversations.select_related("recorded_by__employee")
    context = {
        "case": case,
        "today": today,
        "day": case.day_number(today),
        "can_change": can_change,
        "is_employee": is_employee,
        "show_private": access.can(request.user, Action.VIEW_PRIVATE, case) and not is_employee,
        "milestones": milestones,
        "engine_case": engine_case,
        "employer_period_explanation": engine_case.explain_employer_period(language) if engine_case else "",
        # A5: employer_period_end is null because the period ended in an earlier case.
        "carried_employer_period": (
            engine_case.employer_period
            if engine_case and not case.employer_period_end and engine_case.employer_period_carried_over
            else None
        ),
        "max_date_explanation": engine_case.explain_max_date(language) if engine_case else "",
        "warnings": engine_case.warning_texts(language) if engine_case else (),
        "legal": {
            topic: deadlines.legal_basis(deadlines.Topic(topic), language)
            for topic in ("employer_period", "max_date", "case")
        },
        "periods": periods,
        "conversations": conversations,
        "activities": case.activities.select_related("actor__employee")[:50],
        "events": case_timeline_events(case, user=request.user),
        "bar": _timeline_bar(case, milestones, today),
        "max_date_form": MaxDateForm(initial={"max_date_from_nav": case.max_date_from_nav}),
        "deletion_date": retention.deletion_date(case.end) if case.status == case.Status.CLOSED else None,
    }
    return render(request, "cases/case_detail.html", context)


def _timeline_bar(case, milestones, today) -> dict:
    """Positions (in %) on a bar from day 1 to the max date."""
    end = case.max_date or case.end
    span = max((end - case.start).days, 1)

    def pct(day) -> float:
        return round(min(max((day - case.start).days / span, 0), 1) * 100, 2)

    return {
        "end": end,
        "today": pct(today) if case.start <= today <= end else None,
        "absence_until": pct(case.end),
        "markers": [{"pct": pct(m["obj"].due), "m": m} for m in milestones if m["obj"].applies],
    }


@login_required
def conversation_new(request, pk: str):
    case = access.get_case_or_404(request.user, pk, Action.CHANGE)
    has_first = case.conversations.filter(kind="first").exists()
    if request.method == "POST":
        form = ConversationForm(request.POST, case=case)
        if form.is_valid():
            try:
                services.conversation_record(case=case, by=request.user, **form.cleaned_data)
            except services.DomainError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("The conversation is recorded."))
                return redirect("cases:detail", case.pk)
    else:
        form = ConversationForm(
            case=case, initial={"held_on": timezone.localdate(), "kind": "followup" if has_first else "first"}
        )
    return render(request, "cases/conversation_form.html", {"form": form, "case": case})


def _milestone_or_404(request, case, key):
    if not case.milestones.filter(key=key).exists():
        raise access.refuse(request.user, what="milestone", pk=key, action=Action.CHANGE)


@login_required
def milestone_not_required(request, pk: str, key: str):
    case = access.get_case_or_404(request.user, pk, Action.CHANGE)
    _milestone_or_404(request, case, key)
    milestone = case.milestones.get(key=key)
    form = NotRequiredForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_not_required(case=case, key=key, by=request.user, reason=form.cleaned_data["reason"])
        except services.MilestoneError as error:
            form.add_error("reason" if error.field == "reason" else None, str(error.message))
        else:
            messages.success(request, _("The assessment is recorded."))
            return redirect(reverse("cases:detail", args=[case.pk]) + "#milestones")
    return render(
        request,
        "cases/milestone_form.html",
        {"form": form, "case": case, "milestone": milestone, "mode": "not_required", "title": milestone_title(key)},
    )  # also the organisation's own steps


@login_required
def milestone_done(request, pk: str, key: str):
    case = access.get_case_or_404(request.user, pk, Action.CHANGE)
    _milestone_or_404(request, case, key)
    milestone = case.milestones.get(key=key)
    form = DoneForm(request.POST or None, initial={"done_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.milestone_complete(
            case=case, key=key, by=request.user, note=form.cleaned_data["note"], done_on=form.cleaned_data["done_on"]
        )
        messages.success(request, _("The milestone is marked done."))
        return redirect(reverse("cases:detail", args=[case.pk]) + "#milestones")
    return render(
        request,
        "cases/milestone_form.html",
        {"form": form, "case": case, "milestone": milestone, "mode": "done", "title": milestone_title(key)},
    )  # also the organisation's own steps


@login_required
@require_POST
def milestone_reopen(request, pk: str, key: str):
    case = access.get_case_or_404(request.user, pk, Action.CHANGE)
    _milestone_or_404(request, case, key)
    services.milestone_reopen(case=case, key=key, by=request.user)
    messages.success(request, _("The milestone is open again."))
    return redirect(reverse("cases:detail", args=[case.pk]) + "#milestones")


@login_required
@require_POST
def max_date(request, pk: str):
    case = access.get_case_or_404(request.user, pk, Action.CHANGE)
    form = MaxDateForm(request.POST)
    if form.is_valid():
        services.case_set_max_date_from_nav(case=case, max_date=form.cleaned_data["max_date_from_nav"], by=request.user)
        messages.success(request, _("The max date is saved."))
    else:
        messages.error(request, _("The max date was not saved: enter a valid date."))
    return redirect(reverse("cases:detail", args=[case.pk]) + "#key-dates")
