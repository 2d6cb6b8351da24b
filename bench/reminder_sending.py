"""Benchmark sending reminders over SMTP to a local sink: messages a second, queries and connections a message.

Run by hand from the repository root against a PostgreSQL database of its own
(it is emptied first; the name must contain "bench"):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sykefravaer_bench .venv/bin/python bench/reminder_sending.py
    ... bench/reminder_sending.py --cases 5000 --messages 5000

It writes the organisation of bench/reminders.py (open cases with their
milestones), records the first daily run's deliveries (escalations, reminders),
starts an SMTP sink (aiosmtpd, a separate process on 127.0.0.1 that counts and
discards) and sends up to --messages of them through
`reminders.services.deliveries_send`, SEND_BATCH ids at a time, as the Celery task
`send_deliveries` does, in this one process. It prints messages a second,
queries a message, SMTP connections opened and messages the sink received.
To compare with an earlier version, run this same file with that version's code
first on the path (see bench/RESULTS.md).
"""

import argparse
import importlib.util
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(os.environ.get("BENCH_CODE_ROOT", Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(Path(__file__).resolve().parent))

SINK = """
import asyncio, sys
from aiosmtpd.controller import Controller
count = 0
connections = 0
class Handler:
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        global connections
        connections += 1
        session.host_name = hostname
        return responses
    async def handle_DATA(self, server, session, envelope):
        global count
        count += 1
        return "250 OK"
controller = Controller(Handler(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
sys.stdin.readline()
print(count, connections, flush=True)
controller.stop()
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 23))
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("Set DATABASE_URL to a PostgreSQL database whose name contains 'bench' (it is emptied).")
    port = _free_port()
    script = Path(tempfile.mkdtemp()) / "sink.py"
    script.write_text(SINK)
    sink = subprocess.Popen(
        [sys.executable, str(script), str(port)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert sink.stdout.readline().strip() == "ready"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "sykefravaer.settings",
            "DEBUG": "true",
            "SECRET_KEY": "bench-" + "x" * 60,
            "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "smtp",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(port),
            "EMAIL_USE_TLS": "false",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    import reminders as code  # the code under test: this checkout's, or BENCH_CODE_ROOT's
    from reminders import services
    from reminders.models import Delivery

    call_command("migrate", verbosity=0)

    spec = importlib.util.spec_from_file_location("bench_reminders", Path(__file__).resolve().parent / "reminders.py")
    bench_reminders = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_reminders)
    bench_reminders._empty()
    bench_reminders._populate(args.cases, args.today)
    services.deliveries_record(on=args.today)
    ids = list(Delivery.objects.pending().order_by("pk").values_list("pk", flat=True)[: args.messages])
    batch = getattr(services, "SEND_BATCH", 100)
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
        f"code {Path(code.__file__).resolve().parents[1]}; {args.cases:,} cases, {len(ids):,} messages, "
        f"batches of {batch}"
    )
    outcomes: dict[str, int] = {}
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(1)  # not CaptureQueriesContext: its log keeps the last 9,000 only
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        for start in range(0, len(ids), batch):
            for key, value in services.deliveries_send(delivery_ids=ids[start : start + batch], on=args.today).items():
                outcomes[key] = outcomes.get(key, 0) + value
        seconds = time.perf_counter() - started
    # The sink's own cost on this machine: the same number of small messages over one connection, no Django.
    import smtplib

    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as client:
        for _ in ids:
            client.sendmail("bench@localhost", ["to@localhost"], "Subject: x\r\n\r\n" + ("x" * 70 + "\r\n") * 20)
    sink_ms = 1000 * (time.perf_counter() - started) / max(1, len(ids))
    sink.stdin.write("\n")
    sink.stdin.flush()
    received, connections = (int(x) for x in sink.stdout.readline().split())
    received, connections = received - len(ids), connections - 1
    sink.wait()
    print(
        f"sent {outcomes}: {seconds:.1f} s, {1000 * seconds / max(1, len(ids)):.2f} ms and "
        f"{len(queries) / max(1, len(ids)):.2f} queries a message, {len(ids) / seconds:.0f} messages/s; "
        f"sink received {received:,} over {connections:,} SMTP connections; "
        f"125,000 messages at this rate: {125_000 * seconds / max(1, len(ids)) / 60:.1f} min; "
        f"the sink alone takes {sink_ms:.2f} ms a message; load now {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
