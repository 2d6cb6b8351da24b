"""Benchmark the follow-up plan PDF: a three-page completed plan, rendered by WeasyPrint.

Run by hand from the repository root (not part of the test suite):

    .venv/bin/python bench/plan_pdf.py [--runs 20] [--language nb] [--out plan.pdf]

It migrates a throw-away SQLite database in a temporary folder, writes a plan with
seven work tasks and eight measures through the services (followup_plans/demo.py),
then times `followup_plans.pdf.plan_pdf` the way the download view calls it: the
first render (which loads WeasyPrint and the fonts) and then `--runs` warm renders.
"""

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _setup(folder: Path) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "sykefravaer.settings",
            "DEBUG": "true",
            "SECRET_KEY": "bench-" + "x" * 60,
            "VAR_DIR": str(folder),
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, stdout=StringIO())


def _plan():
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from cases import services as cases
    from followup_plans.demo import build_plan
    from organisation.models import Employee, Organisation, Unit
    from organisation.services import unit_save

    User = get_user_model()
    today = timezone.localdate()
    org = Organisation.objects.create(name="Nordlys Eiendom AS", org_number="912345602")
    unit = unit_save(unit=Unit(organisation=org, name="Kundeservice"))
    started = today - timedelta(days=3 * 365)
    manager = Employee.objects.create(
        organisation=org,
        unit=unit,
        employee_number="1",
        first_name="Kari",
        last_name="Solberg",
        email="kari@example.org",
        employment_start=started,
        user=User.objects.create_user("leder"),
    )
    employee = Employee.objects.create(
        organisation=org,
        unit=unit,
        manager=manager,
        employee_number="2",
        first_name="Ola",
        last_name="Hansen",
        employment_start=started,
        user=User.objects.create_user("ansatt"),
    )
    cases.period_register(
        employee=employee,
        kind="sick",
        start=today - timedelta(days=20),
        end=today + timedelta(days=30),
        by=manager.user,
    )
    case = employee.cases.get()
    return build_plan(case, manager=manager.user, employee=employee.user, start=today)


def _pages(pdf: bytes) -> str:
    """The page count, from poppler's pdfinfo when it is installed."""
    if shutil.which("pdfinfo") is None:
        return "?"
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    return match.group(1) if match else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--language", default="nb", choices=["nb", "en"])
    parser.add_argument("--out", type=Path, help="also write the PDF here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        _setup(Path(folder))
        from followup_plans.pdf import plan_pdf

        version = _plan()
        started = time.perf_counter()
        pdf = plan_pdf(version, language=args.language)
        first = time.perf_counter() - started
        warm = []
        for _ in range(args.runs):
            started = time.perf_counter()
            pdf = plan_pdf(version, language=args.language)
            warm.append(time.perf_counter() - started)

    pages = _pages(pdf)
    if args.out:
        args.out.write_bytes(pdf)
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    print(f"plan: {pages} pages, {len(pdf) / 1024:.0f} KiB, language {args.language}")
    print(f"first render (loads WeasyPrint and fonts): {first:.3f} s")
    print(
        f"warm renders ({args.runs}): median {statistics.median(warm):.3f} s, "
        f"min {min(warm):.3f} s, max {max(warm):.3f} s"
    )


if __name__ == "__main__":
    main()
