"""One validator per column of the employee file, as parsing.parse_date reads one value.

Each validator gets the cell's text (and the row's context) and returns the
value for the employee, or raises `Invalid` with the message for that cell.
`COLUMN_VALIDATORS` maps a column to its validator and the model field it
fills; a new column is one function and one entry here (and its Column in
parsing.COLUMNS). Checks that look at more than one cell of a row, or at other
rows, are in `ROW_CHECKS`.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from organisation.models import Organisation
from organisation.validators import org_number_is_valid

from .parsing import Issue, Row, parse_business_number, parse_date, parse_language, parse_national_id, parse_percentage

# What a validator returns when the cell says nothing and the employee keeps what they have.
UNCHANGED = object()


class Invalid(ValueError):
    """A cell's value is not acceptable; the message says what to write instead."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Context:
    organisation: Organisation
    columns: frozenset[str]  # the columns the file has


def _required_text(column: str, limit: int) -> Callable[[str, Context], str]:
    def check(text: str, context: Context) -> str:
        if not text:
            raise Invalid(_("%(column)s is empty.") % {"column": column})
        if len(text) > limit:
            raise Invalid(_("%(column)s is longer than %(limit)d characters.") % {"column": column, "limit": limit})
        return text

    return check


@lru_cache(maxsize=64)
def _org_number_is_valid(number: str) -> bool:
    return org_number_is_valid(number)  # every row of a file has the same one: check it once


def check_org_number(text: str, context: Context):
    number = text.replace(" ", "")
    if not number:
        return UNCHANGED
    if not _org_number_is_valid(number):
        raise Invalid(_("%(value)s is not a valid organisation number.") % {"value": number})
    if number != context.organisation.org_number:
        raise Invalid(
            _("Organisation number %(value)s is not this import's organisation (%(own)s).")
            % {"value": number, "own": context.organisation.org_number}
        )
    return UNCHANGED  # checked, not stored on the employee


def check_email(text: str, context: Context) -> str:
    if text:
        try:
            if len(text) > 254:
                raise ValidationError("too long")
            validate_email(text)
        except ValidationError:
            raise Invalid(_("%(value)s is not an e-mail address.") % {"value": text[:80]}) from None
    return text  # empty removes the address


def check_mobile(text: str, context: Context):
    if not text:
        return UNCHANGED
    number = "".join(text.split())
    if not re.fullmatch(r"\+?\d{8,15}", number):
        raise Invalid(_("%(value)s is not a mobile number.") % {"value": text[:30]})
    return number


def _date(column: str, *, required: bool) -> Callable[[str, Context], date | None]:
    def check(text: str, context: Context) -> date | None:
        if not text:
            if required:
                raise Invalid(_("%(column)s is empty.") % {"column": column})
            return None
        try:
            return parse_date(text)
        except ValueError:
            raise Invalid(_("%(value)s is not a date; write dd.mm.yyyy or yyyy-mm-dd.") % {"value": text}) from None

    return check


def check_position_percentage(text: str, context: Context):
    if not text:
        return UNCHANGED
    try:
        return parse_percentage(text)
    except ValueError:
        raise Invalid(_("%(value)s is not a position percentage from 1 to 100.") % {"value": text}) from None


def check_preferred_language(text: str, context: Context):
    if not text:
        return UNCHANGED
    try:
        return parse_language(text)
    except ValueError:
        raise Invalid(_("%(value)s is not a language; write nb or en.") % {"value": text}) from None


def check_national_id(text: str, context: Context):
    if not text:
        return UNCHANGED
    try:
        return parse_national_id(text)
    except ValueError:
        raise Invalid(
            _("This is not a valid national identity number or D number (11 digits, the control digits must match).")
        ) from None


def check_business_unit_number(text: str, context: Context):
    if not text:
        return UNCHANGED
    try:
        return parse_business_number(text)
    except ValueError:
        raise Invalid(_("%(value)s is not a valid business unit number.") % {"value": text[:20]}) from None


@dataclass(frozen=True)
class ColumnValidator:
    check: Callable[[str, Context], object]
    field: str | None  # the Employee field it fills; None: checked only
    always: bool = False  # checked even when the file has no such column (a required column)


# In the order the messages are listed for a row. The unit and the manager are resolved against the
# organisation's units and the file's other rows (units.py, planning.py).
COLUMN_VALIDATORS: dict[str, ColumnValidator] = {
    "employee_number": ColumnValidator(_required_text("employee_number", 30), None, always=True),
    "first_name": ColumnValidator(_required_text("first_name", 100), "first_name", always=True),
    "last_name": ColumnValidator(_required_text("last_name", 100), "last_name", always=True),
    "org_number": ColumnValidator(check_org_number, None),
    "email": ColumnValidator(check_email, "email"),
    "mobile": ColumnValidator(check_mobile, "mobile"),
    "employment_start": ColumnValidator(_date("employment_start", required=True), "employment_start"),
    "employment_end": ColumnValidator(_date("employment_end", required=False), "employment_end"),
    "position_percentage": ColumnValidator(check_position_percentage, "position_percentage"),
    "preferred_language": ColumnValidator(check_preferred_language, "preferred_language"),
    "national_id": ColumnValidator(check_national_id, "national_id"),
    # The unit's virksomhetsnummer: planning.py takes it off the employee's values for the unit.
    "business_unit_number": ColumnValidator(check_business_unit_number, "business_unit_number"),
}


def check_cells(row: Row, context: Context) -> tuple[dict, list[Issue]]:
    """Every column's validator on one row: the employee's values by field, and the problems by column."""
    target: dict = {}
    issues: list[Issue] = []
    for column, validator in COLUMN_VALIDATORS.items():
        if not validator.always and column not in context.columns:
            continue
        try:
            value = validator.check(row.get(column), context)
        except Invalid as error:
            issues.append(Issue(row.line, column, error.message))
            continue
        if validator.field is not None and value is not UNCHANGED:
            target[validator.field] = value
    return target, issues


# Checks across the cells of a row.


def check_employment_period(row: Row, target: dict) -> Issue | None:
    start, end = target.get("employment_start"), target.get("employment_end")
    if start and end and end < start:
        return Issue(row.line, "employment_end", _("The employment ends before it starts."))
    return None


ROW_CHECKS: list[Callable[[Row, dict], Issue | None]] = [check_employment_period]
