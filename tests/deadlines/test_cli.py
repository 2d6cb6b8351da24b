"""The command-line logic (deadlines.cli), without Django."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from deadlines.cli import main, run, run_source
from deadlines.vectors import mismatches

VECTORS = Path(__file__).parent / "vectors"
ROOT = Path(__file__).resolve().parents[2]
SICK = {"kind": "sick", "from": "2026-01-05", "to": "2026-01-20"}
EGENMELDING = {"employment_start": "2020-01-01", "proposed": {"from": "2026-03-02", "to": "2026-03-03"}}


def ok(data) -> dict:
    status, output = run(json.dumps(data))
    assert status == 0, output
    return json.loads(output)


def failure(text: str) -> str:
    status, message = run(text)
    assert status == 2
    assert "Traceback" not in message
    return message


@pytest.mark.parametrize("path", sorted(VECTORS.glob("*.json")), ids=lambda p: p.stem)
def test_every_vector_file_round_trips(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    status, output = run(path.read_text(encoding="utf-8"))
    assert status == 0
    result = json.loads(output)
    assert [v["id"] for v in result["vectors"]] == [v["id"] for v in data["vectors"]]
    for vector, computed in zip(data["vectors"], result["vectors"], strict=True):
        # docs/vectors-format.md section 4: extra keys (an error's "detail") are allowed.
        assert mismatches(vector["expect"], computed["expect"]) == [], vector["id"]
        assert set(computed["expect"]) - set(vector["expect"]) <= {"detail"}
        if "error" in computed["expect"]:
            assert computed["expect"]["detail"].startswith(
                (
                    "periods[",
                    "events[",
                    "proposed",
                    "history[",
                    "policy",
                    "employment_start",
                    "today",
                    "birth_date",
                    "input",
                )
            ), vector["id"]


def test_expect_may_be_absent_and_kind_is_inferred() -> None:
    result = ok({"vectors": [{"id": "a", "input": {"periods": [SICK]}}, {"id": "b", "input": EGENMELDING}]})
    assert [v["id"] for v in result["vectors"]] == ["a", "b"]
    assert result["vectors"][0]["expect"]["cases"][0]["employer_period_end"] == "2026-01-20"
    assert result["vectors"][1]["expect"]["reason"] == "ok"


def test_a_bare_input_gives_one_expect() -> None:
    assert ok({"input": {"periods": []}}) == {"expect": {"cases": []}}
    assert ok({"kind": "egenmelding", "input": EGENMELDING})["expect"]["days_allowed"] == 2
    assert ok({"input": EGENMELDING})["expect"]["last_day_allowed"] == "2026-03-03"
    # An explicit kind wins over the shape.
    assert ok({"kind": "deadlines", "input": EGENMELDING}) == {
        "expect": {"error": "invalid_input", "detail": "periods: missing (use [] for none)"}
    }


def test_input_the_rules_reject_gives_the_error_shape() -> None:
    result = ok(
        {
            "vectors": [
                {"id": "kind", "input": {"periods": [{**SICK, "kind": "vacation"}]}},
                {"id": "grade", "input": {"periods": [{**SICK, "grade": 10}]}},
                {"id": "period", "input": {"periods": [{**SICK, "to": "2026-01-01"}]}},
                {"id": "input", "input": {"periods": "none"}},
                {"id": "policy", "input": {**EGENMELDING, "policy": {"max_days_per_occasion": 0}}},
            ]
        }
    )
    assert [v["expect"] for v in result["vectors"]] == [
        {"error": "unknown_kind", "detail": "periods[0].kind: unknown kind 'vacation'"},
        {
            "error": "invalid_grade",
            "detail": "periods[0].grade: grade 10 is below 20 %, which NAV rejects (use 0 for full activity)",
        },
        {"error": "invalid_period", "detail": "periods[0]: 'to' 2026-01-01 is before 'from' 2026-01-05"},
        {"error": "invalid_input", "detail": "periods: expected a list, got a string"},
        {"error": "invalid_policy", "detail": "policy.max_days_per_occasion: must be an integer 1–16, got 0"},
    ]


def test_the_issues_example_names_the_field_and_the_reason() -> None:
    # Issue 15: the code stays (vector files compare it); the detail says where and why.
    result = ok({"input": {"periods": [{"kind": "sick", "from": "2026-03-31", "to": "2026-01-05"}]}})
    assert result == {
        "expect": {"error": "invalid_period", "detail": "periods[0]: 'to' 2026-01-05 is before 'from' 2026-03-31"}
    }


def test_output_is_indented_utf8_json() -> None:
    status, output = run(json.dumps({"vectors": [{"id": "ferie-æøå", "input": {"periods": []}}]}))
    assert status == 0
    assert '\n  "vectors": [\n' in output and "ferie-æøå" in output and output.endswith("\n")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "not valid JSON"),
        ('{"vectors": [', "not valid JSON"),
        ("[" * 100_000, "not valid JSON"),
        ("[]", "(top level): expected an object"),
        ('{"title": "nothing"}', "(top level): expected a 'vectors' list or an 'input' object"),
        ('{"vectors": {}}', "vectors: expected a list"),
        ('{"vectors": [1]}', "vectors[0]: expected an object"),
        ('{"vectors": [{"input": {}}]}', "vectors[0].id: missing"),
        ('{"vectors": [{"id": 7, "input": {}}]}', "vectors[0].id: expected a non-empty string"),
        ('{"vectors": [{"id": "a", "input": {}}, {"id": "a", "input": {}}]}', "vectors[1].id: duplicate id 'a'"),
        ('{"vectors": [{"id": "a", "expect": {}}]}', "vectors[0].input: missing"),
        ('{"kind": "payroll", "vectors": []}', "kind: unknown kind 'payroll'"),
        ('{"format": "sykefravaer-vectors/2", "vectors": []}', "format: unsupported format"),
    ],
)
def test_a_file_not_in_the_format_exits_with_2_and_names_the_problem(text: str, words: str) -> None:
    assert words in failure(text)


def test_a_byte_order_mark_is_accepted() -> None:
    assert run("\ufeff" + json.dumps({"input": {"periods": []}}))[0] == 0


def test_run_source_reads_files_and_stdin(tmp_path: Path) -> None:
    path = tmp_path / "input.json"
    path.write_text(json.dumps({"input": {"periods": []}}), encoding="utf-8")
    assert json.loads(run_source(str(path), io.StringIO())[1]) == {"expect": {"cases": []}}
    assert json.loads(run_source("-", io.StringIO('{"input": {"periods": []}}'))[1]) == {"expect": {"cases": []}}
    status, message = run_source(str(tmp_path / "missing.json"), io.StringIO())
    assert status == 2 and "cannot read" in message and "missing.json" in message
    (tmp_path / "latin1.json").write_bytes(b'{"id": "\xe6"}')
    assert run_source(str(tmp_path / "latin1.json"), io.StringIO()) == (
        2,
        f"cannot read {tmp_path / 'latin1.json'}: not UTF-8 text",
    )


def test_main_prints_to_stdout_or_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(VECTORS / "egenmelding.json")]) == 0
    assert json.loads(capsys.readouterr().out)["vectors"][0]["id"] == "EM1-under-2-months"
    assert main(["a", "b"]) == 2
    assert "usage:" in capsys.readouterr().err


def test_python_m_deadlines_cli_never_shows_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "deadlines.cli", "-"],
        input="{not json",
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: not valid JSON") and "Traceback" not in result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "deadlines.cli", str(VECTORS / "edge-cases.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert len(json.loads(result.stdout)["vectors"]) == 22
