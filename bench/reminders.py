"""Benchmark the daily reminder run (reminders.services.reminders_run) over many open cases.

Run by hand from the repository root against a PostgreSQL database of its own
(it is emptied first; the name must contain "bench"):

    psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE sykefravaer_bench"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sykefravaer_bench .venv/bin/python bench/reminders.py
    ... bench/reminders.py --cases 5000 50000      # the sizes to compare (default)

For each size it writes an organisation with bulk_create (units, managers with
log-ins, HR for the whole organisation and per department, a few delegations
active today, open cases started over the last year with their seven
milestones, most past milestones done), then times:

1. the first run ever (every overdue milestone not done is escalated at once),
2. the next day's run, the steady state (after the first run's messages went out),
3. sending 500 of the first run's messages in this process (locmem e-mail).

Queries are counted with CaptureQueriesContext. The run's "enqueue" goes to a
private Redis queue when REDIS_URL is set (deleted afterwards), else to a
counter, so no real worker picks the messages up.
"""

import argparse
import os
import platform
import random
import sys
import time
import uuid
from collections import Counter
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
    "reminders_delivery",
    "reminders_notificationpreference",
    "cases_casemilestone",
    "cases_caseactivity",
    "cases_case",
    "organisation_delegation",
    "organisation_hraccess_units",
    "organisation_hraccess",
    "organisation_employee",
    "organisation_unit",
    "organisation_organisation",
    "auth_user",
]


def _setup() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("Set DATABASE_URL to a PostgreSQL database whose name contains 'bench' (it is emptied).")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "sykefravaer.settings",
            "DEBUG": "true",
            "SECRET_KEY": "bench-" + "x" * 60,
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    call_command("migrate", verbosity=0)


def _empty() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")


def _populate(n_cases: int, today: date, seed: int = 2026) -> dict:
    """An organisation with n_cases open cases, written with bulk_create."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from cases.models import Case, CaseMilestone
    from organisation.models import Delegation, Employee, HRAccess, Organisation, Unit
    from organisation.services import unit_save

    rng = random.Random(seed)
    User = get_user_model()
    org = Organisation.objects.create(name="Bench AS", org_number="912345602")
    root = unit_save(unit=Unit(organisation=org, name="Bench AS"))
    departments = [unit_save(unit=Unit(organisation=org, name=f"Avdeling {d}", parent=root)) for d in range(20)]
    sections = [
        unit_save(unit=Unit(organisation=org, name=f"Seksjon {d}.{s}", parent=dept))
        for d, dept in enumerate(departments)
        for s in range(4)
    ]

    n_managers = max(10, n_cases // 8)
    users = User.objects.bulk_create(
        [User(username=f"leder{i}", email=f"leder{i}@bench.example", password="!") for i in range(n_managers)]
        + [User(username=f"hr{i}", email=f"hr{i}@bench.example", password="!") for i in range(21)],
        batch_size=5000,
    )
    manager_users, hr_users = users[:n_managers], users[n_managers:]
    managers = Employee.objects.bulk_create(
        [
            Employee(
                organisation=org,
                unit=rng.choice(sections),
                user=user,
                employee_number=f"L{i}",
                first_name="Leder",
                last_name=str(i),
                email=user.email,
                employment_start=date(2015, 1, 1),
                preferred_language=rng.choice(["nb", "nb", "nb", "en"]),
            )
            for i, user in enumerate(manager_users)
        ],
        batch_size=5000,
    )
    employees = Employee.objects.bulk_create(
        [
            Employee(
                organisation=org,
                unit=(manager := rng.choice(managers)).unit,
                manager=manager,
                employee_number=f"A{i}",
                first_name="Ansatt",
                last_name=str(i),
                employment_start=date(2018, 1, 1),
            )
            for i in range(n_cases)
        ],
        batch_size=5000,
    )
    whole = HRAccess.objects.create(user=hr_users[0], organisation=org, whole_organisation=True)
    for user, dept in zip(hr_users[1:], departments, strict=True):
        HRAccess.objects.create(user=user, organisation=org).units.set([dept])
    delegating = rng.sample(managers, max(1, n_managers // 50))
    Delegation.objects.bulk_create(
        [
            Delegation(
                manager=m,
                acting_manager=rng.choice([a for a in delegating if a is not m]),
                starts_on=today - timedelta(days=3),
                ends_on=today + timedelta(days=10),
            )
            for m in delegating
        ]
    )

    cases = []
    for employee in employees:
        start = today - timedelta(days=rng.randint(0, 360))
        end = max(today + timedelta(days=rng.randint(-10, 120)), start)
        cases.append(Case(employee=employee, start=start, end=end, sick_days=(end - start).days + 1))
    cases = Case.objects.bulk_create(cases, batch_size=5000)
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
                    reason="" if applies else "case_ended_before_due",
                    completed_at=now if done else None,
                )
            )
    CaseMilestone.objects.bulk_create(milestones, batch_size=10000)
    return {
        "employees": len(employees),
        "managers": n_managers,
        "hr": len(hr_users),
        "cases": len(cases),
        "milestones": len(milestones),
        "whole_org_hr": whole.pk,
    }


class _Enqueue:
    """Where the run's send tasks go: a private Redis queue, or a counter."""

    def __init__(self):
        from reminders import tasks

        self.task = tasks.send_deliveries
        self.original = self.task.delay
        self.redis_url = os.environ.get("REDIS_URL", "")
        self.queue = f"bench-reminders-{uuid.uuid4().hex[:8]}"
        self.messages = 0

    def __enter__(self):
        def delay(ids, day):
            self.messages += 1
            if self.redis_url:
                self.task.apply_async((ids, day), queue=self.queue)

        self.task.delay = delay
        return self

    def __exit__(self, *exc):
        self.task.delay = self.original
        if self.redis_url:
            import redis

            redis.Redis.from_url(self.redis_url).delete(self.queue)


def _timed_run(day: date) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reminders import services

    with _Enqueue() as enqueue, CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = services.reminders_run(on=day)
        seconds = time.perf_counter() - started
    kinds = Counter(q["sql"].split(None, 1)[0].upper() for q in queries.captured_queries)
    return {
        "seconds": seconds,
        "queries": len(queries),
        "by_kind": dict(kinds),
        "recorded": result.recorded,
        "queued": result.queued,
        "closed": result.closed_cases,
        "messages": enqueue.messages,
    }


def _timed_sending(day: date, count: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reminders import services
    from reminders.models import Delivery

    ids = list(Delivery.objects.pending().order_by("?").values_list("pk", flat=True)[:count])
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        outcomes = services.deliveries_send(delivery_ids=ids, on=day)
        seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "per_message_ms": 1000 * seconds / max(1, len(ids)),
        "queries_per_message": len(queries) / max(1, len(ids)),
        "outcomes": outcomes,
    }


def bench(n_cases: int, today: date) -> dict:
    from django.utils import timezone

    from reminders.models import Delivery

    _empty()
    started = time.perf_counter()
    sizes = _populate(n_cases, today)
    setup = time.perf_counter() - started
    first = _timed_run(today)
    sending = _timed_sending(today, 500)
    Delivery.objects.pending().update(sent_at=timezone.now())  # the worker sent the rest
    steady = _timed_run(today + timedelta(days=1))
    Delivery.objects.pending().update(sent_at=timezone.now())
    again = _timed_run(today + timedelta(days=1))  # beat fired twice: nothing new
    return {
        "n": n_cases,
        "sizes": sizes,
        "setup": setup,
        "first": first,
        "steady": steady,
        "again": again,
        "sending": sending,
        "deliveries": Delivery.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 23))
    args = parser.parse_args()
    _setup()
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
        f"day {args.today}; enqueue to {'Redis (private queue)' if os.environ.get('REDIS_URL') else 'a counter'}"
    )
    for n in args.cases:
        r = bench(n, args.today)
        s = r["sizes"]
        print(
            f"\n{n:,} open cases ({s['milestones']:,} milestones, {s['managers']:,} managers, {s['hr']} HR users; "
            f"written in {r['setup']:.0f} s)"
        )
        for label in ["first", "steady", "again"]:
            run = r[label]
            print(
                f"  {label:7} run: {run['seconds']:6.2f} s, {run['queries']:3} queries {run['by_kind']}, "
                f"{run['recorded']:,} recorded, {run['queued']:,} queued in {run['messages']:,} tasks"
            )
        snd = r["sending"]
        print(
            f"  sending: {snd['per_message_ms']:.1f} ms and {snd['queries_per_message']:.1f} queries a message "
            f"({snd['outcomes']})"
        )


if __name__ == "__main__":
    main()
