"""CSV and Excel (.xlsx) files of the dashboard and the statistics.

The views build the rows through the same selectors as the pages, so an export
holds exactly what the user may see, suppressed groups included, and log it.

The CSV is made for Norwegian Excel: semicolons between fields, decimal commas,
UTF-8 with a byte order mark, and nothing but the table in it. The table's note
(what the figures mean) goes on the .xlsx file's second sheet.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMATS = {"csv", "xlsx"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list]
    note: str = ""


def _safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


CSV_DELIMITER = ";"  # Norwegian Excel splits on semicolons: the comma is the decimal sign


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return _safe(value)


def _csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER)
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([_csv_value(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read æ, ø and å


def _xlsx(table: Table) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=table.title[:31])
    bold = Font(bold=True)
    header = []
    for name in table.header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=_safe(value))
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, float):
                cell.number_format = "0.0"
            cells.append(cell)
        sheet.append(cells)
    if table.note:
        notes = book.create_sheet(title=_("Note")[:31])
        notes.append([_safe(table.note)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def response(table: Table, fmt: str, filename: str) -> HttpResponse:
    """The table as a download; `fmt` is "csv" or "xlsx"."""
    if fmt == "xlsx":
        reply = HttpResponse(_xlsx(table), content_type=XLSX)
    else:
        reply = HttpResponse(_csv(table), content_type="text/csv; charset=utf-8")
    reply["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    reply["Cache-Control"] = "no-store"
    return reply
