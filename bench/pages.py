"""Benchmark the pages and jobs of a large employer over real HTTP, against gunicorn with DEBUG off.

Run by hand from the repository root, with a PostgreSQL database of its own:

    psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE sykefravaer_bench_pages"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sykefravaer_bench_pages REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/pages.py
    ... bench/pages.py --employees 50000 --small 5000 --rounds 3 --requests 15 --port 8000

It builds the organisation in that database (or reuses it when it is already
there): 50,000 employees in 2,521 units with 5,000 open and 10,000 closed
cases (bench/dashboard.py), a manager and an HR user with log-ins, a case with
a long history and one million audit events, written with bulk_create and
INSERT … SELECT. A database that holds anything else is left alone. The small
run (`--small`, 0 to skip) uses a second database beside it, named
`<name>_small`, created when missing.

Then it starts gunicorn with bench/settings.py (the shipped settings, DEBUG
off, a header with the number of SQL statements of each request), signs in as
the manager and as HR through the log-in form, and requests every page of the
table `--requests` times after a warm-up, in `--rounds` rounds; it prints per
page the median over the rounds of p50 and p95, the queries and bytes of a
response, the target and whether it holds. The last line is "N/M within
target". The Redis database of REDIS_URL is emptied to time the statistics
without their cache.
"""

import argparse
import http.cookiejar
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MARKER = "Bench AS"
AUDIT_EVENTS_PER_EMPLOYEE = 20  # one million for 50,000 employees
HISTORY = 150  # activities on the benchmark's case


IMPORT = "employee import, whole register"
IMPORT_TARGET_MS = 60_000

# The table: name, who, path, target p95 in ms, target queries (None: no target), kind.
PAGES = [
    (IMPORT, "hr", "/import/", IMPORT_TARGET_MS, None, "import"),
    ("HR dashboard /hr/", "hr", "/hr/", 150, None, "page"),
    ("statistics, not cached", "hr", "/hr/statistikk/", 300, None, "cold"),
    ("compliance /hr/etterlevelse/", "hr", "/hr/etterlevelse/", 200, None, "page"),
    ("case page (manager)", "manager", "/saker/{case}/", 80, None, "page"),
    ("case page (HR)", "hr", "/saker/{case}/", 80, None, "page"),
    ("manager start page /leder/", "manager", "/leder/", 50, None, "page"),
    ("API case list, 200 rows", "hr", "/api/v1/cases/?page_size=200", None, 15, "page"),
    ("API unit list", "hr", "/api/v1/units/?page_size=200", 150, None, "page"),
    ("API employees, deep page", "hr", "/api/v1/employees/?page_size=50&page={deep}", 150, None, "page"),
    ("audit log page", "hr", "/logg/", 100, None, "page"),
    ("audit log page, deep", "hr", "/logg/?before={audit_cursor}", 100, None, "page"),
    ("XLSX export, 5,000 rows", "hr", "/hr/frister/eksport.xlsx", 700, None, "page"),
]


# Building the organisation ------------------------------------------------------------------------------------


def _django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _state(n_employees: int) -> dict | None:
    """The benchmark's organisation, if the database holds exactly it; None if it is empty; else exit."""
    from django.contrib.auth import get_user_model

    from cases.models import Case
    from organisation.models import Employee, Organisation

    names = list(Organisation.objects.values_list("name", flat=True))
    if not names:
        return None
    if names != [MARKER]:
        sys.exit(f"The database holds other organisations ({len(names)}); use a database of its own.")
    from audit.models import AuditEvent

    if (
        Employee.objects.count() != n_employees
        or not get_user_model().objects.filter(username="benchleder").exists()
        or AuditEvent.objects.filter(action="case.view", actor_label="benchhr").count()
        < AUDIT_EVENTS_PER_EMPLOYEE * n_employees
    ):
        return {}
    manager = Employee.objects.get(user__username="benchleder")
    case = Case.objects.filter(employee__manager=manager, status=Case.Status.OPEN).order_by("pk").first()
    return {"case": case.pk, "employees": n_employees}


def _build(n_employees: int, n_open: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count, Q
    from django.utils import timezone

    from bench.dashboard import TABLES, _populate
    from cases.models import Case, CaseActivity
    from organisation.models import Employee

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
    world = _populate(n_employees, n_open, timezone.localdate())
    User = get_user_model()
    hr = world["hr_user"]
    hr.username = "benchhr"
    hr.save()
    # The manager of the team with the most open cases signs in; thirty other managers act on its case.
    manager = (
        Employee.objects.filter(manager__isnull=True, user__isnull=True)
        .annotate(n=Count("reports__cases", filter=Q(reports__cases__status="open")))
        .order_by("-n", "pk")
        .first()
    )
    user = User.objects.create_user("benchleder", password="bench")
    Employee.objects.filter(pk=manager.pk).update(user=user)
    case = Case.objects.filter(employee__manager=manager, status=Case.Status.OPEN).order_by("pk").first()
    actors = []
    for employee in Employee.objects.filter(manager__isnull=True, user__isnull=True).order_by("pk")[:30]:
        actor = User.objects.create_user(f"benchactor{employee.pk}", password="bench")
        Employee.objects.filter(pk=employee.pk).update(user=actor)
        actors.append(actor)
    CaseActivity.objects.bulk_create(
        [
            CaseActivity(case=case, actor=actors[i % len(actors)], kind=CaseActivity.Kind.NOTE, detail={"n": i})
            for i in range(HISTORY)
        ]
    )
    # The audit log: twenty events per employee about the organisation's employees, written by the database itself.
    low, high = (
        Employee.objects.order_by("pk").values_list("pk", flat=True).first(),
        Employee.objects.order_by("-pk").values_list("pk", flat=True).first(),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditevent (at, actor_id, actor_label, action, employee_id, employee_label,"
            " object_type, object_id, ip_address, detail)"
            " SELECT now() - make_interval(secs => g * 3), %s, 'benchhr', 'case.view', %s + (g::bigint * 7919) %% %s,"
            " 'Ansatt ' || g, 'cases.case', g::text, '127.0.0.1', '{}'::jsonb FROM generate_series(1, %s) g",
            [hr.pk, low, high - low + 1, AUDIT_EVENTS_PER_EMPLOYEE * n_employees],
        )
        cursor.execute("ANALYZE")
    return {"case": case.pk, "employees": n_employees}


# HTTP ---------------------------------------------------------------------------------------------------------


class Session:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.last_url, self.last_body = "", b""

    def get(self, path: str) -> tuple[int, bytes, dict]:
        try:
            with self.opener.open(self.base + path, timeout=120) as reply:
                return reply.status, reply.read(), dict(reply.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)

    def post(self, path: str, data: dict | bytes, content_type: str | None = None) -> tuple[int, bytes, dict]:
        token = next((c.value for c in self.jar if c.name == "csrftoken"), "")
        body = data if isinstance(data, bytes) else urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(
            self.base + path,
            data=body,
            method="POST",
            headers={
                "X-CSRFToken": token,
                "Referer": self.base + path,
                "Content-Type": content_type or "application/x-www-form-urlencoded",
            },
        )
        try:
            with self.opener.open(request, timeout=300) as reply:
                self.last_url, self.last_body = reply.url, reply.read()
                return reply.status, self.last_body, dict(reply.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)

    def login(self, username: str) -> None:
        status, body, _ = self.get("/konto/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        self.post("/konto/login/", {"username": username, "password": "bench", "csrfmiddlewaretoken": token})
        assert any(c.name == "sessionid" for c in self.jar), f"{username} could not sign in"


def _serve(port: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sykefravaer.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2)
            return server
        except Exception:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start")


def _register_csv(round_number: int) -> bytes:
    """The whole register as a payroll system exports it, with one employee in twenty renamed for this round."""
    from organisation.models import Employee, Organisation, Unit

    organisation = Organisation.objects.get(name=MARKER)
    names = dict(Unit.objects.values_list("pk", "name"))
    paths = {
        pk: "/".join(names[int(p)] for p in path.strip("/").split("/"))
        for pk, path in Unit.objects.values_list("pk", "path")
    }
    numbers = dict(Employee.objects.values_list("pk", "employee_number"))
    lines = [
        "org_number;employee_number;first_name;last_name;unit;manager_employee_number;employment_start;"
        "employment_end;position_percentage"
    ]
    for i, (number, first, last, unit, manager, start, end, percentage) in enumerate(
        Employee.objects.order_by("pk").values_list(
            "employee_number",
            "first_name",
            "last_name",
            "unit_id",
            "manager_id",
            "employment_start",
            "employment_end",
            "position_percentage",
        )
    ):
        if i % 20 == 0:
            first = f"Runde{round_number}"
        lines.append(
            f"{organisation.org_number};{number};{first};{last};{paths[unit]};"
            f"{numbers.get(manager, '')};{start:%d.%m.%Y};{f'{end:%d.%m.%Y}' if end else ''};"
            f"{percentage:f}"
        )
    return ("\r\n".join(lines) + "\r\n").encode()


def _time_import(session: Session, content: bytes) -> float:
    """Upload, preview, confirm and wait for the background import: milliseconds from upload to applied."""
    boundary = "benchboundary7MA4YWxkTrZu0gW"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="ansatte.csv"\r\n'
            f"Content-Type: text/csv\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    started = time.perf_counter()
    status, _, _ = session.post("/import/", body, f"multipart/form-data; boundary={boundary}")
    assert status == 200, status  # followed to the preview
    batch = session.last_url.rstrip("/").rsplit("/", 1)[-1]
    fingerprint = re.search(rb'name="fingerprint" value="([0-9a-f]+)"', session.last_body)
    assert fingerprint, session.last_body[:2000]
    session.post(f"/import/{batch}/bekreft/", {"fingerprint": fingerprint.group(1).decode()})
    while True:
        _, reply, _ = session.get(f"/import/{batch}/framdrift/")
        if json.loads(reply)["status"] != "applying":
            break
        time.sleep(0.25)
    elapsed = (time.perf_counter() - started) * 1000
    assert json.loads(reply)["status"] == "applied", reply
    return elapsed


def _worker() -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "sykefravaer",
            "worker",
            "--pool",
            "solo",
            "--queues",
            "bench-pages",
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
    )


def _time_page(session: Session, path: str, cold: bool, warm: int, runs: int) -> dict:
    from django.core.cache import cache

    for _ in range(warm):
        status, body, _ = session.get(path)
        assert status == 200, (path, status, body[:300])
    times = []
    for _ in range(runs):
        if cold:
            cache.clear()
        started = time.perf_counter()
        status, body, headers = session.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert status == 200, (path, status)
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[max(0, round(0.95 * len(times)) - 1)],
        "queries": int(headers.get("X-Bench-Queries", -1)),
        "bytes": len(body),
    }


def measure(args) -> dict:
    """One size, in this process: build or reuse, serve, time every page; the results as a dict."""
    _django()
    from django.db import connection

    state = _state(args.employees)
    if not state:
        started = time.perf_counter()
        state = _build(args.employees, args.open_cases)
        print(f"Built {args.employees:,} employees in {time.perf_counter() - started:.0f} s.", file=sys.stderr)
    deep = max(1, args.employees // 50 - 5)
    from audit.models import AuditEvent
    from hr.views_audit import cursor

    deep_event = AuditEvent.objects.order_by("-at", "-pk")[2500]  # page 50 of the log
    server = _serve(args.port)
    worker = _worker() if not args.only or re.search(args.only, IMPORT) else None
    try:
        base = f"http://127.0.0.1:{args.port}"
        sessions = {"hr": Session(base), "manager": Session(base)}
        sessions["hr"].login("benchhr")
        sessions["manager"].login("benchleder")
        rounds: dict[str, list[dict]] = {}
        for _ in range(args.rounds):
            for name, who, path, _target, _queries, kind in PAGES:
                if args.only and not re.search(args.only, name):
                    continue
                if kind == "import":
                    elapsed = _time_import(sessions[who], _register_csv(len(rounds.get(name, ())) + 1))
                    rounds.setdefault(name, []).append({"p50": elapsed, "p95": elapsed, "queries": 0, "bytes": 0})
                    continue
                result = _time_page(
                    sessions[who],
                    path.format(case=state["case"], deep=deep, audit_cursor=cursor(deep_event)),
                    kind == "cold",
                    args.warm,
                    args.requests,
                )
                rounds.setdefault(name, []).append(result)
    finally:
        for process in (server, worker):
            if process is not None:
                process.terminate()
                process.wait()
    results = {name: {key: statistics.median(r[key] for r in runs) for key in runs[0]} for name, runs in rounds.items()}
    return {
        "employees": args.employees,
        "results": results,
        "postgres": connection.cursor().connection.info.server_version,
    }


# The report ---------------------------------------------------------------------------------------------------


def _holds(result: dict, target_ms, target_queries) -> bool:
    return (target_ms is None or result["p95"] <= target_ms) and (
        target_queries is None or result["queries"] <= target_queries
    )


def _target(target_ms, target_queries) -> str:
    return " and ".join(
        x
        for x in (f"p95 < {target_ms} ms" if target_ms else "", f"< {target_queries} queries" if target_queries else "")
        if x
    )


def _run_size(args, url: str, employees: int, open_cases: int) -> dict:
    command = [
        sys.executable,
        __file__,
        "--measure",
        "--employees",
        str(employees),
        "--open-cases",
        str(open_cases),
        "--rounds",
        str(args.rounds),
        "--requests",
        str(args.requests),
        "--warm",
        str(args.warm),
        "--port",
        str(args.port),
    ] + (["--only", args.only] if args.only else [])
    output = subprocess.run(
        command, env={**os.environ, "DATABASE_URL": url}, check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[-1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--open-cases", type=int, default=5_000)
    parser.add_argument("--small", type=int, default=5_000, help="employees of the small run; 0 skips it")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--warm", type=int, default=2)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--only", default="", help="a regular expression: time only the rows it matches")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args)))
        return
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of the benchmark's own.")
    load = os.getloadavg()
    big = _run_size(args, url, args.employees, args.open_cases)
    small = None
    if args.small:
        _ensure_database(url + "_small")
        small = _run_size(args, url + "_small", args.small, max(1, args.open_cases * args.small // args.employees))
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, PostgreSQL {big['postgres']}; "
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the start, "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end; median of {args.rounds} rounds of "
        f"{args.requests} requests."
    )
    header = "| page or job | p50 ms | p95 ms | queries | KB | target | holds |"
    if small:
        header += f" p95 at {args.small:,} | p95 ratio | queries at {args.small:,} |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    within = total = 0
    for name, _who, _path, target_ms, target_queries, _kind in PAGES:
        if name not in big["results"]:
            continue
        result = big["results"][name]
        holds = _holds(result, target_ms, target_queries)
        within += holds
        total += 1
        line = (
            f"| {name} | {result['p50']:.0f} | {result['p95']:.0f} | {result['queries']:.0f} | "
            f"{result['bytes'] / 1024:.0f} | {_target(target_ms, target_queries)} | {'yes' if holds else 'NO'} |"
        )
        if small:
            other = small["results"][name]
            line += f" {other['p95']:.0f} | {result['p95'] / max(other['p95'], 0.1):.1f} | {other['queries']:.0f} |"
        print(line)
    print(f"{within}/{total} within target")


if __name__ == "__main__":
    main()
