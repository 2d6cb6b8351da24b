"""Employee imports: keep the upload, preview it, apply it. Never deletes anything.

The web page and the `import_employees` command share these functions.
"""

import hashlib
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from organisation.models import Employee, Organisation, Unit
from organisation.national_id import stored_field_names
from organisation.services import unit_save
from sykefravaer.exceptions import DomainError

from .models import ImportBatch
from .parsing import parse_file
from .planning import Action, Plan, plan_import

# An upload nobody confirmed is removed after this long: it holds personal data.
KEEP_UNCONFIRMED = timedelta(days=1)


class ImportRefused(DomainError):
    """The import cannot be applied; `message` says why."""


def today() -> date:
    return timezone.localdate()


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def plan_content(content: bytes, *, filename: str, organisation: Organisation, full: bool,
                 on: date | None = None) -> Plan:
    """Read and check a file, and plan its import; writes nothing."""
    return plan_import(parse_file(content, filename), organisation=organisation, full=full, on=on or today())


def batch_plan(batch: ImportBatch, *, on: date | None = None) -> Plan:
    content = bytes(batch.content)
    if sha256(content) != batch.sha256:
        raise ImportRefused(_("The stored file does not match its checksum. Upload it again."), "checksum")
    return plan_content(content, filename=batch.filename, organisation=batch.organisation, full=batch.full, on=on)


@transaction.atomic
def batch_create(*, organisation: Organisation, filename: str, content: bytes, full: bool, by) -> ImportBatch:
    """Keep an uploaded file until it is confirmed (or forgotten after a day)."""
    ImportBatch.objects.filter(status=ImportBatch.Status.PREVIEWED,
                               created_at__lt=timezone.now() - KEEP_UNCONFIRMED).update(
        status=ImportBatch.Status.DISCARDED, content=b"")
    batch = ImportBatch.objects.create(
        organisation=organisation, filename=filename[:255], content=content, sha256=sha256(content), full=full,
        created_by=by if by is not None and by.is_authenticated else None,
    )
    audit_record(actor=by, action="import.uploaded", obj=batch,
                 detail={"file": batch.filename, "sha256": batch.sha256, "full": full,
                         "organisation": organisation.org_number})
    return batch


@transaction.atomic
def batch_discard(*, batch: ImportBatch, by) -> ImportBatch:
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == ImportBatch.Status.PREVIEWED:
        batch.status = ImportBatch.Status.DISCARDED
        batch.content = b""
        batch.save(update_fields=["status", "content"])
        audit_record(actor=by, action="import.discarded", obj=batch, detail={"file": batch.filename})
    return batch


@transaction.atomic
def batch_apply(*, batch: ImportBatch, by, fingerprint: str | None = None) -> Plan:
    """Re-read the stored file, check it again and apply it in one transaction."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEWED:
        raise ImportRefused(_("This import has already been applied or discarded."), "not_pending")
    plan = batch_plan(batch)
    if not plan.ok:
        raise ImportRefused(_("The file has errors; nothing was imported."), "has_errors")
    if fingerprint is not None and fingerprint != plan.fingerprint:
        raise ImportRefused(_("The employees have changed since the preview. Check the new preview and confirm "
                            "again."), "stale_preview")
    plan_apply(plan, by=by, source={"batch": batch.pk, "file": batch.filename})
    batch.status = ImportBatch.Status.APPLIED
    batch.applied_by = by if by is not None and by.is_authenticated else None
    batch.applied_at = timezone.now()
    batch.summary = plan.counts
    batch.content = b""  # personal data: keep only the checksum and the counts
    batch.save(update_fields=["status", "applied_by", "applied_at", "summary", "content"])
    return plan


@transaction.atomic
def plan_apply(plan: Plan, *, by, source: dict) -> None:
    """Write a checked plan: new units, new and changed employees, managers, leavers."""
    if not plan.ok:
        raise ImportRefused(_("The file has errors; nothing was imported."), "has_errors")
    organisation = plan.organisation
    for node in plan.new_units:  # parents first
        node.unit = unit_save(unit=Unit(organisation=organisation, name=node.name,
                                        parent=node.parent.unit if node.parent else None))

    created: list[Employee] = []
    by_number: dict[str, Employee] = {}
    for row in plan.rows:
        if row.action == Action.CREATE:
            employee = Employee(organisation=organisation, employee_number=row.employee_number,
                                unit=row.unit.unit, **row.target)
            created.append(employee)
        else:
            employee = row.employee
            if row.action == Action.CHANGE:
                for name, value in row.target.items():
                    setattr(employee, name, value)
                employee.unit = row.unit.unit
        by_number[row.employee_number] = employee
    Employee.objects.bulk_create(created)
    for row in plan.rows:
        if row.action == Action.CHANGE:
            row.employee.save(update_fields=[*stored_field_names(row.target), "unit"])
    # Business unit numbers (virksomhetsnummer) the file gives for the units.
    for row in plan.rows:
        unit = row.unit.unit if row.unit else None
        if row.business_unit_number and unit is not None and unit.business_number != row.business_unit_number:
            unit.business_number = row.business_unit_number
            unit.save(update_fields=["business_number"])
            audit_record(actor=by, action="unit.business_number", obj=unit,
                         detail={**source, "business_number": unit.business_number})

    # Managers last: a manager may come later in the file than their staff.
    needed = {row.manager_number for row in plan.rows if row.manager_number} - by_number.keys()
    for employee in Employee.objects.filter(organisation=organisation, employee_number__in=needed):
        by_number[employee.employee_number] = employee
    with_manager = []
    for row in plan.rows:
        if row.manager_number is None:
            continue
        employee = by_number[row.employee_number]
        manager_id = by_number[row.manager_number].pk if row.manager_number else None
        if employee.manager_id != manager_id:
            employee.manager_id = manager_id
            with_manager.append(employee)
    Employee.objects.bulk_update(with_manager, ["manager"], batch_size=500)

    for row in plan.rows:
        if row.action in (Action.CREATE, Action.CHANGE):
            audit_record(actor=by, action=f"employee.import_{row.action}", employee=by_number[row.employee_number],
                         obj=by_number[row.employee_number],
                         detail={**source, "changes": {c.field: [c.before, c.after] for c in row.changes}})
    for leaver in plan.deactivations:
        employee = leaver.employee
        before = employee.employment_end
        employee.employment_end = leaver.end
        employee.save(update_fields=["employment_end"])
        audit_record(actor=by, action="employee.import_left", employee=employee, obj=employee,
                     detail={**source, "employment_end": [str(before) if before else None, str(leaver.end)]})
    audit_record(actor=by, action="import.applied",
                 detail={**source, "organisation": organisation.org_number, "full": plan.full, **plan.counts})
