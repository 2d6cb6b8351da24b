"""Validate a parsed employee file and plan what importing it would do.

Every row is checked before anything is written; the plan says for each row
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

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from organisation.models import Employee, Organisation, Unit
from organisation.validators import org_number_is_valid

from organisation.national_id import mask as mask_national_id

from .parsing import (Issue, ParsedFile, Row, parse_business_number, parse_date, parse_language, parse_national_id,
                      parse_percentage)


# Unit.path ("/1/4/9/") holds 255 characters: enough for this many levels with any ids.
MAX_UNIT_DEPTH = 12


class Action:
    CREATE = "create"
    CHANGE = "change"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass
class UnitNode:
    """A unit that exists, or that the import will create."""

    name: str
    parent: "UnitNode | None"
    unit: Unit | None = None

    @property
    def is_new(self) -> bool:
        return self.unit is None

    @property
    def names(self) -> list[str]:
        return [*(self.parent.names if self.parent else []), self.name]

    @property
    def label(self) -> str:
        return " / ".join(self.names)

    @property
    def depth(self) -> int:
        return len(self.names)


class UnitTree:
    """The organisation's units by name, with the ones the import plans to create."""

    def __init__(self, units: list[Unit]):
        self.nodes: list[UnitNode] = []
        self._children: dict[int | None, dict[str, UnitNode]] = defaultdict(dict)
        self._by_name: dict[str, list[UnitNode]] = defaultdict(list)
        self.by_pk: dict[int, UnitNode] = {}
        # Parents before children: a path has one more "/" per level.
        for unit in sorted(units, key=lambda u: (u.path.count("/"), u.path)):
            parent = self.by_pk.get(unit.parent_id)
            self.by_pk[unit.pk] = self._add(UnitNode(unit.name, parent, unit))

    def _add(self, node: UnitNode) -> UnitNode:
        self.nodes.append(node)
        self._children[id(node.parent) if node.parent else None][_key(node.name)] = node
        self._by_name[_key(node.name)].append(node)
        return node

    def child(self, parent: UnitNode | None, name: str, *, create: bool) -> UnitNode | None:
        found = self._children[id(parent) if parent else None].get(_key(name))
        if found is None and create:
            found = self._add(UnitNode(name, parent))
        return found

    def roots(self) -> list[UnitNode]:
        return list(self._children[None].values())

    def named(self, name: str) -> list[UnitNode]:
        return self._by_name.get(_key(name), [])

    def new_nodes(self) -> list[UnitNode]:
        return sorted((n for n in self.nodes if n.is_new), key=lambda n: n.depth)

    def resolve_path(self, text: str) -> UnitNode:
        """A path from the top ("Drift/Renhold"); the top unit's own name may be left out."""
        segments = [s.strip() for s in text.split("/") if s.strip()]
        if not segments:
            raise LookupError(_("The unit is empty."))
        if any(len(s) > 200 for s in segments):
            raise LookupError(_("A unit name is longer than 200 characters."))
        roots = self.roots()
        node = self.child(None, segments[0], create=False)
        if node is not None:
            segments = segments[1:]
        elif len(roots) == 1:
            node = roots[0]
        elif roots:
            raise LookupError(_("No top unit is called %(name)s; start the path with one of: %(names)s.")
                              % {"name": segments[0], "names": ", ".join(sorted(r.name for r in roots))})
        if (node.depth if node else 0) + len(segments) > MAX_UNIT_DEPTH:
            raise LookupError(_("The unit path is deeper than %(depth)d levels.") % {"depth": MAX_UNIT_DEPTH})
        for segment in segments:
            node = self.child(node, segment, create=True)
        return node

    def resolve_name(self, name: str) -> UnitNode:
        found = self.named(name)
        if len(found) == 1:
            return found[0]
        if not found:
            raise LookupError(_("Unknown unit %(name)s. Give its path (e.g. Drift/%(name)s) or its parent_unit, "
                                "and it will be created.") % {"name": name})
        raise LookupError(_("There are %(count)d units called %(name)s; give the path, e.g. %(path)s.")
                          % {"count": len(found), "name": name, "path": "/".join(found[0].names)})


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


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
        data = [
            [[r.line, r.action, [[c.field, c.after] for c in r.changes]] for r in self.rows],
            [[d.employee.pk, str(d.end)] for d in self.deactivations],
            [n.names for n in self.new_units],
            [[e.line, e.column, e.message] for e in self.errors],
        ]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


_LABELS = {
    "first_name": lambda: str(Employee._meta.get_field("first_name").verbose_name),
    "last_name": lambda: str(Employee._meta.get_field("last_name").verbose_name),
    "email": lambda: str(Employee._meta.get_field("email").verbose_name),
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
    plan = Plan(organisation=organisation, on=on, full=full, errors=list(parsed.errors),
                warnings=list(parsed.warnings))
    if parsed.errors:
        return plan
    tree = UnitTree(list(Unit.objects.filter(organisation=organisation)))
    existing = {e.employee_number: e for e in Employee.objects.filter(organisation=organisation)}
    number_of = {e.pk: e.employee_number for e in existing.values()}
    columns = set(parsed.columns)

    first_line: dict[str, int] = {}
    for row in parsed.rows:
        plan.rows.append(_check_row(row, organisation, columns, first_line))
    # Units: paths and parents first, so a plain name can refer to a unit another row creates.
    by_line = {r.line: r for r in plan.rows}
    ordered = sorted(parsed.rows, key=lambda r: ("/" not in r.get("unit") and not r.get("parent_unit"), r.line))
    for row in ordered:
        _resolve_unit(row, by_line[row.line], tree, columns)
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
            row_plan.errors.append(Issue(row_plan.line, "manager_employee_number",
                                         _("An employee cannot be their own manager.")))
        elif number not in in_file and number not in existing:
            row_plan.errors.append(Issue(row_plan.line, "manager_employee_number",
                                         _("Manager %(number)s not found: not in the file and not an employee.")
                                         % {"number": number}))
        elif number in leaving:
            plan.warnings.append(Issue(row_plan.line, "manager_employee_number",
                                       _("Manager %(number)s is not in the file and will be marked as having left.")
                                       % {"number": number}))

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


def _check_row(row: Row, organisation: Organisation, columns: set[str], first_line: dict[str, int]) -> RowPlan:
    number = row.get("employee_number")
    plan = RowPlan(line=row.line, employee_number=number,
                   name=f"{row.get('first_name')} {row.get('last_name')}".strip())

    def error(column: str, message: str) -> None:
        plan.errors.append(Issue(row.line, column, message))

    for column, limit in [("employee_number", 30), ("first_name", 100), ("last_name", 100)]:
        value = row.get(column)
        if not value:
            error(column, _("%(column)s is empty.") % {"column": column})
        elif len(value) > limit:
            error(column, _("%(column)s is longer than %(limit)d characters.") % {"column": column, "limit": limit})
    if number:
        if number in first_line:
            error("employee_number", _("Employee number %(number)s is also on line %(line)d.")
                  % {"number": number, "line": first_line[number]})
        else:
            first_line[number] = row.line

    org_number = row.get("org_number").replace(" ", "")
    if org_number:
        if not org_number_is_valid(org_number):
            error("org_number", _("%(value)s is not a valid organisation number.") % {"value": org_number})
        elif org_number != organisation.org_number:
            error("org_number", _("Organisation number %(value)s is not this import's organisation (%(own)s).")
                  % {"value": org_number, "own": organisation.org_number})

    target = plan.target
    target["first_name"], target["last_name"] = row.get("first_name"), row.get("last_name")
    if "email" in columns:
        email = row.get("email")
        if email:
            try:
                if len(email) > 254:
                    raise ValidationError("too long")
                validate_email(email)
            except ValidationError:
                error("email", _("%(value)s is not an e-mail address.") % {"value": email[:80]})
        target["email"] = email

    for column, required in [("employment_start", True), ("employment_end", False)]:
        if column not in columns:
            continue
        text = row.get(column)
        if not text:
            if required:
                error(column, _("%(column)s is empty.") % {"column": column})
            else:
                target[column] = None
            continue
        try:
            target[column] = parse_date(text)
        except ValueError:
            error(column, _("%(value)s is not a date; write dd.mm.yyyy or yyyy-mm-dd.") % {"value": text})
    start, end = target.get("employment_start"), target.get("employment_end")
    if start and end and end < start:
        error("employment_end", _("The employment ends before it starts."))

    if text := row.get("position_percentage"):
        try:
            target["position_percentage"] = parse_percentage(text)
        except ValueError:
            error("position_percentage", _("%(value)s is not a position percentage from 1 to 100.")
                  % {"value": text})
    if text := row.get("preferred_language"):
        try:
            target["preferred_language"] = parse_language(text)
        except ValueError:
            error("preferred_language", _("%(value)s is not a language; write nb or en.") % {"value": text})
    if "manager_employee_number" in columns:
        plan.manager_number = row.get("manager_employee_number")
    if text := row.get("national_id"):
        try:
            target["national_id"] = parse_national_id(text)
        except ValueError:
            error("national_id", _("This is not a valid national identity number or D number (11 digits, the "
                                   "control digits must match)."))
    if text := row.get("business_unit_number"):
        try:
            plan.business_unit_number = parse_business_number(text)
        except ValueError:
            error("business_unit_number", _("%(value)s is not a valid business unit number.") % {"value": text[:20]})
    return plan


def _check_business_unit_numbers(rows: list[RowPlan]) -> None:
    """One unit, one virksomhetsnummer: rows for the same unit must agree."""
    seen: dict[int, tuple[str, int]] = {}
    for row in rows:
        if not row.business_unit_number or row.unit is None:
            continue
        first = seen.setdefault(id(row.unit), (row.business_unit_number, row.line))
        if first[0] != row.business_unit_number:
            row.errors.append(Issue(row.line, "business_unit_number",
                                    _("Line %(line)d gives this unit another business unit number (%(value)s).")
                                    % {"line": first[1], "value": first[0]}))


def _resolve_unit(row: Row, plan: RowPlan, tree: UnitTree, columns: set[str]) -> None:
    unit, parent = row.get("unit"), row.get("parent_unit")
    if not unit:
        plan.errors.append(Issue(row.line, "unit", _("%(column)s is empty.") % {"column": "unit"}))
        return
    if plan.errors:
        return  # a row with errors creates no units
    try:
        if "/" in unit:
            plan.unit = tree.resolve_path(unit)
        elif parent:
            try:
                above = tree.resolve_path(parent) if "/" in parent else tree.resolve_name(parent)
            except LookupError as error:
                plan.errors.append(Issue(row.line, "parent_unit", str(error)))
                return
            if len(unit) > 200:
                raise LookupError(_("A unit name is longer than 200 characters."))
            if above.depth >= MAX_UNIT_DEPTH:
                raise LookupError(_("The unit path is deeper than %(depth)d levels.") % {"depth": MAX_UNIT_DEPTH})
            plan.unit = tree.child(above, unit, create=True)
        else:
            plan.unit = tree.resolve_name(unit)
    except LookupError as error:
        plan.errors.append(Issue(row.line, "unit", str(error)))


def _compare(plan: RowPlan, tree: UnitTree, existing: dict[str, Employee], number_of: dict[int, str],
             names: dict[str, str]) -> None:
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
        for name in ["first_name", "last_name", "email", "employment_start", "employment_end",
                     "position_percentage", "preferred_language", "national_id"]:
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

