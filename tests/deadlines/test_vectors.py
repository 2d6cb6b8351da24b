"""Every shared test vector, each as its own test (docs/vectors-format.md section 4)."""

import json
from datetime import date
from pathlib import Path

import pytest

from deadlines import DeadlineError, ErrorCode, MilestoneKey
from deadlines.vectors import (
    VectorKind,
    compute_expect,
    infer_kind,
    mismatches,
    parse_deadline_input,
    parse_egenmelding_input,
    render_timeline,
)

VECTORS = Path(__file__).parent / "vectors"
# The shared copy lives beside the repository; the copies here must stay identical.
SHARED = Path(__file__).resolve().parents[3] / "shared" / "domain" / "vectors"
FILES = sorted(VECTORS.glob("*.json"))


def _params() -> list:
    params = []
    for path in FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        for vector in data["vectors"]:
            params.append(pytest.param(VectorKind(data["kind"]), vector, id=f"{path.stem}:{vector['id']}"))
    return params


@pytest.mark.parametrize(("kind", "vector"), _params())
def test_vector(kind: VectorKind, vector: dict) -> None:
    assert mismatches(vector["expect"], compute_expect(kind, vector["input"])) == []


def test_all_four_vector_files_are_here() -> None:
    assert [p.name for p in FILES] == [
        "edge-cases.json",
        "egenmelding.json",
        "max-date-renewal.json",
        "worked-examples.json",
    ]


@pytest.mark.skipif(not SHARED.is_dir(), reason="no shared/domain/vectors folder beside the repository")
def test_vector_copies_are_identical_to_the_shared_ones() -> None:
    shared = sorted(p.name for p in SHARED.glob("*.json"))
    assert shared == [p.name for p in FILES]
    for name in shared:
        assert (VECTORS / name).read_bytes() == (SHARED / name).read_bytes(), name


@pytest.mark.parametrize(
    ("expect", "actual", "found"),
    [
        ({"a": 1}, {"a": 1, "extra": 2}, []),
        ({"a": 1}, {}, ["expect.a: missing"]),
        ({"a": [1, 2]}, {"a": [1]}, ["expect.a: expected 2 items, got 1"]),
        ({"a": [1, 2]}, {"a": [2, 1]}, ["expect.a[0]: expected 1, got 2", "expect.a[1]: expected 2, got 1"]),
        ({"a": True}, {"a": 1}, ["expect.a: expected True, got 1"]),
        ({"a": None}, {"a": "2026-01-01"}, ["expect.a: expected None, got '2026-01-01'"]),
        ({"a": {"b": 1}}, {"a": [1]}, ["expect.a: expected an object, got [1]"]),
    ],
)
def test_mismatches_compares_as_the_format_says(expect, actual, found) -> None:
    assert mismatches(expect, actual) == found


# Parsing `input`: errors name the field and the problem.


def deadline_error(data) -> DeadlineError:
    with pytest.raises(DeadlineError) as error:
        parse_deadline_input(data)
    return error.value


SICK = {"kind": "sick", "from": "2026-01-05", "to": "2026-01-20"}


@pytest.mark.parametrize(
    ("data", "code", "field", "words"),
    [
        ([], ErrorCode.INVALID_INPUT, "input", "expected an object, got a list"),
        ({}, ErrorCode.INVALID_INPUT, "periods", "missing"),
        ({"periods": {}}, ErrorCode.INVALID_INPUT, "periods", "expected a list"),
        ({"periods": [7]}, ErrorCode.INVALID_INPUT, "periods[0]", "expected an object, got a number"),
        (
            {"periods": [{"from": "2026-01-05", "to": "2026-01-06"}]},
            ErrorCode.INVALID_INPUT,
            "periods[0].kind",
            "missing",
        ),
        ({"periods": [SICK, {**SICK, "kind": "vacation"}]}, ErrorCode.UNKNOWN_KIND, "periods[1].kind", "vacation"),
        (
            {"periods": [{**SICK, "kind": "vacation", "from": "x"}]},
            ErrorCode.UNKNOWN_KIND,
            "periods[0].kind",
            "unknown kind",
        ),
        (
            {"periods": [{**SICK, "from": "2026-02-30"}]},
            ErrorCode.INVALID_PERIOD,
            "periods[0].from",
            "not a valid date",
        ),
        ({"periods": [{**SICK, "to": "20.01.2026"}]}, ErrorCode.INVALID_PERIOD, "periods[0].to", "YYYY-MM-DD"),
        ({"periods": [{"kind": "sick", "from": "2026-01-05"}]}, ErrorCode.INVALID_PERIOD, "periods[0].to", "missing"),
        (
            {"periods": [{**SICK, "from": "2026-01-21"}]},
            ErrorCode.INVALID_PERIOD,
            "periods[0]",
            "'to' 2026-01-20 is before 'from' 2026-01-21",
        ),
        ({"periods": [{**SICK, "grade": 19}]}, ErrorCode.INVALID_GRADE, "periods[0].grade", "below 20"),
        ({"periods": [{**SICK, "grade": "50"}]}, ErrorCode.INVALID_GRADE, "periods[0].grade", "integer"),
        ({"periods": [SICK], "today": "tomorrow"}, ErrorCode.INVALID_INPUT, "today", "YYYY-MM-DD"),
        ({"periods": [SICK], "birth_date": 1960}, ErrorCode.INVALID_INPUT, "birth_date", "YYYY-MM-DD"),
        (
            {"periods": [SICK], "events": [{"type": "dm3", "date": "2026-06-17"}]},
            ErrorCode.INVALID_INPUT,
            "events[0].type",
            "dm3",
        ),
        ({"periods": [SICK], "events": [{"type": "dm2"}]}, ErrorCode.INVALID_INPUT, "events[0].date", "YYYY-MM-DD"),
    ],
)
def test_deadline_input_errors_name_the_field(data, code, field, words) -> None:
    error = deadline_error(data)
    assert (error.code, error.field) == (code, field)
    assert words in str(error)
    assert str(error).startswith(f"{field}: ")


def test_a_left_out_or_null_grade_is_100() -> None:
    parsed = parse_deadline_input({"periods": [SICK, {**SICK, "grade": None}], "employment_start": "2020-01-01"})
    assert [p.grade for p in parsed.periods] == [100, 100]
    assert parsed.employment_start == date(2020, 1, 1)


@pytest.mark.parametrize(
    ("data", "code", "field"),
    [
        ({"proposed": {"from": "2026-03-02", "to": "2026-03-02"}}, ErrorCode.INVALID_INPUT, "employment_start"),
        ({"employment_start": "2020-01-01"}, ErrorCode.INVALID_INPUT, "proposed"),
        (
            {"employment_start": "2020-01-01", "proposed": {"from": "2026-03-03", "to": "2026-03-02"}},
            ErrorCode.INVALID_PERIOD,
            "proposed",
        ),
        (
            {
                "employment_start": "2020-01-01",
                "proposed": {"from": "2026-03-02", "to": "2026-03-02"},
                "history": [{"from": "2026-02-30", "to": "2026-03-01"}],
            },
            ErrorCode.INVALID_PERIOD,
            "history[0].from",
        ),
        (
            {
                "employment_start": "2020-01-01",
                "proposed": {"from": "2026-03-02", "to": "2026-03-02"},
                "policy": {"max_days_per_occasion": 17},
            },
            ErrorCode.INVALID_POLICY,
            "policy.max_days_per_occasion",
        ),
        (
            {"employment_start": "2020-01-01", "proposed": {"from": "2026-03-02", "to": "2026-03-02"}, "policy": 8},
            ErrorCode.INVALID_POLICY,
            "policy",
        ),
        (
            {
                "employment_start": "2020-01-01",
                "proposed": {"from": "2026-03-02", "to": "2026-03-02"},
                "withdrawn": "yes",
            },
            ErrorCode.INVALID_INPUT,
            "withdrawn",
        ),
    ],
)
def test_egenmelding_input_errors_name_the_field(data, code, field) -> None:
    with pytest.raises(DeadlineError) as error:
        parse_egenmelding_input(data)
    assert (error.value.code, error.value.field) == (code, field)


def test_compute_expect_turns_rejected_input_into_an_error_code() -> None:
    assert compute_expect(VectorKind.DEADLINES, {"periods": [{**SICK, "grade": 5}]}) == {
        "error": "invalid_grade",
        "detail": "periods[0].grade: grade 5 is below 20 %, which NAV rejects (use 0 for full activity)",
    }
    assert compute_expect(VectorKind.EGENMELDING, {"proposed": 1}) == {
        "error": "invalid_input",
        "detail": "employment_start: missing",
    }
    assert compute_expect(VectorKind.DEADLINES, {"periods": []}) == {"cases": []}


def test_rendering_keeps_the_formats_key_order() -> None:
    rendered = render_timeline(parse_deadline_input({"periods": [SICK], "today": "2026-02-01"}).compute())
    (case,) = rendered["cases"]
    assert list(case) == [
        "start",
        "end",
        "sick_days",
        "employer_period_end",
        "max_date",
        "milestones",
        "warnings",
        "open",
    ]
    assert list(case["milestones"]) == [key.value for key in MilestoneKey]


def test_infer_kind() -> None:
    assert infer_kind({"proposed": {}}) is VectorKind.EGENMELDING
    assert infer_kind({"periods": []}) is VectorKind.DEADLINES
    assert infer_kind(None) is VectorKind.DEADLINES


def test_optional_lists_may_be_null_but_not_another_type() -> None:
    assert parse_deadline_input({"periods": [], "events": None}).events == ()
    assert deadline_error({"periods": [], "events": {}}).field == "events"
    with pytest.raises(DeadlineError) as error:
        parse_egenmelding_input(
            {
                "employment_start": "2020-01-01",
                "proposed": {"from": "2026-03-02", "to": "2026-03-02"},
                "history": "none",
            }
        )
    assert (error.value.code, error.value.field) == (ErrorCode.INVALID_INPUT, "history")
