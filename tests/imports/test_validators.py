"""One validator per column: each cell is checked on its own, with its own message."""

from datetime import date
from decimal import Decimal

import pytest

from imports import validators
from imports.parsing import COLUMN_NAMES, Row
from imports.validators import COLUMN_VALIDATORS, UNCHANGED, Context, Invalid

pytestmark = pytest.mark.django_db


@pytest.fixture
def context(world):
    return Context(organisation=world.root.organisation, columns=frozenset(COLUMN_NAMES))


def test_every_validated_column_is_a_column_of_the_file():
    assert set(COLUMN_VALIDATORS) <= set(COLUMN_NAMES)
    # unit, parent_unit and the manager are resolved against units and other rows, not one cell.
    assert set(COLUMN_NAMES) - set(COLUMN_VALIDATORS) == {"unit", "parent_unit", "manager_employee_number"}


@pytest.mark.parametrize(
    "column, text, value",
    [
        ("employee_number", "1001", "1001"),
        ("first_name", "Kari", "Kari"),
        ("email", "", ""),
        ("email", "kari@example.no", "kari@example.no"),
        ("employment_start", "01.03.2019", date(2019, 3, 1)),
        ("employment_end", "", None),
        ("position_percentage", "50,5", Decimal("50.50")),
        ("position_percentage", "", UNCHANGED),
        ("preferred_language", "engelsk", "en"),
        ("preferred_language", "", UNCHANGED),
    ],
)
def test_a_good_cell_gives_the_employees_value(context, column, text, value):
    assert COLUMN_VALIDATORS[column].check(text, context) == value


@pytest.mark.parametrize(
    "column, text, message",
    [
        ("employee_number", "", "employee_number is empty."),
        ("last_name", "x" * 101, "last_name is longer than 100 characters."),
        ("org_number", "123", "123 is not a valid organisation number."),
        ("email", "kari", "kari is not an e-mail address."),
        ("employment_start", "", "employment_start is empty."),
        ("employment_end", "31.02.2026", "31.02.2026 is not a date; write dd.mm.yyyy or yyyy-mm-dd."),
        ("position_percentage", "120", "120 is not a position percentage from 1 to 100."),
        ("preferred_language", "se", "se is not a language; write nb or en."),
    ],
)
def test_a_bad_cell_is_refused_with_its_message(context, in_english, column, text, message):
    with pytest.raises(Invalid) as refused:
        COLUMN_VALIDATORS[column].check(text, context)
    assert refused.value.message == message


def test_another_organisations_number_is_refused(context, in_english):
    with pytest.raises(Invalid, match="is not this import's organisation"):
        validators.check_org_number("923609016", context)


def test_check_cells_collects_every_column_of_a_row_and_skips_absent_optional_columns(world, in_english):
    context = Context(
        organisation=world.root.organisation,
        columns=frozenset({"employee_number", "first_name", "last_name", "unit", "employment_start"}),
    )
    row = Row(
        7,
        {
            "employee_number": "1",
            "first_name": "",
            "last_name": "Li",
            "employment_start": "2020-13-01",
            "email": "not checked: no such column",
        },
    )
    target, issues = validators.check_cells(row, context)
    assert [(i.line, i.column) for i in issues] == [(7, "first_name"), (7, "employment_start")]
    assert target == {"last_name": "Li"}
