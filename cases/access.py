"""The one access policy: who may see or change what.

Every view, API endpoint, file download and export asks this module, and
querysets are scoped here, so no object is fetched before it is allowed.

- An employee sees their own data.
- A manager sees the employees they manage now (nærmeste leder), and an
  acting manager those of a delegation while it runs.
- HR sees the employees of its scope: the whole organisation or some units
  with their sub-units.
  A manager keeps access to a case for 4 months after it ended, as NAV
  gives the nearest manager access to the follow-up plan.
- An administrator manages the organisation in Django's admin and reads the
  whole audit log, but sees no case data unless also given HR access.

A refused object answers 404, as if it did not exist, and is logged.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, timedelta
from enum import StrEnum, nonmember

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_list_read, audit_record
from organisation.models import Delegation, Employee
from organisation.selectors import employee_of  # noqa: F401  (part of this module's interface)

from .models import AbsencePeriod, Case


class Role(StrEnum):
    do_not_call_in_templates = nonmember(True)

    EMPLOYEE = "employee"
    MANAGER = "manager"
    HR = "hr"
    ADMIN = "admin"


class Action(StrEnum):
    VIEW = "view"  # the employee and their case
    CHANGE = "change"  # register absence, record conversations, plans, meetings
    VIEW_PRIVATE = "view_private"  # the manager's private notes
    VIEW_AUDIT = "view_audit"  # the employee's audit trail
    PARTICIPATE = "participate"  # the employee's own part: comment, assess, approve, prepare
    VIEW_NATIONAL_ID = "view_national_id"  # the national identity number in full (HR only)


# Which relation to the employee grants which action.
_SELF_ACTIONS = {Action.VIEW, Action.PARTICIPATE}
_MANAGER_ACTIONS = {Action.VIEW, Action.CHANGE, Action.VIEW_PRIVATE}
_HR_ACTIONS = {Action.VIEW, Action.CHANGE, Action.VIEW_PRIVATE, Action.VIEW_AUDIT, Action.VIEW_NATIONAL_ID}


def today() -> date:
    return timezone.localdate()


# Within a request, what a user's access rests on (the managers whose staff they see, their HR access) is read
# once and kept here; outside a request (tasks, shell, tests calling this module) it is read every time.
_request_memo: ContextVar[dict | None] = ContextVar("access_request_memo", default=None)


@contextmanager
def request_scope():
    """Keep what access rests on for the duration of a block (one request)."""
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


class RequestScopeMiddleware:
    """Evaluate each user's access once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope():
            return self.get_response(request)


def _memo(key: tuple, compute):
    memo = _request_memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def managed_employees(user, *, on: date | None = None) -> QuerySet[Employee]:
    """The employees a user manages on a day: own staff, plus staff of active delegations."""
    managers = _manager_ids(user, on=on or today())
    if not managers:
        return Employee.objects.none()
    # Plain ids, so the index on the manager serves it (an OR with a subquery made PostgreSQL scan every employee).
    return Employee.objects.filter(manager_id__in=managers)


def _manager_ids(user, *, on: date) -> list[int]:
    """The user's own employee id and those of the managers delegating to them on a day."""
    me = employee_of(user)
    if me is None or not user.is_active:
        return []

    def compute() -> list[int]:
        delegating = Delegation.objects.active(on).filter(acting_manager=me).values_list("manager_id", flat=True)
        return [me.pk, *sorted(set(delegating) - {me.pk})]

    return _memo(("managers", user.pk, on), compute)


def _hr_accesses(user) -> list:
    return _memo(("hr", user.pk), lambda: list(user.hr_access.prefetch_related("units")))


def _hr_scope(user) -> Q | None:
    """A filter for the employees in the user's HR scope, or None without HR access."""
    if not user.is_authenticated or not user.is_active:
        return None
    scope: Q | None = None
    for access in _hr_accesses(user):
        if access.whole_organisation:
            part = Q(organisation_id=access.organisation_id)
        else:
            part = Q(pk__in=[])
            for unit in access.units.all():
                part |= Q(organisation_id=access.organisation_id, unit__path__startswith=unit.path)
        scope = part if scope is None else scope | part
    return scope


def roles(user, *, on: date | None = None) -> frozenset[Role]:
    """The roles a user has now; cached on the user object for the request."""
    cached = getattr(user, "_sykefravaer_roles", None)
    if cached is not None and on is None:
        return cached
    found: set[Role] = set()
    if user.is_authenticated and user.is_active:
        if employee_of(user) is not None:
            found.add(Role.EMPLOYEE)
        if managed_employees(user, on=on).exists():
            found.add(Role.MANAGER)
        if _hr_accesses(user):
            found.add(Role.HR)
        if user.is_superuser:
            found.add(Role.ADMIN)
    result = frozenset(found)
    if on is None:
        user._sykefravaer_roles = result
    return result


def visible_employees(user, action: Action = Action.VIEW, *, on: date | None = None) -> QuerySet[Employee]:
    """Every employee on whom the user may perform the action."""
    if not user.is_authenticated or not user.is_active:
        return Employee.objects.none()
    allowed = Q(pk__in=[])
    me = employee_of(user)
    if me is not None and action in _SELF_ACTIONS:
        allowed |= Q(pk=me.pk)
    if action in _MANAGER_ACTIONS:
        allowed |= Q(pk__in=managed_employees(user, on=on).values("pk"))
    hr = _hr_scope(user)
    if hr is not None and action in _HR_ACTIONS:
        allowed |= hr
    return Employee.objects.filter(allowed)


# NAV gives the nearest manager access to the plan until 4 months after the sick leave.
MANAGER_ACCESS_AFTER_CASE_END = timedelta(days=122)


def visible_cases(user, action: Action = Action.VIEW, *, on: date | None = None) -> QuerySet[Case]:
    """Every case on which the user may perform the action."""
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    on = on or today()
    allowed = Q(pk__in=[])
    me = employee_of(user)
    if me is not None and action in _SELF_ACTIONS:
        allowed |= Q(employee=me)
    if action in _MANAGER_ACTIONS:
        allowed |= Q(
            employee__in=managed_employees(user, on=on).values("pk"), end__gte=on - MANAGER_ACCESS_AFTER_CASE_END
        )
    hr = _hr_scope(user)
    if hr is not None and action in _HR_ACTIONS:
        allowed |= Q(employee__in=Employee.objects.filter(hr).values("pk"))
    return Case.objects.current().filter(allowed)


def can(user, action: Action, obj: Employee | Case) -> bool:
    if isinstance(obj, Case):
        return visible_cases(user, action).filter(pk=obj.pk).exists()
    return visible_employees(user, action).filter(pk=obj.pk).exists()


def get_case_or_404(user, pk, action: Action = Action.VIEW) -> Case:
    """The case, if the user may perform the action on it; the access is logged."""
    case = (
        visible_cases(user, action).select_related("employee__unit", "employee__manager").filter(pk=pk).first()
        if str(pk).isdigit()
        else None
    )
    if case is None:
        raise refuse(user, what="case", pk=pk, action=action)
    audit_record(actor=user, action=f"case.{action}", employee=case.employee, obj=case)
    return case


def refuse(user, *, what: str, pk="", action: Action | str = Action.VIEW) -> Http404:
    """Log a refused access and return the 404 to raise: the one way this app refuses.

    A page or object the user may not see answers as if it did not exist (404), so a
    refusal tells nothing about what is there; every refusal is an audit event.
    """
    audit_record(actor=user, action="access.denied", detail={"object": what, "id": str(pk), "action": str(action)})
    return Http404()


def get_employee_or_404(user, pk, action: Action = Action.VIEW) -> Employee:
    """The employee, if the user may perform the action on them; the read is logged."""
    employee = (
        visible_employees(user, action).select_related("unit", "manager", "organisation").filter(pk=pk).first()
        if str(pk).isdigit()
        else None
    )
    if employee is None:
        raise refuse(user, what="employee", pk=pk, action=action)
    audit_record(actor=user, action=f"employee.{action}", employee=employee, obj=employee)
    return employee


def record_list_read(request, employees, *, detail: dict | None = None) -> None:
    """Log that the user read a list of employees (a start page, a search, an API list): one event, one INSERT.

    `employees` are Employee objects (their organisation_id is read, no query) or (id, organisation id) pairs.
    The page is the URL's name, so the log says where the list was seen.
    """
    pairs = [(e.pk, e.organisation_id) if isinstance(e, Employee) else tuple(e) for e in employees]
    page = request.resolver_match.view_name if getattr(request, "resolver_match", None) else request.path
    audit_list_read(actor=request.user, page=page, employees=pairs, detail=detail)


def get_period_or_404(user, pk, action: Action = Action.CHANGE) -> AbsencePeriod:
    """An absence period of an employee on whom the user may perform the action."""
    period = (
        AbsencePeriod.objects.filter(employee__in=visible_employees(user, action).values("pk"), pk=pk)
        .select_related("employee")
        .first()
        if str(pk).isdigit()
        else None
    )
    if period is None:
        raise refuse(user, what="period", pk=pk, action=action)
    return period


# An event concerns an employee when it names one, or lists several (a list read: detail["employees"]).
CONCERNS_NO_EMPLOYEE = Q(employee__isnull=True) & ~Q(detail__has_key="employees")


def whole_organisations(user) -> list[int]:
    """The organisations the user has HR access to as a whole (not only some units): they keep its lists."""
    if not user.is_authenticated or not user.is_active:
        return []
    return sorted({a.organisation_id for a in _hr_accesses(user) if a.whole_organisation})


def hr_organisations(user) -> list[int]:
    """The organisations in which the user has any HR access."""
    if not user.is_authenticated or not user.is_active:
        return []
    return sorted({a.organisation_id for a in _hr_accesses(user)})


def visible_audit_events(user) -> QuerySet[AuditEvent]:
    """The events a user may read in the audit log (the page /logg/ and the admin).

    An event that concerns an employee (who read whose case, who is on a list, an egenmelding) is health
    data: only HR reads it, for the employees in its scope, and list reads for the organisations it has
    whole. Administrators read the rest of the log — sign-ins, settings, refusals — and nothing more
    unless also given HR access.
    """
    if not user.is_authenticated or not user.is_active:
        return AuditEvent.objects.none()
    allowed = Q(pk__in=[])
    if user.is_superuser:
        allowed |= CONCERNS_NO_EMPLOYEE
    hr = _hr_scope(user)
    if hr is not None:
        allowed |= Q(employee__in=Employee.objects.filter(hr).values("pk"))
        whole = [access.organisation_id for access in _hr_accesses(user) if access.whole_organisation]
        if whole:
            allowed |= Q(employee__isnull=True, detail__has_key="employees", detail__organisation__in=whole)
    return AuditEvent.objects.filter(allowed)
