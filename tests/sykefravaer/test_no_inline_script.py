"""No page carries inline script or style, so the Content-Security-Policy (default-src 'self') holds everywhere.

E-mails and PDF templates are exempt: no browser loads them from the site (mail clients need inline style,
WeasyPrint reads a <style> block).
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE)
STYLE = re.compile(r"""<style\b|\sstyle\s*=\s*["']|javascript:""", re.IGNORECASE)


def _served_templates() -> list[Path]:
    found = []
    for path in ROOT.glob("**/templates/**/*.html"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "var", "staticfiles", "node_modules"}:
            continue
        if "email" in relative.parts or path.stem.endswith("_pdf"):
            continue
        found.append(path)
    return found


def inline_code(text: str) -> list[str]:
    return [m.group(0) for pattern in (INLINE_SCRIPT, EVENT_HANDLER, STYLE) for m in pattern.finditer(text)]


def test_no_template_has_inline_script_event_handlers_or_style():
    templates = _served_templates()
    assert len(templates) > 50
    found = {str(p.relative_to(ROOT)): hits for p in templates if (hits := inline_code(p.read_text()))}
    assert found == {}, "move script to static/js and style to static/css: the CSP refuses inline code"


def test_the_check_finds_inline_code():
    assert inline_code("<script>alert(1)</script>") == ["<script>"]
    assert inline_code('<input onclick="this.select()">') == [' onclick="']
    assert inline_code('<div style="width: 4%">') == [' style="']
    assert inline_code('<script src="/static/js/behaviour.js"></script><p data-left="4">') == []
