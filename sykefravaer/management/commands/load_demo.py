from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from organisation.models import Organisation
from sykefravaer.demo import DEMO_LOGINS, DEMO_PASSWORD, demo_loaded, load_demo


class Command(BaseCommand):
    help = "Load the demo organisation with its demo log-ins (never in production)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the database has data.")

    def handle(self, *args, if_empty: bool, **options) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Demo data is refused with production settings: its log-ins have a known password. "
                "Set DEMO_DATA=true only on a test server."
            )
        if demo_loaded() or (if_empty and Organisation.objects.exists()):
            self.stdout.write("The database already has data; no demo data loaded.")
        else:
            load_demo(today=timezone.localdate())
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if demo_loaded():
            self.stdout.write(f"Demo log-ins (password '{DEMO_PASSWORD}'):")
            for login in DEMO_LOGINS:
                self.stdout.write(f"  {login.username:<8} {login.role:<14} {login.name}")
