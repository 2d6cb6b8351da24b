"""Every shared test vector, each as its own test (vectors-format.md section 4)."""

import json
from pathlib import Path

import pytest

from deadlines.vectors import VectorKind, compute_expect, mismatches

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


def test_all_three_vector_files_are_here() -> None:
    assert [p.name for p in FILES] == ["edge-cases.json", "egenmelding.json", "worked-examples.json"]


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
