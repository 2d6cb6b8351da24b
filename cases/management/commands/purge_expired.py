from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.retention import purge_expired


class Command(BaseCommand):
    help = "Delete absence cases, periods and audit events past their retention period."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="Run as of this date (YYYY-MM-DD); default today.")

    def handle(self, *args, date: str | None = None, **options) -> None:
        try:
            today = date_from(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}.") from None
        result = purge_expired(today=today)
        self.stdout.write(
            f"Deleted {result.cases} cases, {result.periods} periods, "
            f"{result.audit_events} audit events, {result.other} other records."
        )


def date_from(value: str):
    return date.fromisoformat(value)
