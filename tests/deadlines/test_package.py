"""The engine is a pure-Python package with a small public API."""

import subprocess
import sys
from pathlib import Path

import deadlines

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_engine_loads_no_django() -> None:
    code = (
        "import sys, deadlines, deadlines.vectors, deadlines.cli\n"
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')], 'django imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_public_api_is_exported() -> None:
    for name in deadlines.__all__:
        assert hasattr(deadlines, name), name
    assert callable(deadlines.compute_timeline)
    assert callable(deadlines.egenmelding_decision)


def test_engine_never_reads_the_clock() -> None:
    for path in (ROOT / "deadlines").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "date.today(" not in text and "datetime.now(" not in text, path.name


def test_the_engine_type_checks_strictly() -> None:
    # Issue 17: bin/test runs the same command and fails the build on any error.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "deadlines"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
