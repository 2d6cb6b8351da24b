"""Every rule id the code cites has its own heading in docs/deadline-rules.md (issue 17, item 5)."""

from __future__ import annotations

import ast
import io
import os
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "docs" / "deadline-rules.md"

# R2, R0.4, R10a, R-IN3, A10, EX7b; two digits at most, so lint codes such as A002 are not ids.
RULE_ID = re.compile(r"\b(R-IN\d|R\d{1,2}(?:\.\d)?[a-z]?|A\d{1,2}|EX\d{1,2}[a-z]?)\b")
HEADING = re.compile(r"^#{2,4} (R-IN\d|R\d{1,2}(?:\.\d)?[a-z]?|A\d{1,2}|EX\d{1,2}[a-z]?)\b", re.MULTILINE)
SKIP = {".venv", "mutants", "node_modules", "staticfiles", "var", "migrations", ".git"}
TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.DOTALL)


def _files(suffix: str) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP]
        found += [Path(folder) / f for f in files if f.endswith(suffix)]
    return found


def _python_citations(path: Path) -> set[str]:
    """Ids in comments and docstrings only: a string such as a spreadsheet cell "A1" is not a citation."""
    text = path.read_text(encoding="utf-8")
    found: set[str] = set()
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT and "noqa" not in token.string:
            found |= set(RULE_ID.findall(token.string))
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            found |= set(RULE_ID.findall(ast.get_docstring(node) or ""))
    return found


def cited_ids() -> dict[str, set[str]]:
    """Map each cited id to the files (relative paths) that cite it."""
    cited: dict[str, set[str]] = {}
    for path in _files(".py"):
        for rule in _python_citations(path):
            cited.setdefault(rule, set()).add(str(path.relative_to(ROOT)))
    for path in _files(".html"):
        for comment in TEMPLATE_COMMENT.findall(path.read_text(encoding="utf-8")):
            for rule in RULE_ID.findall(comment):
                cited.setdefault(rule, set()).add(str(path.relative_to(ROOT)))
    return cited


def documented_ids() -> set[str]:
    return set(HEADING.findall(RULES.read_text(encoding="utf-8")))


def test_every_rule_id_cited_in_the_code_has_a_heading_in_the_rules_document() -> None:
    cited = cited_ids()
    missing = {rule: sorted(files) for rule, files in cited.items() if rule not in documented_ids()}
    assert not missing, f"cited in code, no heading in docs/deadline-rules.md: {missing}"


def test_the_scan_finds_the_engines_citations() -> None:
    # A guard against a scan that silently finds nothing.
    cited = cited_ids()
    for rule in ("R2", "R10a", "R29", "A10", "R-IN3", "R0.4", "EX3"):
        assert rule in cited, rule
    assert "deadlines/max_date.py" in cited["A10"]
    assert "A002" not in cited  # a lint code, not a rule


def test_each_rule_has_one_heading() -> None:
    headings = HEADING.findall(RULES.read_text(encoding="utf-8"))
    assert len(headings) == len(set(headings))


def test_the_rules_document_has_the_section_on_readings_that_differ_from_the_law() -> None:
    text = RULES.read_text(encoding="utf-8")
    assert "## Where this project's reading differs from the law's text" in text
    for words in ("helt arbeidsfør i 26 uker", "three-year look-back", "§ 8-19"):
        assert words in text, words
