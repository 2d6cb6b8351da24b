"""Benchmark HR's deadline dashboard (the HR start page) and the statistics page on a large organisation.

Run by hand from the repository root against a PostgreSQL database of its own
(it is emptied first; the name must contain "bench"):

    psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE sykefravaer_bench_hr"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sykefravaer_bench_hr .venv/bin/python bench/dashboard.py
    ... bench/dashboard.py --employees 50000 --open-cases 5000 --requests 40

It writes one organisation with bulk_create: 2,521 units (20 departments, 100
sections, 2,400 teams), a manager per team, the employees (position
percentages from 50 to 100 %, some hired or gone in the last year), the open
cases started over the last year and twice as many closed cases of the last
year, each with its absence periods (self-certification first for some,
graded sick notes for some, a holiday for a few) and its seven statutory
milestones, most past ones done; two steps of the organisation's own routine
on every open case; HR for the whole organisation. Writing it is not timed.

Then it requests each page through Django's test client as that HR user, with
the settings the tests use (DEBUG off, the cache in REDIS_URL or in files), a
few times to warm up and then `--requests` times, and prints the median, 95th
percentile and slowest time and the number of queries per request. The
statistics are cached for a few minutes (hr/statistics.py), so they are also
timed with the cache cleared before every request. The goal: p95 under 300 ms.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OFFSETS = {
    "first_conversation": 4,
    "followup_plan": 27,
    "dialogue_meeting_1": 48,
    "activity_requirement": 55,
    "nav_meeting_need_query": 119,
    "dialogue_meeting_2": 181,
    "plan_to_nav": 174,
}
TABLES = [
    "hr_routinestepchange",
    "hr_routinestep",
    "cases_casemilestone",
    "cases_caseactivity",
    "cases_absenceperiod",
    "cases_case",
    "organisation_hraccess_units",
    "organisation_hraccess",
    "organisation_employee",
    "organisation_unit",
    "organisation_organisation",
    "django_session",
    "audit_auditevent",
    "auth_user",
]


def _setup() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("Set DATABASE_URL to a PostgreSQL database whose name contains 'bench' (it is emptied).")
    # The test settings: the real settings with DEBUG off, static files from the finders, host "testserver".
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _empty() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")


def _periods(rng: random.Random, employee, start: date, end: date) -> list:
    """The absence periods of one case: maybe a self-certification first, then one or two sick notes."""
    from cases.models import AbsencePeriod

    periods = []
    day = start
    if rng.random() < 0.3:
        last = min(day + timedelta(days=rng.randint(0, 2)), end)
        periods.append(AbsencePeriod(employee=employee, kind="egenmelding", start=day, end=last, grade=100))
        day = last + timedelta(days=1)
    if day <= end:
        middle = day + (end - day) // 2
        grade = 100 if rng.random() < 0.7 else rng.choice([40, 50, 60])
        if (end - day).days > 30 and rng.random() < 0.5:
            periods.append(AbsencePeriod(employee=employee, kind="sick", start=day, end=middle, grade=100))
            periods.append(
                AbsencePeriod(employee=employee, kind="sick", start=middle + timedelta(days=1), end=end, grade=grade)
            )
        else:
            periods.append(AbsencePeriod(employee=employee, kind="sick", start=day, end=end, grade=grade))
    if rng.random() < 0.05:
        periods.append(
            AbsencePeriod(employee=employee, kind="holiday", start=end + timedelta(days=1), end=end + timedelta(days=5))
        )
    return periods


def _populate(n_employees: int, n_open: int, today: date, seed: int = 2026) -> dict:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from cases.models import AbsencePeriod, Case, CaseMilestone
    from hr.models import RoutineStep
    from hr.routine import apply_to_open_cases
    from organisation.models import Employee, HRAccess, Organisation, Unit
    from organisation.services import unit_save

    rng = random.Random(seed)
    org = Organisation.objects.create(name="Bench AS", org_number="912345602")
    root = unit_save(unit=Unit(organisation=org, name="Bench AS"))
    departments = [unit_save(unit=Unit(organisation=org, name=f"Avdeling {d}", parent=root)) for d in range(20)]
    sections = [
        unit_save(unit=Unit(organisation=org, name=f"Seksjon {d}.{s}", parent=dept))
        for d, dept in enumerate(departments)
        for s in range(5)
    ]
    teams = [
        unit_save(unit=Unit(organisation=org, name=f"Team {section.name[8:]}.{t}", parent=section))
        for section in sections
        for t in range(24)
    ]

    managers = Employee.objects.bulk_create(
        [
            Employee(
                organisation=org,
                unit=team,
                employee_number=f"L{i}",
                first_name="Leder",
                last_name=str(i),
                employment_start=date(2010, 1, 1),
            )
            for i, team in enumerate(teams)
        ],
        batch_size=5000,
    )
    staff = []
    for i in range(n_employees - len(managers)):
        manager = managers[i % len(managers)]
        roll = rng.random()
        if roll < 0.04:  # hired in the last year
            started, ended = today - timedelta(days=rng.randint(1, 360)), None
        else:
            started = today - timedelta(days=rng.randint(400, 20 * 365))
            ended = today - timedelta(days=rng.randint(1, 360)) if roll > 0.98 else None
        staff.append(
            Employee(
                organisation=org,
                unit_id=manager.unit_id,
                manager=manager,
                employee_number=f"A{i}",
                first_name="Ansatt",
                last_name=str(i),
                employment_start=started,
                employment_end=ended,
                position_percentage=rng.choice([100, 100, 100, 100, 80, 60, 50]),
            )
        )
    staff = Employee.objects.bulk_create(staff, batch_size=5000)

    hr_user = get_user_model().objects.create_user("benchhr", password="bench")
    HRAccess.objects.create(user=hr_user, organisation=org, whole_organisation=True)

    # Open cases over the last year; closed ones, short and long, earlier in the year.
    active = [e for e in staff if e.employment_end is None and e.employment_start < today - timedelta(days=30)]
    chosen = rng.sample(active, n_open + 2 * n_open)
    cases, periods = [], []
    for n, employee in enumerate(chosen):
        if n < n_open:
            start = today - timedelta(days=min(rng.randint(0, 360), (today - employee.employment_start).days))
            end = max(today + timedelta(days=rng.randint(-10, 120)), start)
            status = Case.Status.OPEN
        else:
            length = rng.choice([rng.randint(1, 3), rng.randint(1, 16), rng.randint(17, 120)])
            start = today - timedelta(days=rng.randint(length + 20, 360))
            end = start + timedelta(days=length - 1)
            status = Case.Status.CLOSED
        cases.append(Case(employee=employee, start=start, end=end, sick_days=(end - start).days + 1, status=status))
        periods += _periods(rng, employee, start, end)
    cases = Case.objects.bulk_create(cases, batch_size=5000)
    AbsencePeriod.objects.bulk_create(periods, batch_size=10000)
    now = timezone.now()
    milestones = []
    for case in cases:
        for key, offset in OFFSETS.items():
            due = case.start + timedelta(days=offset)
            applies = due <= case.end
            done = applies and due < today - timedelta(days=2) and rng.random() < 0.85
            milestones.append(
                CaseMilestone(
                    case=case,
                    key=key,
                    due=due,
                    applies=applies,
                    statutory=key != "first_conversation",
                    reason="" if applies else "case_ended_before_due",
                    completed_at=now if done else None,
                )
            )
    CaseMilestone.objects.bulk_create(milestones, batch_size=10000)

    for name, offset, unit in [("Oppfølgingssamtale dag 31", 31, "days"), ("Informasjonsmøte", 52, "weeks")]:
        RoutineStep.objects.create(
            organisation=org,
            name_nb=name,
            name_en=name,
            anchor="case_start",
            offset=offset,
            offset_unit=unit,
            responsible="manager",
            reminder_nb="-",
            reminder_en="-",
            active_from=today - timedelta(days=400),
        )
    apply_to_open_cases(organisation_id=org.pk, on=today)
    Case.objects.all().refresh_next_milestone()  # the milestones were written in bulk
    return {
        "units": 1 + len(departments) + len(sections) + len(teams),
        "employees": len(managers) + len(staff),
        "open cases": n_open,
        "closed cases": 2 * n_open,
        "periods": len(periods),
        "milestones": CaseMilestone.objects.count(),
        "hr_user": hr_user,
        "department": departments[3].pk,
    }


def _time(client, path: str, params: dict, warm: int, runs: int, cold: bool = False) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warm):
        assert client.get(path, params).status_code == 200
    times = []
    with CaptureQueriesContext(connection) as queries:
        for _ in range(runs):
            if cold:
                cache.clear()
            started = time.perf_counter()
            response = client.get(path, params)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[max(0, round(0.95 * len(times)) - 1)],
        "max": times[-1],
        "queries": len(queries) / runs,
        "bytes": len(response.content),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--open-cases", type=int, default=5_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--warm", type=int, default=3)
    args = parser.parse_args()
    _setup()
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    today = timezone.localdate()
    _empty()
    started = time.perf_counter()
    world = _populate(args.employees, args.open_cases, today)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"Wrote {', '.join(f'{v:,} {k}' for k, v in world.items() if isinstance(v, int) and k != 'department')}"
        f" in {time.perf_counter() - started:.0f} s."
    )
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, PostgreSQL "
        f"{connection.cursor().connection.info.server_version}; {args.requests} requests after {args.warm} warm-up."
    )

    client = Client()
    client.force_login(world["hr_user"])
    pages = [
        ("dashboard", "/hr/", {}, False),
        ("dashboard, overdue, page 3", "/hr/", {"state": "overdue", "page": 3}, False),
        ("dashboard, one department", "/hr/", {"unit": world["department"]}, False),
        ("statistics", "/hr/statistikk/", {}, False),
        ("statistics, computed every time (cache cleared)", "/hr/statistikk/", {}, True),
        ("statistics, one department, computed every time", "/hr/statistikk/", {"unit": world["department"]}, True),
        ("compliance", "/hr/etterlevelse/", {}, False),
    ]
    print("\n| page | p50 ms | p95 ms | max ms | queries | KB |\n|---|---|---|---|---|---|")
    for name, path, params, cold in pages:
        result = _time(client, path, params, args.warm, args.requests, cold)
        print(
            f"| {name} | {result['p50']:.0f} | {result['p95']:.0f} | {result['max']:.0f} | "
            f"{result['queries']:.0f} | {result['bytes'] / 1024:.0f} |"
        )


if __name__ == "__main__":
    main()
