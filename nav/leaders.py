"""The nearest leader (nærmeste leder) at NAV: esyfo-narmesteleder, with an Altinn system-user token.

When an employee's nearest manager changes in the app (by hand, by import, or by a
delegation that hands the staff to an acting manager) `leaders_sync` writes an outbox
row (LeaderReport) for each sick-listed employee whose leader at NAV would differ from
what was last told; the worker sends each row once with `POST /api/v1/linemanager`
(or `…/revoke`), retrying transient failures with backoff. NAV's open requirements
(`GET /api/v1/linemanager/requirement`, NL-behov) become tasks for HR, answered by
choosing the manager, which sends `POST /api/v1/linemanager`.
"""

from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import audit_record
from cases.models import Case
from organisation import national_id as national_ids
from organisation.models import Delegation, Employee, Unit
from organisation.services import employee_manager_set

from . import http
from .conf import SCOPE_NARMESTELEDER, nav_config
from .errors import NavError, error
from .models import Integration, LeaderReport, LeaderRequirement

MAX_ATTEMPTS = 6
BACKOFF_SECONDS = 60
PAGE_SIZE = 50  # NAV caps it at 50
REFRESH_AT_MOST = 50
# The first fetch asks for requirements created after this.
EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=BACKOFF_SECONDS * 2 ** max(attempts - 1, 0))


# Who the leader is -------------------------------------------------------------


def business_unit_of(employee: Employee) -> Unit | None:
    """The employee's business unit (virksomhet): their unit or the nearest unit above it with a number."""
    ids = [int(part) for part in employee.unit.path.strip("/").split("/") if part]
    units = {u.pk: u for u in Unit.objects.filter(pk__in=ids).exclude(business_number="")}
    return next((units[pk] for pk in reversed(ids) if pk in units), None)


def integration_of(employee: Employee) -> Integration | None:
    unit = business_unit_of(employee)
    if unit is None:
        return None
    return Integration.objects.filter(unit=unit, enabled=True).select_related("unit__organisation").first()


def leader_of(employee: Employee, *, on) -> Employee | None:
    """The nearest leader NAV should know: the manager, or the acting manager while a delegation runs."""
    if employee.manager_id is None:
        return None
    acting = (
        Delegation.objects.active(on)
        .filter(manager_id=employee.manager_id)
        .exclude(acting_manager=employee)
        .select_related("acting_manager")
        .order_by("-starts_on", "-pk")
        .first()
    )
    return acting.acting_manager if acting is not None else employee.manager


def _target(report: LeaderReport | None) -> int | None:
    if report is None or report.action == LeaderReport.Action.REVOKE:
        return None
    return report.manager_id


@transaction.atomic
def leaders_sync(*, employee_ids=None, reason: str = "sync", by=None) -> list[LeaderReport]:
    """An outbox row for each sick-listed employee whose leader at NAV would change; never the same twice."""
    if not Integration.objects.filter(enabled=True).exists():
        return []
    today = timezone.localdate()
    employees = (
        Employee.objects.filter(cases__status=Case.Status.OPEN)
        .distinct()
        .select_related("unit", "manager", "organisation")
    )
    if employee_ids is not None:
        employees = employees.filter(pk__in=list(employee_ids))
    made = []
    for employee in employees:
        if integration_of(employee) is None:
            continue
        leader = leader_of(employee, on=today)
        last = employee.nav_leader_reports.order_by("-created_at", "-pk").first()
        wanted = leader.pk if leader is not None else None
        if (last is None and wanted is None) or (last is not None and _target(last) == wanted):
            continue
        made.append(_queue(employee, leader, reason=reason, by=by))
    return made


def _queue(
    employee: Employee, leader: Employee | None, *, reason: str, by=None, requirement: LeaderRequirement | None = None
) -> LeaderReport:
    report = LeaderReport.objects.create(
        employee=employee,
        manager=leader,
        requirement=requirement,
        reason=reason,
        created_by=by,
        action=LeaderReport.Action.ASSIGN if leader is not None else LeaderReport.Action.REVOKE,
    )
    audit_record(
        actor=by,
        action="nav.leader.queued",
        employee=employee,
        obj=report,
        detail={"action": report.action, "manager": leader.pk if leader else None, "reason": reason},
    )
    from .tasks import send_leader

    transaction.on_commit(lambda: send_leader.delay(report.pk))
    return report


# What NAV gets ---------------------------------------------------------------


def _mobile(value: str) -> str:
    """Spaces out; a plus sign only first, as NAV accepts it."""
    value = "".join(value.split())
    return value[:1] + value[1:].replace("+", "")


# What may be missing before NAV can be told, by the key kept on the outbox row.
MISSING = {
    "employee_national_id": gettext_lazy("the employee's national identity number"),
    "leader": gettext_lazy("the nearest leader"),
    "manager_national_id": gettext_lazy("the manager's national identity number"),
    "manager_mobile": gettext_lazy("the manager's mobile number"),
    "manager_email": gettext_lazy("the manager's e-mail"),
}


def missing_text(keys: str) -> str:
    return ", ".join(str(MISSING.get(key, key)) for key in keys.split(",") if key)


def leader_payload(report: LeaderReport, business_number: str) -> dict:
    """Linemanager or LinemanagerRevoke as the pinned contract has them; refuses when data is missing."""
    employee = report.employee
    missing = []
    if not employee.national_id_encrypted:
        missing.append("employee_national_id")
    payload = {
        "employeeIdentificationNumber": employee.national_id,
        "orgNumber": business_number,
        "lastName": employee.last_name,
    }
    if report.action == LeaderReport.Action.ASSIGN:
        manager = report.manager
        if manager is None:
            missing.append("leader")
        else:
            if not manager.national_id_encrypted:
                missing.append("manager_national_id")
            if not manager.mobile.strip():
                missing.append("manager_mobile")
            if not manager.email:
                missing.append("manager_email")
            payload["manager"] = {
                "nationalIdentificationNumber": manager.national_id,
                "lastName": manager.last_name,
                "mobile": _mobile(manager.mobile),
                "email": manager.email,
            }
    if missing:
        failure = error("leader_missing_data", missing_text(",".join(missing)))
        failure.detail = ",".join(missing)  # kept as keys, shown in the reader's language
        raise failure
    return payload


def leader_send(*, report_id: int) -> LeaderReport | None:
    """One attempt; only one worker at a time, and never after it was sent or refused."""
    with transaction.atomic():
        report = (
            LeaderReport.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("employee__unit", "employee__organisation", "manager", "requirement")
            .filter(pk=report_id, status__in=[LeaderReport.Status.QUEUED, LeaderReport.Status.RETRYING])
            .first()
        )
        if report is None:
            return None
        employee = report.employee
        report.attempts += 1
        try:
            unit = business_unit_of(employee)
            if unit is None:
                raise error("EMPLOYEE_MISSING_EMPLOYMENT_IN_ORG")
            path = (
                "/api/v1/linemanager" if report.action == LeaderReport.Action.ASSIGN else "/api/v1/linemanager/revoke"
            )
            http.call(
                "POST",
                f"{nav_config().narmesteleder_url}{path}",
                scope=SCOPE_NARMESTELEDER,
                orgnr=employee.organisation.org_number,
                json=leader_payload(report, unit.business_number),
                employee=employee,
            )
        except NavError as failure:
            _failed(report, failure)
        else:
            _sent(report)
        report.save()
        return report


def _failed(report: LeaderReport, failure: NavError) -> None:
    report.last_error_code = failure.code
    report.last_error_detail = _detail_of(failure)
    if failure.transient and report.attempts < MAX_ATTEMPTS:
        report.status = LeaderReport.Status.RETRYING
        report.next_attempt_at = timezone.now() + backoff(report.attempts)
    else:
        report.status = LeaderReport.Status.FAILED
        report.next_attempt_at = None
    audit_record(
        actor=None,
        action="nav.leader.attempt_failed",
        employee=report.employee,
        obj=report,
        detail={
            "attempt": report.attempts,
            "error": failure.code,
            "will_retry": report.status == LeaderReport.Status.RETRYING,
        },
    )


def _detail_of(failure: NavError) -> str:
    return str(getattr(failure, "detail", "") or "")[:300]


def _sent(report: LeaderReport) -> None:
    report.status = LeaderReport.Status.SENT
    report.sent_at = timezone.now()
    report.next_attempt_at = None
    report.last_error_code = report.last_error_detail = ""
    if report.requirement_id:
        LeaderRequirement.objects.filter(pk=report.requirement_id).update(state=LeaderRequirement.State.ANSWERED)
    audit_record(
        actor=None,
        action="nav.leader.sent",
        employee=report.employee,
        obj=report,
        detail={"action": report.action, "manager": report.manager_id, "attempt": report.attempts},
    )


def leaders_due() -> list[int]:
    now = timezone.now()
    return list(
        LeaderReport.objects.filter(status__in=[LeaderReport.Status.QUEUED, LeaderReport.Status.RETRYING])
        .exclude(next_attempt_at__gt=now)
        .values_list("pk", flat=True)
    )


@transaction.atomic
def leader_report_retry(*, report: LeaderReport, by) -> LeaderReport:
    """HR fixed what NAV refused (a last name, a mobile number): send the same leader again."""
    report = LeaderReport.objects.select_for_update().get(pk=report.pk)
    if report.status != LeaderReport.Status.FAILED:
        return report
    audit_record(actor=by, action="nav.leader.retry", employee=report.employee, obj=report)
    return _queue(report.employee, report.manager, reason=report.reason, by=by, requirement=report.requirement)


# NAV's requirements (NL-behov) -----------------------------------------------------


def requirements_fetch(*, integration: Integration) -> int:
    """New requirements for the business unit, paged by the last `created`; each one an HR task."""
    unit = integration.unit
    after = integration.requirements_after or EPOCH
    count = 0
    while True:
        response = http.call(
            "GET",
            f"{nav_config().narmesteleder_url}/api/v1/linemanager/requirement",
            scope=SCOPE_NARMESTELEDER,
            orgnr=unit.organisation.org_number,
            params={"orgNumber": unit.business_number, "createdAfter": _iso(after), "pageSize": PAGE_SIZE},
        )
        body = response.json()
        items = body["linemanagerRequirements"]
        for item in items:
            requirement_receive(integration=integration, item=item)
            count += 1
            after = max(after, _parse(item["created"]))
        if not body["meta"]["hasMore"] or not items:
            break
    Integration.objects.filter(pk=integration.pk).update(requirements_after=after)
    integration.requirements_after = after
    # Those still open here: NAV may have closed them (a leader given in NAV's own service).
    for open_one in LeaderRequirement.objects.filter(
        integration=integration,
        state=LeaderRequirement.State.OPEN,
    ).order_by("fetched_at")[:REFRESH_AT_MOST]:
        item = http.call(
            "GET",
            f"{nav_config().narmesteleder_url}/api/v1/linemanager/requirement/{open_one.nav_id}",
            scope=SCOPE_NARMESTELEDER,
            orgnr=unit.organisation.org_number,
        ).json()
        requirement_receive(integration=integration, item=item)
    return count


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _parse(text: str) -> datetime:
    value = parse_datetime(text)
    if value is None:
        raise ValueError(text)
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value


@transaction.atomic
def requirement_receive(*, integration: Integration, item: dict) -> LeaderRequirement:
    national_id = national_ids.normalise(str(item["employeeIdentificationNumber"]))
    hashed = national_ids.lookup_hash(national_id)
    matches = list(Employee.objects.filter(organisation=integration.unit.organisation_id, national_id_hash=hashed)[:2])
    name = item.get("name") or {}
    requirement, created = LeaderRequirement.objects.select_for_update().get_or_create(
        nav_id=item["id"],
        defaults={
            "integration": integration,
            "created_at_nav": _parse(item["created"]),
            "nav_status": item["status"],
            "national_id_hash": hashed,
            "name": " ".join(p for p in (name.get("firstName"), name.get("middleName"), name.get("lastName")) if p),
        },
    )
    requirement.employee = matches[0] if len(matches) == 1 else None
    requirement.nav_status = item["status"]
    requirement.revoked_by = item.get("revokedBy") or ""
    if item["status"] == "COMPLETED" and requirement.state == LeaderRequirement.State.OPEN:
        requirement.state = LeaderRequirement.State.CLOSED
    requirement.save()
    if created:
        audit_record(
            actor=None,
            action="nav.leader_requirement.received",
            employee=requirement.employee,
            obj=requirement,
            detail={"nav_status": item["status"], "matched": requirement.employee_id},
        )
    return requirement


@transaction.atomic
def requirement_answer(*, requirement: LeaderRequirement, manager: Employee, by) -> LeaderReport:
    """HR chooses the nearest leader for NAV's requirement: the app's record follows and NAV is told."""
    requirement = (
        LeaderRequirement.objects.select_for_update(of=("self",)).select_related("employee").get(pk=requirement.pk)
    )
    employee = requirement.employee
    if requirement.state != LeaderRequirement.State.OPEN:
        raise error("bad_request", _("this requirement is answered already"))
    if employee is None:
        raise error("bad_request", _("no employee in the app matches the requirement"))
    if manager.pk == employee.pk or manager.organisation_id != employee.organisation_id:
        raise error("bad_request", _("choose someone else in the organisation as nearest leader"))
    if employee.manager_id != manager.pk:
        employee_manager_set(employee=employee, manager=manager, source="requirement")
        audit_record(
            actor=by,
            action="employee.manager",
            employee=employee,
            obj=employee,
            detail={"after": manager.pk, "source": "nav_requirement"},
        )
    return _queue(employee, manager, reason="requirement", by=by, requirement=requirement)
