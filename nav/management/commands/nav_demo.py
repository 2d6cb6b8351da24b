from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nav import demo


class Command(BaseCommand):
    help = "Demo only: give the demo organisation its NAV data and publish sick notes to the fake NAV."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--fake-url", required=True, help="The fake NAV's address, e.g. http://127.0.0.1:9000")

    def handle(self, *args, fake_url: str, **options) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("The NAV demo is refused with production settings.")
        self.stdout.write(demo.set_up(fake_url=fake_url))
