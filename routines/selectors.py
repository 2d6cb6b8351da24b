"""Page-shaped reads of the routines: bounded queries, paginated where lists can grow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce

from cases import access
from cases.access import Action, Role
from cases.models import Case
from organisation.models import HRAccess, Organisation

from . import bht, flags, letters
from .config import settings_by_organisation, settings_for
from .models import Flag, MaxDateLetter


def hr_organisation(user) -> Organisation:
    """The organisation the user is HR for (the first, if several); others get a logged 404."""
    if Role.HR not in access.roles(user):
        raise access.refuse(user, what="hr", action=Action.VIEW_AUDIT)
    grant = HRAccess.objects.filter(user=user).select_related("organisation").order_by("pk").first()
    if grant is None:
        raise access.refuse(user, what="hr_organisation", action=Action.VIEW_AUDIT)
    return grant.organisation


def may_manage(user, organisation: Organisation) -> bool:
    """HR for the whole organisation changes its routine."""
    return HRAccess.objects.filter(user=user, organisation=organisation, whole_organisation=True).exists()


def letter_tasks(user, *, today):
    """HR's max-date letter tasks: open cases in HR scope whose letter task is open, the unsent first."""
    cases = (
        access.visible_cases(user, Action.VIEW_AUDIT)
        .open()
        .annotate(eff=Coalesce(F("max_date_from_nav"), F("max_date_estimate")))
        .filter(eff__isnull=False)
    )
    configs = settings_by_organisation(cases.values_list("employee__organisation_id", flat=True).distinct())
    window = Q(pk__in=[])
    for organisation_id, config in configs.items():
        if config.letter_enabled:
            window |= Q(
                employee__organisation_id=organisation_id, eff__lte=today + timedelta(weeks=config.letter_weeks_from)
            )
    sent = MaxDateLetter.objects.filter(case=OuterRef("pk"), max_date=OuterRef("eff"))
    return (
        cases.filter(window)
        .annotate(sent=Exists(sent), any_sent=Exists(MaxDateLetter.objects.filter(case=OuterRef("pk"))))
        .select_related("employee__unit")
        .order_by("sent", "eff", "pk")
    )


def flagged(user):
    """Open flags of the employees in HR scope, for a paginated list."""
    employees = access.visible_employees(user, Action.VIEW_AUDIT)
    return (
        Flag.objects.filter(cleared_on=None, employee__in=employees.values("pk"))
        .select_related("employee__unit", "case")
        .order_by("-raised_on", "pk")
    )


@dataclass
class CaseSection:
    flags: list[dict]
    suggested: tuple
    employee_actions: tuple
    is_employee: bool
    can_change: bool
    is_hr: bool
    bht_enabled: bool
    service: object
    involvements: list
    dm1: object
    bht_invited: object
    letter: letters.LetterState | None


def case_section(case: Case, user) -> CaseSection:
    """What the case page shows of the routines; the employee sees the flags and their rules too."""
    config = settings_for(case.employee.organisation_id)
    is_employee = case.employee.user_id == user.pk
    can_change = not is_employee and access.can(user, Action.CHANGE, case)
    is_hr = not is_employee and access.can(user, Action.VIEW_AUDIT, case)
    shown = flags.with_texts(flags.open_flags(employee=case.employee, case=case)) if config.flags_enabled else []
    dm1 = bht.planned_dm1(case) if config.bht_enabled and can_change else None
    return CaseSection(
        flags=shown,
        suggested=flags.MANAGER_ACTIONS,
        employee_actions=flags.EMPLOYEE_ACTIONS,
        is_employee=is_employee,
        can_change=can_change,
        is_hr=is_hr,
        bht_enabled=config.bht_enabled,
        service=bht.service_of(case.employee.organisation_id) if config.bht_enabled else None,
        involvements=list(case.bht_involvements.all()[:20]) if config.bht_enabled and not is_employee else [],
        dm1=dm1,
        bht_invited=bht.invited(dm1) if dm1 is not None else None,
        letter=letters.letter_state(case, config) if is_hr and config.letter_enabled else None,
    )


def employee_flags(employee) -> list[dict]:
    """The employee's open flags with their rules (for the employee's own page and the employee page)."""
    if not settings_for(employee.organisation_id).flags_enabled:
        return []
    return flags.with_texts(flags.open_flags(employee=employee))
