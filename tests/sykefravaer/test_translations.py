"""Every user-facing text ships in Norwegian bokmål, and the compiled catalogue matches it."""

import gettext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "nb" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _entries() -> list[list[str]]:
    blocks = PO.read_text(encoding="utf-8").strip().split("\n\n")
    entries = [block.splitlines() for block in blocks[1:]]
    return [lines for lines in entries if any(line.startswith("msgid ") for line in lines)]  # not obsolete (#~)


def _untranslated(lines: list[str]) -> bool:
    for i, line in enumerate(lines):
        if line in ('msgstr ""', 'msgstr[0] ""', 'msgstr[1] ""'):
            if i + 1 == len(lines) or not lines[i + 1].startswith('"'):
                return True
    return False


def test_nb_catalogue_has_no_untranslated_or_fuzzy_entries():
    entries = _entries()
    assert len(entries) > 1000
    fuzzy = [e for e in entries if any(line.startswith("#,") and "fuzzy" in line for line in e)]
    missing = [e for e in entries if _untranslated(e)]
    assert not fuzzy, fuzzy[:3]
    assert not missing, missing[:3]


def test_compiled_catalogue_is_up_to_date():
    """`make messages` compiles the catalogue; a .po changed without it would lose texts at run time."""
    catalog = gettext.GNUTranslations(MO.open("rb"))._catalog
    messages = {key[0] if isinstance(key, tuple) else key for key in catalog} - {""}
    assert len(messages) == len(_entries())
