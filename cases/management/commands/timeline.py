"""`manage.py timeline FILE.json` (or `-` for standard input): the deadline engine on a vector file.

Prints `{"vectors": [{"id", "expect"}, ...]}` (or `{"expect": ...}` for a bare input) as
JSON; a file that is not JSON or not in the vector format exits with status 2. The logic
is `deadlines.cli`, which needs no Django.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from deadlines import cli


class Command(BaseCommand):
    help = (
        "Compute deadlines and egenmelding decisions for a file in the test-vector format "
        "and print each vector's expectation as JSON."
    )
    stealth_options = ("stdin",)
    # The command reads a file and runs the pure engine: no model, no database, no secret,
    # so Django's system checks (which refuse to start without SECRET_KEY) do not apply.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="a JSON file in the vector format, or - to read standard input")

    def handle(self, *args, file: str, **options) -> None:
        status, output = cli.run_source(file, options.get("stdin") or sys.stdin)
        if status:
            raise CommandError(output, returncode=status)
        self.stdout.write(output, ending="")
