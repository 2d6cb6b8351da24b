"""The repository stands alone: every document the code cites is in it (issue 17, item 5)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "var", "node_modules", "staticfiles", ".git", "locale"}
SUFFIXES = {".py", ".html", ".md", ".toml", ".txt", ".cfg", ".yml", ".yaml", ".json", ".js", ".css"}
# The one test that also compares the engine's texts with the product spec, when that spec lies beside the checkout.
OUTSIDE_ALLOWED = {ROOT / "tests" / "deadlines" / "test_legal.py"}


def _files():
    for path in ROOT.rglob("*"):
        if path.suffix in SUFFIXES and path.is_file() and not SKIP & set(path.relative_to(ROOT).parts):
            yield path


def test_no_file_cites_a_document_that_is_not_in_the_repository():
    cited_missing, outside = [], []
    for path in _files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in re.finditer(r"(?<![\w/.-])docs/([\w.-]+\.md)", text):
            if not (ROOT / "docs" / match.group(1)).is_file():
                cited_missing.append(f"{path.relative_to(ROOT)}: docs/{match.group(1)}")
        if path in OUTSIDE_ALLOWED or path == Path(__file__).resolve():
            continue
        for match in re.finditer(r'(?<![\w/.-])(?<!"docs" / ")(STYLE\.md|deadline-rules\.md|vectors-format\.md)', text):
            outside.append(f"{path.relative_to(ROOT)}: {match.group(1)}")
    assert not cited_missing, cited_missing
    assert not outside, f"cite these as docs/…: {outside}"
