"""A real Celery worker in its own process, for the tests that need one (imports, reminders)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_worker(queue: str, env: dict, log: Path) -> subprocess.Popen:
    """A solo worker on `queue`, its output in `log`; the caller stops it."""
    command = [sys.executable, "-m", "celery", "-A", "sykefravaer", "worker", "--pool", "solo", "--queues", queue,
               "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
