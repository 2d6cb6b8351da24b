"""Import employees from a file, for scheduled imports: the same checks and plan as the page."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from organisation.models import Organisation

from ... import services
from ...planning import Action, Plan

ERRORS_EXIT_STATUS = 2


class Command(BaseCommand):
    help = (
        "Import employees, units and managers from a CSV or .xlsx file. Prints what would be created, changed "
        "and marked as having left, and every error; exits with status 2 on errors, writing nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8, ; or , separated) or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="check and print the plan; write nothing")
        parser.add_argument(
            "--full",
            action="store_true",
            help="the file lists all employees: mark those missing from it as having left today",
        )
        parser.add_argument(
            "--organisation",
            metavar="ORGNR",
            help="organisation number (needed when there is more than one organisation)",
        )

    def handle(self, *args, file: str, dry_run: bool, full: bool, organisation: str | None, **options):
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        org = self._organisation(organisation)
        verbosity = options["verbosity"]
        plan = services.plan_content(content, filename=path.name, organisation=org, full=full)
        self._print(plan, path.name, verbosity)
        if not plan.ok:
            raise CommandError(f"{len(plan.errors)} error(s); nothing was imported.", returncode=ERRORS_EXIT_STATUS)
        if dry_run:
            self.stdout.write("Dry run: nothing was imported.")
            return
        batch = services.batch_create(organisation=org, filename=path.name, content=content, full=full, by=None)
        try:
            applied = services.batch_apply(batch=batch, by=None, fingerprint=plan.fingerprint)
        except services.ImportRefused as error:
            raise CommandError(str(error.message), returncode=ERRORS_EXIT_STATUS) from None
        self.stdout.write(self.style.SUCCESS(f"Imported (batch {batch.pk}): {self._counts(applied)}"))

    def _organisation(self, number: str | None) -> Organisation:
        if number:
            org = Organisation.objects.filter(org_number=number.replace(" ", "")).first()
            if org is None:
                raise CommandError(f"No organisation has the number {number}.")
            return org
        organisations = list(Organisation.objects.all()[:2])
        if len(organisations) != 1:
            raise CommandError("Give the organisation with --organisation ORGNR.")
        return organisations[0]

    @staticmethod
    def _counts(plan: Plan) -> str:
        c = plan.counts
        return (
            f"{c['create']} new, {c['change']} changed, {c['unchanged']} unchanged, "
            f"{c['deactivate']} marked as having left, {c['new_units']} new units, {c['errors']} errors"
        )

    def _print(self, plan: Plan, filename: str, verbosity: int) -> None:
        out = self.stdout
        out.write(f"{filename} → {plan.organisation}")
        out.write(self._counts(plan))
        if verbosity >= 1:
            for node in plan.new_units:
                out.write(f"+ unit {node.label}")
            for row in plan.rows:
                if row.action == Action.CREATE:
                    out.write(f"+ line {row.line}: {row.employee_number} {row.name}")
                elif row.action == Action.CHANGE:
                    changes = "; ".join(f"{c.field} {c.before} → {c.after}" for c in row.changes)
                    out.write(f"~ line {row.line}: {row.employee_number} {row.name}: {changes}")
                elif row.action == Action.UNCHANGED and verbosity >= 2:
                    out.write(f"= line {row.line}: {row.employee_number} {row.name}")
            for leaver in plan.deactivations:
                out.write(f"- {leaver.employee.employee_number} {leaver.name}: employment end {leaver.end}")
        for issue in plan.warnings:
            self.stderr.write(self.style.WARNING(f"warning: {self._where(issue)}{issue.message}"))
        for issue in plan.errors:
            self.stderr.write(self.style.ERROR(f"error: {self._where(issue)}{issue.message}"))

    @staticmethod
    def _where(issue) -> str:
        parts = []
        if issue.line:
            parts.append(f"line {issue.line}")
        if issue.column:
            parts.append(f"column {issue.column}")
        return ", ".join(parts) + ": " if parts else ""
