from datetime import date, datetime
from decimal import Decimal

import pytest

from imports.parsing import REQUIRED_COLUMNS, example_csv, parse_date, parse_file, parse_language, parse_percentage

from .helpers import HEADER, csv_bytes, xlsx_bytes

ROW = ["912345602", "1001", "Kari", "Nordmann", "kari@example.no", "Drift/Renhold", "", "01.03.2019", "", "100", "nb"]


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("bom", [True, False])
def test_reads_semicolon_and_comma_csv_with_or_without_bom(delimiter, bom):
    parsed = parse_file(csv_bytes([ROW, ROW], delimiter=delimiter, bom=bom), "ansatte.csv")
    assert not parsed.errors
    assert parsed.columns == HEADER
    assert [r.line for r in parsed.rows] == [2, 3]
    assert parsed.rows[0].values["first_name"] == "Kari"
    assert parsed.rows[0].values["unit"] == "Drift/Renhold"


def test_quoted_values_keep_their_separator():
    content = 'employee_number;first_name;last_name;unit;employment_start\n1;"Anne; Marie";Li;"A/B";2020-01-01\n'
    parsed = parse_file(content.encode(), "x.csv")
    assert parsed.rows[0].values["first_name"] == "Anne; Marie"


def test_reads_xlsx_with_date_cells_and_numbers():
    row = [912345602, 1001, "Kari", "Nordmann", "", "Drift", None, datetime(2019, 3, 1), None, 80.0, "en"]
    parsed = parse_file(xlsx_bytes([row]), "ansatte.xlsx")
    assert not parsed.errors
    values = parsed.rows[0].values
    assert values["employee_number"] == "1001"
    assert values["employment_start"] == "2019-03-01"
    assert values["position_percentage"] == "80"
    assert values["manager_employee_number"] == ""


def test_norwegian_headers_are_understood():
    content = (
        "Ansattnummer;Fornavn;Etternavn;Enhet;Ansatt fra;Leder;Stillingsprosent;E-post\n7;Per;Li;A;1.2.2020;;60;\n"
    )
    parsed = parse_file(content.encode(), "x.csv")
    assert not parsed.errors
    assert parsed.rows[0].values == {
        "employee_number": "7",
        "first_name": "Per",
        "last_name": "Li",
        "unit": "A",
        "employment_start": "1.2.2020",
        "manager_employee_number": "",
        "position_percentage": "60",
        "email": "",
    }


@pytest.mark.parametrize("missing", REQUIRED_COLUMNS)
def test_a_missing_required_column_is_an_error_on_line_1(missing):
    header = [c for c in HEADER if c != missing]
    parsed = parse_file(csv_bytes([["x"] * len(header)], header), "x.csv")
    assert [(e.line, e.column) for e in parsed.errors] == [(1, missing)]
    assert missing in parsed.errors[0].message
    assert not parsed.rows


def test_unknown_columns_are_a_warning_and_blank_lines_are_skipped():
    content = "employee_number;first_name;last_name;unit;employment_start;shoe size\n\n1;A;B;U;2020-01-01;44\n;;;;;\n"
    parsed = parse_file(content.encode(), "x.csv")
    assert not parsed.errors
    assert [r.line for r in parsed.rows] == [3]
    assert "shoe size" in parsed.warnings[0].message


def test_windows_1252_is_read_with_a_warning():
    content = "employee_number;first_name;last_name;unit;employment_start\n1;Bjørn;Sæther;Å;2020-01-01\n"
    parsed = parse_file(content.encode("cp1252"), "x.csv")
    assert not parsed.errors
    assert parsed.rows[0].values["first_name"] == "Bjørn"
    assert parsed.warnings and "UTF-8" in parsed.warnings[0].message


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "empty"),
        (b"employee_number;first_name;last_name;unit;employment_start\n", "no employees"),
        (b"\x00\x01\x02binary", "not a CSV"),
        (b"PK\x03\x04not really a zip", "Excel file cannot be read"),
    ],
)
def test_unreadable_files_say_why(content, problem):
    parsed = parse_file(content, "x.csv")
    assert problem in parsed.errors[0].message


def test_duplicate_column_is_an_error():
    content = b"employee_number;first_name;last_name;unit;employment_start;fornavn\n1;A;B;U;2020-01-01;C\n"
    parsed = parse_file(content, "x.csv")
    assert [(e.line, e.column) for e in parsed.errors] == [(1, "first_name")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("01.03.2019", date(2019, 3, 1)),
        ("1.3.2019", date(2019, 3, 1)),
        ("2019-03-01", date(2019, 3, 1)),
        ("2019-03-01 00:00:00", date(2019, 3, 1)),
    ],
)
def test_dates_in_norwegian_and_iso_form(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31.02.2020", "2020/01/01", "01.03.19", "yesterday", ""])
def test_bad_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize("text, expected", [("100", Decimal(100)), ("50,5", Decimal("50.5")), ("80 %", Decimal(80))])
def test_percentages(text, expected):
    assert parse_percentage(text) == expected


@pytest.mark.parametrize("text", ["0", "101", "abc", "NaN", "33.333"])
def test_bad_percentages_are_refused(text):
    with pytest.raises(ValueError):
        parse_percentage(text)


def test_languages():
    assert parse_language("Norsk") == "nb"
    assert parse_language("EN") == "en"
    with pytest.raises(ValueError):
        parse_language("sv")


def test_example_file_parses_without_errors():
    parsed = parse_file(example_csv().encode(), "mal.csv")
    assert not parsed.errors and len(parsed.rows) == 1
