"""Reads for self-certification: what the engine is given, and page-shaped lists with bounded queries."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

import deadlines
from cases import access
from cases.access import Action
from cases.models import AbsencePeriod
from deadlines.dates import add_months
from deadlines.egenmelding import WINDOW_MONTHS, WITHDRAW_OCCASIONS
from organisation.models import Employee, Organisation

from .models import EgenmeldingPolicy, SelfCertification, Withdrawal

# The history the engine counts (R14–R16: earlier egenmelding days without a doctor's note):
#  - every absence period of kind egenmelding. A confirmed self-certification *is* such a
#    period (the confirmation registers it), and managers register egenmelding reported by
#    phone the same way; reading the periods counts each day once, and follows the case when a
#    manager later corrects or removes a period;
#  - self-certifications still open (waiting for the manager, or sent back for correction):
#    the employee has used those days already, and counting them stops a second report for
#    the same window from getting a fresh 3 days while the first waits.
# Confirmed self-certifications are not read again (their period is), nor cancelled ones.


def history_for(employee: Employee, *, exclude: SelfCertification | None = None) -> list[deadlines.DateRange]:
    """The employee's earlier egenmelding days, for the engine (see the comment above)."""
    return histories_for([employee.pk], exclude=exclude).get(employee.pk, [])


def histories_for(
    employee_ids: Iterable[int], *, since: date | None = None, exclude: SelfCertification | None = None
) -> dict[int, list[deadlines.DateRange]]:
    """The egenmelding history of many employees in two queries; `since` drops what ended before."""
    # A queryset stays a subquery, so a large HR scope is not sent as a list of ids.
    ids = employee_ids if isinstance(employee_ids, QuerySet) else list(employee_ids)
    periods = AbsencePeriod.objects.filter(employee_id__in=ids, kind=AbsencePeriod.Kind.EGENMELDING)
    reports = SelfCertification.objects.open().filter(employee_id__in=ids)
    if since is not None:
        periods = periods.filter(end__gte=since)
        reports = reports.filter(end__gte=since)
    if exclude is not None:
        reports = reports.exclude(pk=exclude.pk)
    result: dict[int, list[deadlines.DateRange]] = defaultdict(list)
    for employee_id, start, end in [
        *periods.values_list("employee_id", "start", "end"),
        *reports.values_list("employee_id", "start", "end"),
    ]:
        result[employee_id].append(deadlines.DateRange(start, end))
    return dict(result)


def policy_for(organisation_id: int) -> EgenmeldingPolicy | None:
    """The organisation's policy, or None where the statutory rule applies."""
    return EgenmeldingPolicy.objects.filter(organisation_id=organisation_id).first()


def withdrawal_on(employee: Employee, day: date) -> Withdrawal | None:
    """HR's withdrawal of the right that covers a day, if any."""
    return Withdrawal.objects.filter(employee=employee, valid_from__lte=day, valid_to__gte=day).first()


def current_and_future_withdrawals(employee: Employee, *, today: date) -> QuerySet[Withdrawal]:
    return Withdrawal.objects.filter(employee=employee, valid_to__gte=today).order_by("valid_from")


def assess(
    employee: Employee, start: date, end: date, *, exclude: SelfCertification | None = None
) -> deadlines.EgenmeldingDecision:
    """The engine's decision on a proposed self-certification, with everything it needs from the database.

    `exclude` leaves out a report being corrected, so it is not counted against itself.
    A withdrawal counts when it covers the first proposed day (R15).
    """
    policy = policy_for(employee.organisation_id)
    return deadlines.egenmelding_decision(
        employment_start=employee.employment_start,
        proposed=deadlines.DateRange(start, end),
        history=history_for(employee, exclude=exclude),
        policy=policy.as_engine_policy() if policy else None,
        withdrawn=withdrawal_on(employee, start) is not None,
    )


@dataclass(frozen=True)
class Usage:
    """Egenmelding used in the 12 months up to and including a day."""

    occasions: int
    days: int

    @property
    def may_withdraw(self) -> bool:
        return self.occasions >= WITHDRAW_OCCASIONS


def usage_12m(history: Iterable[deadlines.DateRange], *, on: date) -> Usage:
    """Occasions and days in the 12 months up to `on`, counted by the engine (R15, R16, A8)."""
    usage = deadlines.egenmelding_usage(history, on=on)
    return Usage(occasions=usage.occasions_12m, days=usage.days_12m)


def employee_usage(employee: Employee, *, on: date) -> Usage:
    return usage_12m(history_for(employee), on=on)


# Pages ----------------------------------------------------------------------


def own_self_certifications(employee: Employee) -> QuerySet[SelfCertification]:
    return SelfCertification.objects.filter(employee=employee).select_related("decided_by__employee", "period")


def pending_for(user) -> QuerySet[SelfCertification]:
    """Self-certifications waiting for confirmation by someone who may change the employee's data."""
    return (
        SelfCertification.objects.pending()
        .filter(employee__in=access.visible_employees(user, Action.CHANGE).values("pk"))
        .exclude(employee__user=user)  # nobody confirms their own report
        .select_related("employee__unit")
        .order_by("submitted_at", "pk")
    )


@dataclass
class HRRow:
    employee: Employee
    usage: Usage
    pending: int
    withdrawal: Withdrawal | None


def hr_usage(user, *, today: date) -> list[tuple[int, Usage]]:
    """(employee id, usage) for every employee in the user's HR scope who self-certified in 12 months."""
    employees = access.visible_employees(user, Action.VIEW_AUDIT)
    since = add_months(today, -WINDOW_MONTHS) - timedelta(days=1)
    histories = histories_for(employees.values_list("pk", flat=True), since=since)
    rows = [(pk, usage_12m(history, on=today)) for pk, history in histories.items()]
    return [(pk, usage) for pk, usage in rows if usage.occasions or usage.days]


@dataclass
class HROverview:
    ordered_ids: list[int]  # most occasions first, then by name
    usage: dict[int, Usage]
    may_withdraw: list[HRRow]  # 4 or more occasions: HR may withdraw the right (R15)


def hr_overview(user, *, today: date) -> HROverview:
    """Everyone in the user's HR scope who self-certified in the last 12 months; a bounded number of queries."""
    usage = dict(hr_usage(user, today=today))
    names = dict(
        (pk, (last, first))
        for pk, last, first in Employee.objects.filter(pk__in=list(usage)).values_list("pk", "last_name", "first_name")
    )
    ordered = sorted(usage, key=lambda pk: (-usage[pk].occasions, -usage[pk].days, names.get(pk, ("", "")), pk))
    flagged = [pk for pk in ordered if usage[pk].may_withdraw]
    return HROverview(
        ordered_ids=ordered, usage=usage, may_withdraw=hr_rows(user, today=today, employee_ids=flagged, usage=usage)
    )


def hr_rows(user, *, today: date, employee_ids: list[int], usage: dict[int, Usage]) -> list[HRRow]:
    """One page of the HR overview: the employees, with what they have pending and any withdrawal."""
    employees = (
        access.visible_employees(user, Action.VIEW_AUDIT)
        .filter(pk__in=employee_ids)
        .select_related("unit", "organisation")
    )
    by_pk = {e.pk: e for e in employees}
    pending: dict[int, int] = defaultdict(int)
    for employee_id in (
        SelfCertification.objects.open().filter(employee_id__in=employee_ids).values_list("employee_id", flat=True)
    ):
        pending[employee_id] += 1
    withdrawals = {}
    for withdrawal in Withdrawal.objects.filter(employee_id__in=employee_ids, valid_to__gte=today).order_by(
        "-valid_from"
    ):
        withdrawals[withdrawal.employee_id] = withdrawal
    return [
        HRRow(employee=by_pk[pk], usage=usage.get(pk, Usage(0, 0)), pending=pending[pk], withdrawal=withdrawals.get(pk))
        for pk in employee_ids
        if pk in by_pk
    ]


def hr_organisations(user) -> list[Organisation]:
    """The organisations the user has HR access to, with their policies."""
    organisation_ids = user.hr_access.values("organisation_id") if user.is_authenticated else []
    return list(
        Organisation.objects.filter(pk__in=organisation_ids).select_related("egenmelding_policy").order_by("name")
    )


def may_set_policy(user, organisation: Organisation) -> bool:
    """Only HR for the whole organisation sets its policy: it applies to everyone there.

    This belongs in cases/access.py; it is here until that module has an action for it.
    """
    return (
        user.is_authenticated
        and user.is_active
        and user.hr_access.filter(organisation=organisation, whole_organisation=True).exists()
    )


def hr_recipients(employee: Employee) -> list:
    """Active HR users whose scope covers the employee, with an e-mail address."""
    from organisation.models import HRAccess

    users = {}
    accesses = (
        HRAccess.objects.filter(organisation_id=employee.organisation_id, user__is_active=True)
        .exclude(user__email="")
        .select_related("user__employee")
        .prefetch_related("units")
    )
    unit_path = employee.unit.path
    for hr in accesses:
        if hr.whole_organisation or any(unit_path.startswith(u.path) for u in hr.units.all()):
            users[hr.user_id] = hr.user
    return sorted(users.values(), key=lambda u: u.pk)


def right_from(employee: Employee) -> date:
    """The first day an absence may start and be self-certified: 2 months after employment began (R12)."""
    from deadlines.egenmelding import EMPLOYMENT_MONTHS

    return add_months(employee.employment_start, EMPLOYMENT_MONTHS)
