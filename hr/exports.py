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
from decimal import Decimal

import xlsxwriter
from django.http import HttpResponse
from django.utils.translation import gettext as _

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
    # XlsxWriter in constant-memory mode writes each row as it comes: about four times faster than openpyxl's
    # write-only mode for an export of 5,000 cases. Text is always text (never a formula or a link).
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    sheet = book.add_worksheet(table.title[:31])
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    decimal = book.add_format({"num_format": "0.0"})
    sheet.write_row(0, 0, table.header, bold)
    number = 0
    for number, row in enumerate(table.rows, start=1):
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, date):
                sheet.write_datetime(number, column, value, day)
            elif isinstance(value, bool):
                sheet.write_boolean(number, column, value)
            elif isinstance(value, float):
                sheet.write_number(number, column, value, decimal)
            elif isinstance(value, int | Decimal):
                sheet.write_number(number, column, value)
            else:
                sheet.write_string(number, column, _safe(str(value)))
    if table.note:  # on a sheet of its own, so the table is nothing but its rows
        book.add_worksheet(_("Note")[:31]).write_string(0, 0, _safe(table.note))
    book.close()
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
