"""Command-line logic: compute the `expect` of every vector in a vector file.

`run(text)` takes a vector file (either kind; `expect` may be absent) and returns
`{"vectors": [{"id", "expect"}, ...]}`, or for a bare `{"input": ...}` object one
`{"expect": ...}`. Input the rules reject gives `{"error": CODE}` as its expect; a file
that is not JSON or not in the format gives exit status 2 and a message naming the
field. `python -m deadlines.cli FILE|-` runs it without Django; `manage.py timeline`
wraps it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from deadlines.vectors import FORMAT, VectorKind, compute_expect, infer_kind

# Exit status for input that is not JSON or not in the format.
USAGE_ERROR = 2


class FormatError(Exception):
    """The file is not in the vector format; `str()` names the field and the problem."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")


def run(text: str) -> tuple[int, str]:
    """Return `(0, JSON text)` with the computed expectations, or `(2, error message)`."""
    try:
        data = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as error:
        return USAGE_ERROR, f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
    except RecursionError:
        return USAGE_ERROR, "not valid JSON: nested too deeply"
    try:
        result = compute(data)
    except FormatError as error:
        return USAGE_ERROR, str(error)
    return 0, json.dumps(result, indent=2, ensure_ascii=False) + "\n"


def run_source(source: str, stdin: TextIO) -> tuple[int, str]:
    """Read the file `source`, or standard input for "-", and `run` it."""
    try:
        text = stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as error:
        return USAGE_ERROR, f"cannot read {source}: {error.strerror or error}"
    except UnicodeDecodeError:
        return USAGE_ERROR, f"cannot read {source}: not UTF-8 text"
    return run(text)


def compute(data: Any) -> dict[str, Any]:
    """Return the output object for a parsed vector file or bare input object."""
    if not isinstance(data, Mapping):
        raise FormatError("(top level)", "expected an object with a 'vectors' list or an 'input' object")
    if "format" in data and data["format"] != FORMAT:
        raise FormatError("format", f"unsupported format {data['format']!r}; expected {FORMAT!r}")
    kind = None
    if "kind" in data:
        try:
            kind = VectorKind(data["kind"])
        except (ValueError, TypeError):
            raise FormatError("kind", f"unknown kind {data['kind']!r}; expected 'deadlines' or 'egenmelding'") from None
    if "vectors" in data:
        return {"vectors": _vectors(data["vectors"], kind)}
    if "input" in data:
        return {"expect": compute_expect(kind or infer_kind(data["input"]), data["input"])}
    raise FormatError("(top level)", "expected a 'vectors' list or an 'input' object")


def _vectors(vectors: Any, kind: VectorKind | None) -> list[dict[str, Any]]:
    if not isinstance(vectors, list):
        raise FormatError("vectors", "expected a list")
    seen: set[str] = set()
    out = []
    for i, vector in enumerate(vectors):
        field = f"vectors[{i}]"
        if not isinstance(vector, Mapping):
            raise FormatError(field, "expected an object")
        vector_id = vector.get("id")
        if not isinstance(vector_id, str) or not vector_id:
            raise FormatError(f"{field}.id", "expected a non-empty string" if "id" in vector else "missing")
        if vector_id in seen:
            raise FormatError(f"{field}.id", f"duplicate id {vector_id!r}")
        seen.add(vector_id)
        if "input" not in vector:
            raise FormatError(f"{field}.input", "missing")
        out.append({"id": vector_id, "expect": compute_expect(kind or infer_kind(vector["input"]), vector["input"])})
    return out


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m deadlines.cli FILE|-`."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m deadlines.cli FILE.json | -", file=sys.stderr)
        return USAGE_ERROR
    status, output = run_source(args[0], sys.stdin)
    if status:
        print(f"error: {output}", file=sys.stderr)
    else:
        sys.stdout.write(output)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
