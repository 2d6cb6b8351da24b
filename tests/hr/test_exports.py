"""The export files open in Norwegian Excel: semicolons, decimal commas, UTF-8 with BOM, only the table."""

import csv
import io
from datetime import date

from openpyxl import load_workbook

from hr import exports


def _table():
    return exports.Table(
        title="Statistikk",
        header=["Gruppe", "Fra", "Sykefravær (%)", "Ansatte"],
        rows=[
            ["Salg; nord", date(2026, 3, 1), 4.5, 12],
            ["Støtte", date(2026, 3, 1), 10.25, 7],
            ["Lager", date(2026, 3, 1), None, 3],
        ],
        note="Grupper med færre enn 5 ansatte vises ikke.",
    )


def test_csv_has_semicolons_decimal_commas_a_bom_and_no_note():
    data = exports._csv(_table())
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "Gruppe;Fra;Sykefravær (%);Ansatte"
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1] == ["Salg; nord", "2026-03-01", "4,5", "12"]  # a semicolon in a value is quoted
    assert rows[2][2] == "10,25" and rows[3][2] == ""
    assert len(rows) == 4 and "færre enn 5" not in text


def test_xlsx_keeps_numbers_and_puts_the_note_on_a_second_sheet(in_english):
    book = load_workbook(io.BytesIO(exports._xlsx(_table())))
    first, note = book.worksheets
    values = list(first.iter_rows(values_only=True))
    assert values[1][2] == 4.5 and len(values) == 4
    assert note.title == "Note" and note["A1"].value == "Grupper med færre enn 5 ansatte vises ikke."
