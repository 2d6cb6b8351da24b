from datetime import date

from django.core.management.base import BaseCommand, CommandError

from reminders import services


class Command(BaseCommand):
    help = "Run the daily reminder job by hand: close ended cases, record and send what is due."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to run for, YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--queue", action="store_true", help="queue the sending for the Celery worker instead of sending here"
        )
        parser.add_argument("--digest", action="store_true", help="also record and send this week's HR digest")

    def handle(self, *args, date: str | None = None, queue: bool = False, digest: bool = False, **options):
        try:
            day = _parse(date) if date else None
        except ValueError:
            raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}.") from None
        if digest:
            services.digest_run(on=day, send_now=not queue)
        result = services.reminders_run(on=day, send_now=not queue)
        self.stdout.write(
            f"{result.day}: {result.closed_cases} cases closed, {result.recorded} deliveries recorded, "
            f"{result.queued} {'queued' if queue else 'sent or checked'}."
        )


def _parse(value: str) -> date:
    return date.fromisoformat(value)
