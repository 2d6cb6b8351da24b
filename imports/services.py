"""Employee imports: keep the upload, preview it, apply it. Never deletes anything.

The web page and the `import_employees` command share these functions. The
file is read once, at the upload (`parsed`); the page's confirmation queues
the import (batch_confirm), and a Celery task applies it in one transaction,
reporting its progress through the cache for the page to show.
"""

import hashlib
from collections.abc import Callable
from datetime import date, timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record, audit_record_many
from kernel.errors import DomainError
from organisation.models import Employee, Organisation, Unit
from organisation.national_id import stored_field_names
from organisation.services import unit_save
from organisation.signals import managers_changed

from .models import ImportBatch
from .parsing import parse_file, parsed_from_json, parsed_to_json
from .planning import Action, Plan, plan_import

# An upload nobody confirmed is removed after this long: it holds personal data.
KEEP_UNCONFIRMED = timedelta(days=1)


class ImportRefused(DomainError):
    """The import cannot be applied; `message` says why."""


def today() -> date:
    return timezone.localdate()


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def plan_content(
    content: bytes, *, filename: str, organisation: Organisation, full: bool, on: date | None = None
) -> Plan:
    """Read and check a file, and plan its import; writes nothing."""
    return plan_import(parse_file(content, filename), organisation=organisation, full=full, on=on or today())


def batch_plan(batch: ImportBatch, *, on: date | None = None) -> Plan:
    """The plan of a kept upload, from the rows read at the upload (the file is not read again)."""
    if batch.parsed:
        parsed = parsed_from_json(batch.parsed)
    else:  # kept as bytes, before uploads were read once
        content = bytes(batch.content)
        if sha256(content) != batch.sha256:
            raise ImportRefused(_("The stored file does not match its checksum. Upload it again."), "checksum")
        parsed = parse_file(content, batch.filename)
    return plan_import(parsed, organisation=batch.organisation, full=batch.full, on=on or today())


@transaction.atomic
def batch_create(*, organisation: Organisation, filename: str, content: bytes, full: bool, by) -> ImportBatch:
    """Keep an uploaded file until it is confirmed (or forgotten after a day)."""
    ImportBatch.objects.filter(
        status=ImportBatch.Status.PREVIEWED, created_at__lt=timezone.now() - KEEP_UNCONFIRMED
    ).update(status=ImportBatch.Status.DISCARDED, content=b"", parsed={})
    batch = ImportBatch.objects.create(
        organisation=organisation,
        filename=filename[:255],
        parsed=parsed_to_json(parse_file(content, filename)),
        sha256=sha256(content),
        full=full,
        created_by=by if by is not None and by.is_authenticated else None,
    )
    audit_record(
        actor=by,
        action="import.uploaded",
        obj=batch,
        detail={"file": batch.filename, "sha256": batch.sha256, "full": full, "organisation": organisation.org_number},
    )
    return batch


@transaction.atomic
def batch_discard(*, batch: ImportBatch, by) -> ImportBatch:
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == ImportBatch.Status.PREVIEWED:
        batch.status = ImportBatch.Status.DISCARDED
        batch.content = b""
        batch.parsed = {}
        batch.save(update_fields=["status", "content", "parsed"])
        audit_record(actor=by, action="import.discarded", obj=batch, detail={"file": batch.filename})
    return batch


@transaction.atomic
def batch_confirm(*, batch: ImportBatch, by, fingerprint: str) -> ImportBatch:
    """Queue a previewed import to be applied in the background; the task checks it again before writing."""
    from .tasks import batch_apply_queued

    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEWED:
        raise ImportRefused(_("This import has already been applied or discarded."), "not_pending")
    batch.status = ImportBatch.Status.APPLYING
    batch.applied_by = by if by is not None and by.is_authenticated else None
    batch.confirmed_fingerprint = fingerprint[:64]
    batch.refused = ""
    batch.save(update_fields=["status", "applied_by", "confirmed_fingerprint", "refused"])
    progress_set(batch.pk, 0, len(batch.parsed.get("rows", ())))
    transaction.on_commit(lambda: batch_apply_queued.delay(batch.pk))
    return batch


def batch_apply_confirmed(batch_pk: int) -> None:
    """The background task's work: apply a confirmed import, or put it back to the preview with the reason."""
    batch = ImportBatch.objects.filter(pk=batch_pk, status=ImportBatch.Status.APPLYING).first()
    if batch is None:
        return  # applied already (a redelivered task), or discarded
    try:
        batch_apply(
            batch=batch,
            by=batch.applied_by,
            fingerprint=batch.confirmed_fingerprint,
            from_status=ImportBatch.Status.APPLYING,
        )
    except ImportRefused as error:
        ImportBatch.objects.filter(pk=batch_pk, status=ImportBatch.Status.APPLYING).update(
            status=ImportBatch.Status.PREVIEWED, refused=error.code
        )
    finally:
        cache.delete(_progress_key(batch_pk))


def _progress_key(batch_pk: int) -> str:
    return f"imports:progress:{batch_pk}"


def progress_set(batch_pk: int, done: int, total: int) -> None:
    cache.set(_progress_key(batch_pk), {"done": done, "total": total}, timeout=3600)


def progress_get(batch_pk: int) -> dict | None:
    """How far a background import has come: rows written of all, or None if unknown."""
    return cache.get(_progress_key(batch_pk))


@transaction.atomic
def batch_apply(
    *, batch: ImportBatch, by, fingerprint: str | None = None, from_status: str = ImportBatch.Status.PREVIEWED
) -> Plan:
    """Check the kept upload again and apply it in one transaction."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != from_status:
        raise ImportRefused(_("This import has already been applied or discarded."), "not_pending")
    plan = batch_plan(batch)
    if not plan.ok:
        raise ImportRefused(_("The file has errors; nothing was imported."), "has_errors")
    if fingerprint is not None and fingerprint != plan.fingerprint:
        raise ImportRefused(
            _("The employees have changed since the preview. Check the new preview and confirm again."), "stale_preview"
        )
    plan_apply(
        plan,
        by=by,
        source={"batch": batch.pk, "file": batch.filename},
        progress=lambda done, total: progress_set(batch.pk, done, total),
    )
    batch.status = ImportBatch.Status.APPLIED
    batch.applied_by = by if by is not None and by.is_authenticated else None
    batch.applied_at = timezone.now()
    batch.summary = plan.counts
    batch.content = b""  # personal data: keep only the checksum and the counts
    batch.parsed = {}
    batch.save(update_fields=["status", "applied_by", "applied_at", "summary", "content", "parsed"])
    return plan


CHUNK = 1000  # rows written per statement, and how often the progress is reported


def _chunks(items: list):
    size = CHUNK
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def plan_apply(plan: Plan, *, by, source: dict, progress: Callable[[int, int], None] | None = None) -> None:
    """Write a checked plan: new units, new and changed employees, managers, leavers; in bulk, a chunk at a time."""
    if not plan.ok:
        raise ImportRefused(_("The file has errors; nothing was imported."), "has_errors")
    report = progress or (lambda done, total: None)
    organisation = plan.organisation
    for node in plan.new_units:  # parents first
        node.unit = unit_save(
            unit=Unit(organisation=organisation, name=node.name, parent=node.parent.unit if node.parent else None)
        )

    by_number: dict[str, Employee] = {}
    total = len(plan.rows)
    done = 0
    # Rows first, a chunk at a time: creations in one INSERT, changes in one UPDATE, per chunk.
    for rows in _chunks(plan.rows):
        created, changed, fields = [], [], {"unit"}
        for row in rows:
            if row.action == Action.CREATE:
                employee = Employee(
                    organisation=organisation, employee_number=row.employee_number, unit=row.unit.unit, **row.target
                )
                created.append(employee)
            else:
                employee = row.employee
                if row.action == Action.CHANGE:
                    for name, value in row.target.items():
                        setattr(employee, name, value)
                    employee.unit = row.unit.unit
                    fields.update(stored_field_names(row.target))
                    changed.append(employee)
            by_number[row.employee_number] = employee
        Employee.objects.bulk_create(created)
        if changed:
            Employee.objects.bulk_update(changed, sorted(fields))
        done += len(rows)
        report(done, total)
    # Business unit numbers (virksomhetsnummer) the file gives for the units.
    for row in plan.rows:
        unit = row.unit.unit if row.unit else None
        if row.business_unit_number and unit is not None and unit.business_number != row.business_unit_number:
            unit.business_number = row.business_unit_number
            unit.save(update_fields=["business_number"])
            audit_record(
                actor=by,
                action="unit.business_number",
                obj=unit,
                detail={**source, "business_number": unit.business_number},
            )

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
    Employee.objects.bulk_update(with_manager, ["manager"], batch_size=CHUNK)
    if with_manager:  # apps that follow managers (NAV's nearest leader) are told once the import is in
        ids = [e.pk for e in with_manager]
        transaction.on_commit(lambda: managers_changed.send(sender=Employee, employee_ids=ids, source="import"))

    # One audit event per created or changed employee, written in bulk.
    audit_record_many(
        actor=by,
        entries=(
            {
                "action": f"employee.import_{row.action}",
                "employee": by_number[row.employee_number],
                "obj": by_number[row.employee_number],
                "detail": {**source, "changes": {c.field: [c.before, c.after] for c in row.changes}},
            }
            for row in plan.rows
            if row.action in (Action.CREATE, Action.CHANGE)
        ),
    )
    leavers = []
    entries = []
    for leaver in plan.deactivations:
        employee = leaver.employee
        before = employee.employment_end
        employee.employment_end = leaver.end
        leavers.append(employee)
        entries.append(
            {
                "action": "employee.import_left",
                "employee": employee,
                "obj": employee,
                "detail": {**source, "employment_end": [str(before) if before else None, str(leaver.end)]},
            }
        )
    Employee.objects.bulk_update(leavers, ["employment_end"], batch_size=CHUNK)
    audit_record_many(actor=by, entries=entries)
    audit_record(
        actor=by,
        action="import.applied",
        detail={**source, "organisation": organisation.org_number, "full": plan.full, **plan.counts},
    )
