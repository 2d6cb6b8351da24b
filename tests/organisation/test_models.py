import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from organisation.models import Unit
from organisation.services import unit_save
from organisation.validators import org_number_is_valid, validate_org_number

from ..factories import EmployeeFactory, UnitFactory


@pytest.mark.parametrize("number", ["974760673", "912345602", "923609016"])
def test_valid_org_numbers(number):
    assert org_number_is_valid(number)
    validate_org_number(number)


@pytest.mark.parametrize(
    "number, code",
    [
        ("974760674", "org_number_checksum"),
        ("12345678", "org_number_format"),
        ("97476067A", "org_number_format"),
        ("9747606730", "org_number_format"),
    ],
)
def test_invalid_org_numbers_are_explained(number, code):
    with pytest.raises(ValidationError) as error:
        validate_org_number(number)
    assert error.value.code == code


def test_org_number_with_check_digit_10_is_invalid():
    # 100000010: weights give remainder 1, check digit would be 10, which no number can have.
    numbers = [f"{n:08d}" for n in range(10_000_000, 10_000_200)]
    tens = [
        n
        for n in numbers
        if (11 - sum(int(d) * w for d, w in zip(n, (3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11) == 10
    ]
    assert tens
    assert not any(org_number_is_valid(n + d) for n in tens for d in "0123456789")


@pytest.mark.django_db
def test_unit_paths_follow_moves():
    root = UnitFactory(name="Root")
    a = UnitFactory(name="A", parent=root, organisation=root.organisation)
    b = UnitFactory(name="B", parent=a, organisation=root.organisation)
    other = UnitFactory(name="Other", parent=root, organisation=root.organisation)
    assert b.path == f"/{root.pk}/{a.pk}/{b.pk}/"
    a.parent = other
    unit_save(unit=a)
    b.refresh_from_db()
    assert b.path == f"/{root.pk}/{other.pk}/{a.pk}/{b.pk}/"
    assert set(Unit.objects.subtree_of([other])) == {other, a, b}
    a.parent = b
    with pytest.raises(ValueError):
        unit_save(unit=a)


@pytest.mark.django_db
def test_employee_number_unique_per_organisation():
    first = EmployeeFactory(employee_number="42")
    with pytest.raises(IntegrityError):
        EmployeeFactory(employee_number="42", organisation=first.organisation, unit=first.unit)
