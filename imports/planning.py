"""Validate a parsed employee file and plan what importing it would do.

Every row is checked before anything is written (each column by its validator in validators.py, units by
units.py); the plan says for each row
whether the employee is created, changed (and which fields) or left alone,
which units are created, and, for a file that lists all employees, who is
marked as having left. Applying the plan (services.py) writes exactly this.

Bounded queries: the organisation's units and employees are loaded once each.
"""

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from organisation.models import Employee, Organisation, Unit
from organisation.national_id import mask as mask_national_id

from . import validators
from .parsing import Issue, ParsedFile, Row
from .units import UnitNode, UnitTree, resolve_unit


class Action:
    CREATE = "create"
    CHANGE = "change"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str


@dataclass
class RowPlan:
    line: int
    employee_number: str
    name: str
    action: str = Action.UNCHANGED
    changes: list[Change] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    employee: Employee | None = None
    # What the employee should look like, for applying: model field -> value.
    target: dict = field(default_factory=dict)
    unit: UnitNode | None = None
    manager_number: str | None = None  # None: the file says nothing about the manager
    business_unit_number: str = ""  # the unit's virksomhetsnummer, if the file gives it


@dataclass
class Deactivation:
    employee: Employee
    end: date

    @property
    def name(self) -> str:
        return self.employee.full_name


@dataclass
class Plan:
    organisation: Organisation
    on: date
    full: bool
    rows: list[RowPlan] = field(default_factory=list)
    deactivations: list[Deactivation] = field(default_factory=list)
    new_units: list[UnitNode] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def rows_with(self, action: str) -> list[RowPlan]:
        return [r for r in self.rows if r.action == action]

    @property
    def counts(self) -> dict[str, int]:
        actions = defaultdict(int)
        for row in self.rows:
            actions[row.action] += 1
        return {
            "rows": len(self.rows),
            "create": actions[Action.CREATE],
            "change": actions[Action.CHANGE],
            "unchanged": actions[Action.UNCHANGED],
            "error_rows": actions[Action.ERROR],
            "deactivate": len(self.deactivations),
            "new_units": len(self.new_units),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }

    @property
    def fingerprint(self) -> str:
        """What applying would write; the confirmation must see the same as the preview."""
        # Values, not their display: the background task checks it in another language than the page's.
        data = [
            [
                [
                    r.line,
                    r.action,
                    [c.field for c in r.changes],
                    [[name, str(value)] for name, value in r.target.items()],
                    r.unit.names if r.unit else None,
                    r.manager_number,
                ]
                for r in self.rows
            ],
            [[d.employee.pk, str(d.end)] for d in self.deactivations],
            [n.names for n in self.new_units],
            [[e.line, e.column] for e in self.errors],
        ]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


_LABELS = {
    "first_name": lambda: str(Employee._meta.get_field("first_name").verbose_name),
    "last_name": lambda: str(Employee._meta.get_field("last_name").verbose_name),
    "email": lambda: str(Employee._meta.get_field("email").verbose_name),
    "mobile": lambda: str(Employee._meta.get_field("mobile").verbose_name),
    "unit": lambda: str(Employee._meta.get_field("unit").verbose_name),
    "manager": lambda: str(Employee._meta.get_field("manager").verbose_name),
    "employment_start": lambda: str(Employee._meta.get_field("employment_start").verbose_name),
    "employment_end": lambda: str(Employee._meta.get_field("employment_end").verbose_name),
    "position_percentage": lambda: str(Employee._meta.get_field("position_percentage").verbose_name),
    "preferred_language": lambda: str(Employee._meta.get_field("preferred_language").verbose_name),
    "national_id": lambda: _("national identity number"),
    "business_unit_number": lambda: str(Unit._meta.get_field("business_number").verbose_name),
}


def _show(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def plan_import(parsed: ParsedFile, *, organisation: Organisation, full: bool, on: date) -> Plan:
    """Check every row of the file against the organisation and plan the import."""
    plan = Plan(organisation=organisation, on=on, full=full, errors=list(parsed.errors), warnings=list(parsed.warnings))
    if parsed.errors:
        return plan
    tree = UnitTree(list(Unit.objects.filter(organisation=organisation)))
    existing = {e.employee_number: e for e in Employee.objects.filter(organisation=organisation)}
    number_of = {e.pk: e.employee_number for e in existing.values()}
    context = validators.Context(organisation=organisation, columns=frozenset(parsed.columns))

    first_line: dict[str, int] = {}
    for row in parsed.rows:
        plan.rows.append(_check_row(row, context, first_line))
    # Units: paths and parents first, so a plain name can refer to a unit another row creates.
    by_line = {r.line: r for r in plan.rows}
    ordered = sorted(parsed.rows, key=lambda r: ("/" not in r.get("unit") and not r.get("parent_unit"), r.line))
    for row in ordered:
        row_plan = by_line[row.line]
        if not row.get("unit") or not row_plan.errors:  # a row with errors creates no units
            row_plan.unit, issue = resolve_unit(row, tree)
            if issue is not None:
                row_plan.errors.append(issue)
    _check_business_unit_numbers(plan.rows)

    in_file = {r.employee_number for r in plan.rows if r.employee_number}
    leaving = set()
    if full:
        for number, employee in existing.items():
            if number not in in_file and (employee.employment_end is None or employee.employment_end > on):
                plan.deactivations.append(Deactivation(employee, on))
                leaving.add(number)
        plan.deactivations.sort(key=lambda d: (d.employee.last_name, d.employee.first_name, d.employee.pk))

    names = {r.employee_number: r.name for r in plan.rows}
    for row_plan in plan.rows:
        number = row_plan.manager_number
        if not number:
            continue
        if number == row_plan.employee_number:
            row_plan.errors.append(
                Issue(row_plan.line, "manager_employee_number", _("An employee cannot be their own manager."))
            )
        elif number not in in_file and number not in existing:
            row_plan.errors.append(
                Issue(
                    row_plan.line,
                    "manager_employee_number",
                    _("Manager %(number)s not found: not in the file and not an employee.") % {"number": number},
                )
            )
        elif number in leaving:
            plan.warnings.append(
                Issue(
                    row_plan.line,
                    "manager_employee_number",
                    _("Manager %(number)s is not in the file and will be marked as having left.") % {"number": number},
                )
            )

    for row_plan in plan.rows:
        if row_plan.errors:
            row_plan.action = Action.ERROR
            plan.errors.extend(row_plan.errors)
            continue
        row_plan.employee = existing.get(row_plan.employee_number)
        _compare(row_plan, tree, existing, number_of, names)
    plan.errors.sort(key=lambda e: (e.line or 0, e.column))
    plan.new_units = tree.new_nodes()
    return plan


def _check_row(row: Row, context: validators.Context, first_line: dict[str, int]) -> RowPlan:
    """One row on its own: each column's validator, the checks across its cells, and a repeated number."""
    number = row.get("employee_number")
    target, errors = validators.check_cells(row, context)
    plan = RowPlan(
        line=row.line,
        employee_number=number,
        target=target,
        errors=errors,
        name=f"{row.get('first_name')} {row.get('last_name')}".strip(),
    )
    target.setdefault("first_name", row.get("first_name"))
    target.setdefault("last_name", row.get("last_name"))
    for check in validators.ROW_CHECKS:
        if issue := check(row, target):
            errors.append(issue)
    if number:
        if number in first_line:
            errors.append(
                Issue(
                    row.line,
                    "employee_number",
                    _("Employee number %(number)s is also on line %(line)d.")
                    % {"number": number, "line": first_line[number]},
                )
            )
        else:
            first_line[number] = row.line
    if "manager_employee_number" in context.columns:
        plan.manager_number = row.get("manager_employee_number")
    plan.business_unit_number = target.pop("business_unit_number", "")  # the unit's, not the employee's
    return plan


def _check_business_unit_numbers(rows: list[RowPlan]) -> None:
    """One unit, one virksomhetsnummer: rows for the same unit must agree."""
    seen: dict[int, tuple[str, int]] = {}
    for row in rows:
        if not row.business_unit_number or row.unit is None:
            continue
        first = seen.setdefault(id(row.unit), (row.business_unit_number, row.line))
        if first[0] != row.business_unit_number:
            row.errors.append(
                Issue(
                    row.line,
                    "business_unit_number",
                    _("Line %(line)d gives this unit another business unit number (%(value)s).")
                    % {"line": first[1], "value": first[0]},
                )
            )


def _compare(
    plan: RowPlan, tree: UnitTree, existing: dict[str, Employee], number_of: dict[int, str], names: dict[str, str]
) -> None:
    """Set the row's action and field changes against the stored employee."""
    employee = plan.employee
    target = plan.target
    changes = plan.changes

    def manager_label(number: str | None) -> str:
        if not number:
            return ""
        person = existing.get(number)
        name = person.full_name if person else names.get(number, "")
        return f"{name} ({number})"

    def note(name: str, before, after) -> None:
        if name == "national_id":  # never in full on a page or in the audit log
            before, after = mask_national_id(before or ""), mask_national_id(after or "")
        changes.append(Change(name, _LABELS[name](), _show(before), _show(after)))

    current_number = plan.unit.unit.business_number if plan.unit and plan.unit.unit else ""
    if plan.business_unit_number and plan.business_unit_number != current_number:
        note("business_unit_number", current_number, plan.business_unit_number)

    if employee is None:
        plan.action = Action.CREATE
        for name in [
            "first_name",
            "last_name",
            "email",
            "mobile",
            "employment_start",
            "employment_end",
            "position_percentage",
            "preferred_language",
            "national_id",
        ]:
            if target.get(name) not in (None, ""):
                note(name, None, target[name])
        note("unit", None, plan.unit.label)
        if plan.manager_number:
            note("manager", None, manager_label(plan.manager_number))
        return
    for name, value in target.items():
        if getattr(employee, name) != value:
            note(name, getattr(employee, name), value)
    if plan.unit.is_new or plan.unit.unit.pk != employee.unit_id:
        note("unit", tree.by_pk[employee.unit_id].label, plan.unit.label)
    if plan.manager_number is not None:
        current = number_of.get(employee.manager_id, "") if employee.manager_id else ""
        if current != plan.manager_number:
            note("manager", manager_label(current), manager_label(plan.manager_number))
    plan.action = Action.CHANGE if changes else Action.UNCHANGED
