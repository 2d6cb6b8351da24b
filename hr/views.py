"""HR's pages: the deadline dashboard (the HR start page), compliance, statistics, routine and quality."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import deadlines
from audit.services import audit_record
from cases import access, retention
from cases.access import Action
from cases.models import Case
from cases.titles import milestone_title
from kernel.errors import DomainError, add_to_form
from routines.config import routine_steps

from . import charts, exports, permissions, routine, selectors, services
from .forms import (
    ComplianceForm,
    DashboardFilterForm,
    QualityAnswersForm,
    QualityRoundForm,
    RoutineStepForm,
    StatisticsForm,
)
from .models import QualityRound, RoutineStep, RoutineStepChange
from .quality import STATEMENTS, THEMES
from .statistics import MIN_GROUP, Statistics, absence_statistics

PAGE_SIZE = 50


def _units(user):
    return list(permissions.scope_units(user).order_by("path"))


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


# Deadline dashboard -----------------------------------------------------------------


def _dashboard_query(request, today: date):
    user = request.user
    units = _units(user)
    steps = RoutineStep.objects.filter(organisation__in={u.organisation_id for u in units}).order_by("pk")
    form = DashboardFilterForm(
        request.GET or None, units=units, managers=selectors.managers(user, today=today), steps=steps
    )
    form.is_valid()  # a filter that is not valid is left out; the others apply
    data = getattr(form, "cleaned_data", {})
    unit_id = _int(data.get("unit"))
    filters = selectors.DashboardFilters(
        unit=next((u for u in units if u.pk == unit_id), None),
        manager=_int(data.get("manager")),
        kind=data.get("kind") or "",
        state=data.get("state") or "",
    )
    return form, filters, selectors.dashboard_cases(user, filters, today=today)


def _row(case, today: date) -> dict:
    return {
        "case": case,
        "day": case.day_number(today),
        "state": selectors.state_of(case.next_due, today),
        "days_overdue": (today - case.next_due).days if case.next_due and case.next_due < today else 0,
    }


@login_required
def dashboard(request):
    """The HR start page: the deadline dashboard of every open case in HR's scope."""
    return render(request, "start/hr.html", dashboard_context(request))


def dashboard_context(request) -> dict:
    """The deadline dashboard's filters, counts and page of rows."""
    permissions.require_hr(request.user)
    today = timezone.localdate()
    form, filters, cases = _dashboard_query(request, today)
    result = selectors.dashboard(cases, filters.state, today=today, number=request.GET.get("page"), per_page=PAGE_SIZE)
    page = result.page
    page.object_list = [_row(case, today) for case in page.object_list]
    access.record_list_read(request, [row["case"].employee for row in page.object_list])
    return {
        "form": form,
        "filters": filters,
        "counts": result.counts,
        "page": page,
        "today": today,
        "retention": retention.retention_periods(),
        "filtered": any([filters.unit, filters.manager, filters.kind, filters.state]),
    }


@login_required
def dashboard_export(request, fmt: str):
    """The dashboard's rows with its filters, every page, as CSV or Excel; the export is logged."""
    permissions.require_hr(request.user)
    if fmt not in exports.FORMATS:
        raise Http404
    today = timezone.localdate()
    form, filters, cases = _dashboard_query(request, today)
    rows = []
    states = {value: str(label) for value, label in form.fields["state"].choices}
    # Issue 21: plain values, not four model instances a row, and the link and titles made once each.
    marker = 987654321
    link = request.build_absolute_uri(reverse("cases:detail", args=[marker])).split(str(marker))
    titles: dict[str, str] = {}
    columns = (
        "pk",
        "start",
        "next_due",
        "next_key",
        "employee__first_name",
        "employee__last_name",
        "employee__employee_number",
        "employee__unit__name",
        "employee__manager__first_name",
        "employee__manager__last_name",
    )
    for pk, start, due, key, first, last, number, unit, manager_first, manager_last in selectors.dashboard_rows(
        cases, filters.state, today=today
    ).values_list(*columns):
        if key and key not in titles:
            titles[key] = milestone_title(key)
        rows.append(
            [
                f"{first} {last}",
                number,
                unit,
                f"{manager_first} {manager_last}" if manager_last is not None else "",
                start,
                Case.day_of(start, today),
                titles.get(key, ""),
                due,
                states[selectors.state_of(due, today)],
                (today - due).days if due and due < today else None,
                f"{link[0]}{pk}{link[1]}",
            ]
        )
    table = exports.Table(
        title=_("Deadlines"),
        header=[
            _("Employee"),
            _("Employee number"),
            _("Unit"),
            _("Nearest manager"),
            _("First day of absence"),
            _("Day"),
            _("Next milestone"),
            _("Due"),
            _("Status"),
            _("Days overdue"),
            _("Case"),
        ],
        rows=rows,
        note=_("Exported %(date)s. Deadlines are estimates; NAV's decisions apply.") % {"date": today.isoformat()},
    )
    audit_record(
        actor=request.user,
        action="export.dashboard",
        detail={
            "format": fmt,
            "rows": len(rows),
            "unit": filters.unit.pk if filters.unit else None,
            "manager": filters.manager,
            "kind": filters.kind,
            "state": filters.state,
        },
    )
    return exports.response(table, fmt, f"frister-{today.isoformat()}")


# Compliance ---------------------------------------------------------------------------


@login_required
def compliance(request):
    """Per unit and milestone kind: the share done on time, done late, or still overdue."""
    permissions.require_hr(request.user)
    today = timezone.localdate()
    units = _units(request.user)
    form = ComplianceForm(request.GET or None, units=units, today=today)
    if form.is_valid():
        data = form.cleaned_data
    else:
        data = {"start": today - timedelta(days=365), "end": today}
    focus = next((u for u in units if u.pk == _int(data.get("unit"))), None)
    result = selectors.compliance(
        request.user, start=data["start"], end=data["end"], today=today, focus=focus, scope=units
    )
    access.record_list_read(request, result.employees)
    titles = {key: milestone_title(key) for key in result.keys}
    groups = [
        {"group": g, "tallies": t, "all": t.get("")} for g, t in zip(result.parts.groups, result.by_group, strict=True)
    ]
    return render(
        request,
        "hr/compliance.html",
        {
            "form": form,
            "result": result,
            "titles": titles,
            "groups": groups,
            "today": today,
            "start": data["start"],
            "end": data["end"],
            "focus": result.parts.focus,
            "kinds": [(key, titles[key], result.by_key[key]) for key in result.keys],
        },
    )


# Statistics ---------------------------------------------------------------------------


def _statistics(request, today: date) -> tuple[StatisticsForm, Statistics, date]:
    units = _units(request.user)
    form = StatisticsForm(request.GET or None, units=units, today=today)
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    month = data.get("month") or today.replace(day=1)
    focus = next((u for u in units if u.pk == _int(data.get("unit"))), None)
    return form, absence_statistics(request.user, last_month=month, today=today, focus=focus, scope=units), month


def _month_label(period) -> str:
    return date_format(period.start, "M Y")


def _quarter_label(period) -> str:
    return _("Q%(quarter)s %(year)s") % {"quarter": period.quarter, "year": period.start.year}


def _group_label(group) -> str:
    if group.own_staff:
        return _("%(unit)s (own staff)") % {"unit": group.unit.name}
    return group.unit.name


@login_required
def statistics(request):
    """The sick-leave rate per month, quarter and unit group, with charts and tables."""
    permissions.require_hr(request.user)
    today = timezone.localdate()
    form, stats, month = _statistics(request, today)
    month_labels = [_month_label(p) for p in stats.months]
    trend = charts.trend(
        stats.months,
        stats.total_months,
        month_labels,
        self_label=_("self-certified"),
        doctor_label=_("doctor-certified"),
        partial_label=_("the month is not over: figures so far"),
    )
    group_labels = [_group_label(r.group) for r in stats.rows]
    by_group = charts.by_group([r.year for r in stats.rows], group_labels)
    return render(
        request,
        "hr/statistics.html",
        {
            "form": form,
            "stats": stats,
            "today": today,
            "month": month,
            "min_group": MIN_GROUP,
            "months": list(zip(stats.months, month_labels, stats.total_months, strict=True)),
            "quarters": [(q, _quarter_label(q), c) for q, c in zip(stats.quarters, stats.total_quarters, strict=True)],
            "latest_quarter": _quarter_label(stats.quarters[-1]),
            "rows": list(zip(stats.rows, group_labels, strict=True)),
            "trend": trend,
            "by_group": by_group,
            "query": request.GET.urlencode(),
        },
    )


def _figures(cell) -> list:
    if cell.suppressed:
        return [None] * 8
    f = cell.figures
    return [
        round(f.agreed, 1),
        round(f.lost, 1),
        *(
            None if v is None else round(v, 2)
            for v in (f.rate, f.rate_of("self"), f.rate_of("doctor"), f.rate_of("short"), f.rate_of("long"))
        ),
        cell.long_cases,
    ]


@login_required
def statistics_export(request, fmt: str):
    """The statistics page's figures as CSV or Excel, small groups suppressed as on the page; logged."""
    permissions.require_hr(request.user)
    if fmt not in exports.FORMATS:
        raise Http404
    today = timezone.localdate()
    stats, month = _statistics(request, today)[1:]
    scope = stats.focus.name if stats.focus else _("Whole scope")
    hidden = _("Not shown: fewer than %(n)s employees") % {"n": MIN_GROUP}
    protected = _("Not shown: it would give a small group away")
    rows = []

    def add(table, group, label, period, cell):
        rows.append(
            [
                table,
                group,
                label,
                period.start,
                period.end,
                cell.employees,
                *_figures(cell),
                protected
                if cell.protected
                else hidden
                if cell.suppressed
                else _("Part of the period")
                if period.partial
                else "",
            ]
        )

    for period, cell in zip(stats.months, stats.total_months, strict=True):
        add(_("Month"), scope, _month_label(period), period, cell)
    for period, cell in zip(stats.quarters, stats.total_quarters, strict=True):
        add(_("Quarter"), scope, _quarter_label(period), period, cell)
    add(_("12 months"), scope, _("12 months"), stats.year, stats.total_year)
    for row in stats.rows:
        add(_("Unit, 12 months"), _group_label(row.group), _("12 months"), stats.year, row.year)
    for row in stats.rows:
        add(
            _("Unit, latest quarter"),
            _group_label(row.group),
            _quarter_label(stats.quarters[-1]),
            stats.quarters[-1],
            row.quarter,
        )
    table = exports.Table(
        title=_("Sick-leave statistics"),
        header=[
            _("Table"),
            _("Group"),
            _("Period"),
            _("From"),
            _("To"),
            _("Employees"),
            _("Agreed working days"),
            _("Lost working days"),
            _("Sick-leave rate (%)"),
            _("Self-certified (%)"),
            _("Doctor-certified (%)"),
            _("Short-term, up to 16 days (%)"),
            _("Long-term (%)"),
            _("Cases longer than 8 weeks"),
            _("Note"),
        ],
        rows=rows,
        note=_(
            "Sick-leave rate: lost working days (weighted by sick-leave grade and position percentage) divided by "
            "agreed working days (Monday to Friday except public holidays, weighted by position percentage). "
            "Groups of fewer than %(n)s employees are not shown."
        )
        % {"n": MIN_GROUP},
    )
    audit_record(
        actor=request.user,
        action="export.statistics",
        detail={"format": fmt, "unit": stats.focus.pk if stats.focus else None, "month": month.isoformat()},
    )
    return exports.response(table, fmt, f"sykefravaer-{month:%Y-%m}")


# The organisation's routine -------------------------------------------------------------


def _organisation(request):
    permissions.require_hr(request.user)
    organisation = permissions.hr_organisation(request.user)
    return organisation, permissions.may_manage(request.user, organisation)


@login_required
def routine_list(request):
    """The statutory milestones, which cannot be removed, and the organisation's own steps."""
    organisation, can_manage = _organisation(request)
    language = translation.get_language() or "nb"
    steps = list(RoutineStep.objects.filter(organisation=organisation).order_by("-active", "pk"))
    statutory = [
        {"key": str(k), "title": deadlines.milestone_title(k, language), "basis": deadlines.legal_basis(k, language)}
        for k in deadlines.MilestoneKey
    ]
    changes = (
        RoutineStepChange.objects.filter(step__organisation=organisation)
        .select_related("step", "by")
        .order_by("-at", "-pk")[:30]
    )
    return render(
        request,
        "hr/routine_list.html",
        {
            "organisation": organisation,
            "can_manage": can_manage,
            "statutory": statutory,
            "steps": [
                {"step": s, "when": routine.describe(s), "name": s.name(language), "reminder": s.reminder(language)}
                for s in steps
            ],
            "changes": changes,
            "routine_steps": routine_steps(organisation.pk),
        },
    )


def _step_form_page(request, organisation, step: RoutineStep | None):
    form = RoutineStepForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        try:
            if step is None:
                services.routine_step_create(organisation=organisation, by=request.user, **form.cleaned_data)
                messages.success(request, _("The step is added. Open cases get it from today."))
            else:
                services.routine_step_update(step=step, by=request.user, **form.cleaned_data)
                messages.success(request, _("The step is changed. The change applies from today."))
        except DomainError as error:
            add_to_form(form, error)
        else:
            return redirect("hr:routine")
    return render(request, "hr/routine_step_form.html", {"form": form, "step": step})


@login_required
def routine_step_new(request):
    organisation, can_manage = _organisation(request)
    if not can_manage:
        raise access.refuse(request.user, what="routine", action=Action.CHANGE)
    return _step_form_page(request, organisation, None)


@login_required
def routine_step_edit(request, pk: int):
    organisation, can_manage = _organisation(request)
    if not can_manage:
        raise access.refuse(request.user, what="routine", action=Action.CHANGE)
    step = get_object_or_404(RoutineStep, organisation=organisation, pk=pk)
    return _step_form_page(request, organisation, step)


@login_required
@require_POST
def routine_step_toggle(request, pk: int):
    organisation, can_manage = _organisation(request)
    if not can_manage:
        raise access.refuse(request.user, what="routine", action=Action.CHANGE)
    step = get_object_or_404(RoutineStep, organisation=organisation, pk=pk)
    step = services.routine_step_set_active(step=step, active=not step.active, by=request.user)
    messages.success(
        request,
        _("The step is in use again from today.")
        if step.active
        else _("The step is taken out of use. Milestones not yet due no longer apply."),
    )
    return redirect("hr:routine")


# Quality self-assessment ----------------------------------------------------------------


def _rounds(organisation):
    return list(
        QualityRound.objects.filter(organisation=organisation).prefetch_related("answers").order_by("-held_on", "-pk")
    )


def _scores(rnd: QualityRound) -> dict[str, int | None]:
    return {a.statement: a.score for a in rnd.answers.all()}


def _average(values) -> float | None:
    values = [v for v in values if v]
    return sum(values) / len(values) if values else None


@login_required
def quality_list(request):
    """Earlier rounds side by side: each statement's rating, and the average per theme."""
    organisation, can_manage = _organisation(request)
    language = translation.get_language() or "nb"
    rounds = _rounds(organisation)[:4]
    scores = [_scores(r) for r in rounds]
    themes = []
    for theme, title in THEMES.items():
        statements = [s for s in STATEMENTS if s.theme == theme]
        themes.append(
            {
                "title": title,
                "averages": [_average(sc.get(s.key) for s in statements) for sc in scores],
                "statements": [
                    {"text": s.text(language), "scores": [sc.get(s.key) for sc in scores]} for s in statements
                ],
            }
        )
    return render(
        request,
        "hr/quality_list.html",
        {
            "rounds": rounds,
            "themes": themes,
            "can_manage": can_manage,
            "averages": [_average(sc.values()) for sc in scores],
            "form": QualityRoundForm(initial={"held_on": timezone.localdate()}) if can_manage else None,
        },
    )


@login_required
@require_POST
def quality_new(request):
    organisation, can_manage = _organisation(request)
    if not can_manage:
        raise access.refuse(request.user, what="routine", action=Action.CHANGE)
    form = QualityRoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date of the assessment."))
        return redirect("hr:quality")
    rnd = services.quality_round_create(organisation=organisation, by=request.user, **form.cleaned_data)
    return redirect("hr:quality_round", rnd.pk)


@login_required
def quality_round(request, pk: int):
    """One round: rate each statement 1–5, agree measures, a responsible person and a date."""
    organisation, can_manage = _organisation(request)
    rnd = get_object_or_404(QualityRound.objects.prefetch_related("answers"), organisation=organisation, pk=pk)
    answers = {a.statement: a for a in rnd.answers.all()}
    previous = (
        QualityRound.objects.filter(organisation=organisation, held_on__lte=rnd.held_on)
        .exclude(pk=rnd.pk)
        .exclude(held_on=rnd.held_on, pk__gt=rnd.pk)
        .prefetch_related("answers")
        .order_by("-held_on", "-pk")
        .first()
    )
    before = _scores(previous) if previous else {}
    if request.method == "POST":
        if not can_manage:
            raise access.refuse(request.user, what="quality_round", pk=pk, action=Action.CHANGE)
        round_form = QualityRoundForm(request.POST, instance=rnd)
        form = QualityAnswersForm(request.POST, answers=answers)
        if round_form.is_valid() and form.is_valid():
            services.quality_round_save(rnd=rnd, by=request.user, answers=form.answers(), **round_form.cleaned_data)
            messages.success(request, _("The self-assessment is saved."))
            return redirect("hr:quality_round", rnd.pk)
    else:
        round_form = QualityRoundForm(instance=rnd)
        form = QualityAnswersForm(answers=answers)
    language = translation.get_language() or "nb"
    rows = []
    for statement, score, measures, responsible, due in form.rows():
        current = answers.get(statement.key)
        rows.append(
            {
                "statement": statement,
                "text": statement.text(language),
                "theme": THEMES[statement.theme],
                "score": score,
                "measures": measures,
                "responsible": responsible,
                "due": due,
                "answer": current,
                "before": before.get(statement.key),
                "change": (current.score - before[statement.key])
                if current and current.score and before.get(statement.key)
                else None,
            }
        )
    return render(
        request,
        "hr/quality_round.html",
        {
            "round": rnd,
            "previous": previous,
            "form": form,
            "round_form": round_form,
            "rows": rows,
            "can_manage": can_manage,
        },
    )
