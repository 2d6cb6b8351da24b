"""`manage.py timeline`: the deadline engine on a vector file, from the command line."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "deadlines" / "vectors"


def run_command(*args: str, stdin: str | None = None) -> str:
    out = io.StringIO()
    options = {"stdout": out}
    if stdin is not None:
        options["stdin"] = io.StringIO(stdin)
    call_command("timeline", *args, **options)
    return out.getvalue()


def test_prints_the_expectations_of_a_vector_file() -> None:
    data = json.loads((VECTORS / "worked-examples.json").read_text(encoding="utf-8"))
    result = json.loads(run_command(str(VECTORS / "worked-examples.json")))
    assert result == {"vectors": [{"id": v["id"], "expect": v["expect"]} for v in data["vectors"]]}


def test_reads_standard_input_for_a_dash() -> None:
    text = json.dumps({"input": {"periods": [{"kind": "sick", "from": "2026-01-05", "to": "2026-01-20"}]}})
    result = json.loads(run_command("-", stdin=text))
    assert result["expect"]["cases"][0]["employer_period_end"] == "2026-01-20"


def test_bad_input_is_a_command_error_with_status_2() -> None:
    with pytest.raises(CommandError) as error:
        run_command("-", stdin='{"vectors": [{"id": "a"}]}')
    assert error.value.returncode == 2
    assert str(error.value) == "vectors[0].input: missing"


def test_manage_py_writes_json_to_stdout_and_errors_to_stderr(tmp_path: Path) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    command = [sys.executable, "manage.py", "timeline"]
    done = subprocess.run(
        [*command, str(VECTORS / "egenmelding.json")], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["vectors"][3]["expect"]["reason"] == "capped"
    assert done.stdout.startswith('{\n  "vectors": [')
    failed = subprocess.run(
        [*command, "-"], input="not json", cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert failed.returncode == 2
    assert failed.stdout == ""
    assert "not valid JSON" in failed.stderr and "Traceback" not in failed.stderr


def _readme_timeline_commands() -> list[str]:
    """The shell commands of the README's section on the deadline rules, joined across `\\`."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The deadline rules", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in section.split("```sh\n")[1:]:
        body = block.split("```", 1)[0].replace("\\\n", " ")
        commands.extend(line for line in body.splitlines() if line.strip())
    return commands


def test_the_readme_commands_run_without_any_environment_variable() -> None:
    # Issue 15: a fresh checkout, no DEBUG, no SECRET_KEY, no database: the command reads
    # no secret, and `python -m deadlines.cli` needs no Django at all.
    commands = _readme_timeline_commands()
    assert sum("manage.py timeline" in c for c in commands) == 2
    assert sum("-m deadlines.cli" in c for c in commands) == 2
    for command in commands:
        done = subprocess.run(
            command.replace(".venv/bin/python", sys.executable),
            shell=True,
            cwd=ROOT,
            env={"PATH": os.environ["PATH"]},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, (command, done.stderr)
        assert done.stderr == ""
        result = json.loads(done.stdout)
        assert "vectors" in result or "expect" in result


def test_without_a_secret_key_the_checks_and_the_web_server_refuse_to_start() -> None:
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "sykefravaer.settings"}
    checked = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert checked.returncode != 0
    assert "sykefravaer.E001" in checked.stderr and "Set SECRET_KEY" in checked.stderr
    served = subprocess.run(
        [sys.executable, "-c", "import sykefravaer.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert served.returncode != 0
    assert "Set SECRET_KEY (at least 50 random characters) or DEBUG=true." in served.stderr
