from django import template

register = template.Library()


@register.simple_tag
def nav_submission(version):
    """The version's submission to NAV's plan API, if any (one per version)."""
    from nav.models import PlanSubmission

    return PlanSubmission.objects.filter(version=version).prefetch_related("attempt_log").first()


@register.simple_tag
def nav_case_overview(case, user, today):
    """NAV's documents and inntektsmelding requests on the case, for the case page's NAV section."""
    from cases import access
    from nav.models import IncomeReportRequest, NavDocument

    if case.employee.user_id == getattr(user, "pk", None):
        return None  # the employer's copies
    documents = list(NavDocument.objects.filter(case=case).defer("content").select_related("meeting"))
    requests = list(IncomeReportRequest.objects.filter(case=case))
    if not documents and not requests:
        return None
    is_employee = case.employee.user_id == getattr(user, "pk", None)
    engine_period = None
    if requests:
        from cases import services

        timeline = services.employee_timeline(case.employee, on=today)
        engine = next((c for c in timeline.cases if c.start == case.start), None)
        engine_period = engine.employer_period if engine else None
    return {
        "documents": documents,
        "to_confirm": [d for d in documents if d.date_state == NavDocument.DateState.TO_CONFIRM],
        "income_requests": requests,
        "engine_period": engine_period,
        "can_change": not is_employee and access.can(user, access.Action.CHANGE, case),
        "is_employee": is_employee,
    }
