"""Reading an employee file (CSV or Excel) into rows of text, and reading its values.

Payroll and HR systems export either CSV (comma or semicolon separated, often
with a byte-order mark, Norwegian dates) or an Excel workbook. Both become the
same list of `Row`s: the line number a person sees in the file, and the cell
text by column name. Nothing here touches the database.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000
# An .xlsx is a zip archive: a small file can inflate to gigabytes (a "zip bomb"). Each part may unpack to at most
# this much, and all parts together to twice as much; the sizes are read from the archive's directory before
# anything is unpacked (and zipfile stops reading a part at its declared size).
MAX_UNPACKED_PART_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 2 * MAX_UNPACKED_PART_BYTES
# The file has a dozen columns; a row with many more is refused before its cells are read.
MAX_COLUMNS = 50


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    description: str
    example: str


COLUMNS: tuple[Column, ...] = (
    Column(
        "org_number",
        False,
        gettext_lazy("The employer's organisation number (9 digits); checked if given."),
        "912345602",
    ),
    Column(
        "employee_number",
        True,
        gettext_lazy("The employee number in the payroll system; it identifies the employee between imports."),
        "1001",
    ),
    Column("first_name", True, gettext_lazy("First name."), "Kari"),
    Column("last_name", True, gettext_lazy("Last name."), "Nordmann"),
    Column("email", False, gettext_lazy("E-mail address; empty removes it."), "kari.nordmann@example.no"),
    Column(
        "mobile",
        False,
        gettext_lazy("Mobile number, which NAV needs for a nearest leader. Empty: unchanged."),
        "+47 900 00 000",
    ),
    Column(
        "unit",
        True,
        gettext_lazy(
            'The unit, as a path from the top ("Drift/Renhold") or a name that '
            "exists once. Missing units in a path are created."
        ),
        "Drift/Renhold",
    ),
    Column(
        "parent_unit",
        False,
        gettext_lazy("The unit above, when unit is a single name; the unit is created below it if missing."),
        "",
    ),
    Column(
        "manager_employee_number",
        False,
        gettext_lazy(
            "The nearest manager's employee number; the manager may come later in the file. Empty: no manager."
        ),
        "1000",
    ),
    Column("employment_start", True, gettext_lazy("First day of employment: dd.mm.yyyy or yyyy-mm-dd."), "01.03.2019"),
    Column(
        "employment_end",
        False,
        gettext_lazy("Last day of employment, if the employee has left or will leave. Empty: still employed."),
        "",
    ),
    Column(
        "position_percentage",
        False,
        gettext_lazy("Position percentage, 1–100. Empty: unchanged (100 for new employees)."),
        "100",
    ),
    Column("preferred_language", False, gettext_lazy("nb or en. Empty: unchanged (nb for new employees)."), "nb"),
    Column(
        "national_id",
        False,
        gettext_lazy(
            "National identity number or D number (11 digits), for matching NAV's "
            "sick notes; stored encrypted. Empty: unchanged."
        ),
        "",
    ),
    Column(
        "business_unit_number",
        False,
        gettext_lazy(
            "The business unit number (virksomhetsnummer, 9 digits) of the employee's unit. Empty: unchanged."
        ),
        "",
    ),
)
COLUMN_NAMES = [c.name for c in COLUMNS]
REQUIRED_COLUMNS = [c.name for c in COLUMNS if c.required]

# Headers as Norwegian payroll systems tend to write them.
ALIASES = {
    "orgnr": "org_number",
    "organisasjonsnummer": "org_number",
    "org_nr": "org_number",
    "ansattnummer": "employee_number",
    "ansattnr": "employee_number",
    "ansatt_nr": "employee_number",
    "fornavn": "first_name",
    "etternavn": "last_name",
    "e_post": "email",
    "epost": "email",
    "e_mail": "email",
    "mobil": "mobile",
    "mobilnummer": "mobile",
    "mobiltelefon": "mobile",
    "mobile_phone": "mobile",
    "enhet": "unit",
    "avdeling": "unit",
    "overordnet_enhet": "parent_unit",
    "leder": "manager_employee_number",
    "leder_ansattnummer": "manager_employee_number",
    "manager": "manager_employee_number",
    "ansatt_fra": "employment_start",
    "startdato": "employment_start",
    "start_date": "employment_start",
    "ansatt_til": "employment_end",
    "sluttdato": "employment_end",
    "end_date": "employment_end",
    "stillingsprosent": "position_percentage",
    "stilling": "position_percentage",
    "språk": "preferred_language",
    "sprak": "preferred_language",
    "language": "preferred_language",
    "fødselsnummer": "national_id",
    "fodselsnummer": "national_id",
    "fnr": "national_id",
    "personnummer": "national_id",
    "d_nummer": "national_id",
    "virksomhetsnummer": "business_unit_number",
    "virksomhetsnr": "business_unit_number",
    "bedriftsnummer": "business_unit_number",
    "underenhet": "business_unit_number",
}


@dataclass(frozen=True)
class Issue:
    """A problem with the file: where it is (line and column, if known) and what to do."""

    line: int | None
    column: str
    message: str


@dataclass
class Row:
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass
class ParsedFile:
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)


def parsed_to_json(parsed: ParsedFile) -> dict:
    """A parsed file as JSON, kept with the upload so the file is read once (rows as lists in column order)."""
    return {
        "columns": parsed.columns,
        "rows": [[row.line, *(row.values.get(c, "") for c in parsed.columns)] for row in parsed.rows],
        "errors": [[i.line, i.column, i.message] for i in parsed.errors],
        "warnings": [[i.line, i.column, i.message] for i in parsed.warnings],
    }


def parsed_from_json(data: dict) -> ParsedFile:
    columns = data["columns"]
    return ParsedFile(
        columns=columns,
        rows=[Row(line, dict(zip(columns, values, strict=True))) for line, *values in data["rows"]],
        errors=[Issue(*issue) for issue in data["errors"]],
        warnings=[Issue(*issue) for issue in data["warnings"]],
    )


def normalise_header(text: str) -> str:
    name = re.sub(r"[\s\-./]+", "_", str(text or "").strip().lower()).strip("_")
    return ALIASES.get(name, name)


def is_xlsx(content: bytes, filename: str = "") -> bool:
    # An .xlsx file is a zip archive; trust the bytes over the name.
    return content[:4] == b"PK\x03\x04" or (not content and filename.lower().endswith(".xlsx"))


def parse_file(content: bytes, filename: str = "") -> ParsedFile:
    """Read the file's header and rows; the problems found are in `errors`."""
    if len(content) > MAX_BYTES:
        return ParsedFile(
            errors=[Issue(None, "", _("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // (1024 * 1024)})]
        )
    if is_xlsx(content, filename):
        table, parsed = _xlsx_table(content)
    else:
        table, parsed = _csv_table(content)
    if parsed.errors:
        return parsed
    return _rows_from_table(table, parsed)


def _csv_table(content: bytes) -> tuple[list[tuple[int, list]], ParsedFile]:
    parsed = ParsedFile()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV (semicolon separated)" is Windows-1252 in Norway.
        text = content.decode("cp1252", errors="replace")
        parsed.warnings.append(
            Issue(
                None,
                "",
                _(
                    "The file is not UTF-8; it was read as Windows-1252. "
                    "Check that the names with æ, ø and å look right."
                ),
            )
        )
    if "\x00" in text:
        parsed.errors.append(Issue(None, "", _("This is not a CSV or Excel (.xlsx) file.")))
        return [], parsed
    first_line = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = []
    try:
        for values in reader:
            if len(values) > MAX_COLUMNS:
                parsed.errors.append(_too_many_columns(reader.line_num))
                return [], parsed
            table.append((reader.line_num, values))
            if len(table) > MAX_ROWS + 1:
                break
    except csv.Error as error:
        parsed.errors.append(Issue(reader.line_num, "", _("The CSV cannot be read: %(problem)s") % {"problem": error}))
    return table, parsed


def _xlsx_table(content: bytes) -> tuple[list[tuple[int, list]], ParsedFile]:
    from openpyxl import load_workbook

    parsed = ParsedFile()
    if problem := _unpacked_size_problem(content):
        parsed.errors.append(Issue(None, "", problem))
        return [], parsed
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign file
        parsed.errors.append(Issue(None, "", _("The Excel file cannot be read. Save it as .xlsx and try again.")))
        return [], parsed
    try:
        sheet = workbook.worksheets[0]
        table = []
        # Cells past MAX_COLUMNS are not read at all; a row that has any is refused.
        for number, values in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1), start=1):
            if len(values) > MAX_COLUMNS and any(v is not None for v in values[MAX_COLUMNS:]):
                parsed.errors.append(_too_many_columns(number))
                return [], parsed
            table.append((number, [_cell_text(v) for v in values[:MAX_COLUMNS]]))
            if len(table) > MAX_ROWS + 1:
                break
    finally:
        workbook.close()
    return table, parsed


def _unpacked_size_problem(content: bytes) -> str | None:
    """Why the archive may not be unpacked (a part or the whole too large when unpacked), or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            sizes = [info.file_size for info in archive.infolist()]
    except (zipfile.BadZipFile, ValueError, OSError):
        return _("The Excel file cannot be read. Save it as .xlsx and try again.")
    if any(size > MAX_UNPACKED_PART_BYTES for size in sizes) or sum(sizes) > MAX_UNPACKED_BYTES:
        return _(
            "The Excel file unpacks to more than %(size)d MB, more than an employee list needs. Save it "
            "again with only the employee sheet, or as CSV."
        ) % {"size": MAX_UNPACKED_BYTES // (1024 * 1024)}
    return None


def _too_many_columns(line: int) -> Issue:
    return Issue(
        line,
        "",
        _("Line %(line)d has more than %(count)d columns; the file has at most %(count)d.")
        % {"line": line, "count": MAX_COLUMNS},
    )


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows_from_table(table: list[tuple[int, list]], parsed: ParsedFile) -> ParsedFile:
    table = [(line, [str(v).strip() for v in values]) for line, values in table]
    table = [(line, values) for line, values in table if any(values)]
    if not table:
        parsed.errors.append(Issue(None, "", _("The file is empty.")))
        return parsed
    header_line, header = table[0]
    names = [normalise_header(h) for h in header]
    seen: set[str] = set()
    for position, name in enumerate(names):
        if not name:
            continue
        if name in seen:
            parsed.errors.append(Issue(header_line, name, _("The column %(column)s appears twice.") % {"column": name}))
        elif name not in COLUMN_NAMES:
            parsed.warnings.append(
                Issue(
                    header_line,
                    header[position],
                    _("Unknown column %(column)s is ignored.") % {"column": header[position]},
                )
            )
        seen.add(name)
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            parsed.errors.append(Issue(header_line, name, _("The column %(column)s is missing.") % {"column": name}))
    parsed.columns = [n for n in names if n in COLUMN_NAMES]
    if len(table) - 1 > MAX_ROWS:
        parsed.errors.append(
            Issue(None, "", _("The file has more than %(count)d rows; split it.") % {"count": MAX_ROWS})
        )
    if parsed.errors:
        return parsed
    for line, values in table[1:]:
        row = {name: (values[i] if i < len(values) else "") for i, name in enumerate(names) if name in COLUMN_NAMES}
        parsed.rows.append(Row(line, row))
    if not parsed.rows:
        parsed.errors.append(Issue(None, "", _("The file has a header but no employees.")))
    return parsed


# Values ---------------------------------------------------------------------

_NORWEGIAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+)?$")


def parse_date(text: str) -> date:
    """A date written dd.mm.yyyy or yyyy-mm-dd (as Excel and payroll systems write it)."""
    text = text.strip()
    if match := _NORWEGIAN_DATE.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValueError(text)
    return date(year, month, day)


def parse_percentage(text: str) -> Decimal:
    text = text.strip().rstrip("%").strip().replace(",", ".").replace("\u00a0", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite() or not (1 <= value <= 100) or value != value.quantize(Decimal("0.01")):
        raise ValueError(text)
    return value.quantize(Decimal("0.01"))


LANGUAGE_WORDS = {
    "nb": "nb",
    "no": "nb",
    "nob": "nb",
    "nor": "nb",
    "norsk": "nb",
    "bokmål": "nb",
    "bokmal": "nb",
    "norwegian": "nb",
    "nb-no": "nb",
    "nb_no": "nb",
    "en": "en",
    "eng": "en",
    "english": "en",
    "engelsk": "en",
    "en-gb": "en",
    "en-us": "en",
}


def parse_language(text: str) -> str:
    try:
        return LANGUAGE_WORDS[text.strip().lower()]
    except KeyError:
        raise ValueError(text) from None


def parse_national_id(text: str) -> str:
    """A fødselsnummer or D-nummer with both control digits right; spaces are ignored."""
    from organisation.national_id import national_id_is_valid, normalise

    value = normalise(text)
    if not national_id_is_valid(value):
        raise ValueError(text)
    return value


def parse_business_number(text: str) -> str:
    """A virksomhetsnummer (9 digits, mod-11)."""
    from organisation.validators import org_number_is_valid

    value = "".join(text.split())
    if not org_number_is_valid(value):
        raise ValueError(text)
    return value


def example_csv() -> str:
    """A file with the header and one example line, for HR to fill in."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    writer.writerow([c.example for c in COLUMNS])
    return out.getvalue()
