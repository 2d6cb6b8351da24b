"""National identity numbers: both control digits, encrypted at rest, masked, in full for HR only."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from audit.models import AuditEvent
from organisation import national_id
from organisation.models import Employee, Unit

FNR = "01019010046"
D_NUMBER = "41019010110"


@pytest.mark.parametrize("value", [FNR, "15058510170", D_NUMBER, "31129910065"])
def test_valid_numbers_pass(value):
    assert national_id.national_id_is_valid(value)
    national_id.validate_national_id(value)


@pytest.mark.parametrize(
    "value",
    [
        "01019010047",  # second control digit wrong
        "01019010146",  # first control digit wrong
        "0101901004",  # ten digits
        "0101901004a",
        "32019010046",  # no 32nd day (and the control digits do not match either)
    ],
)
def test_invalid_numbers_fail(value):
    assert not national_id.national_id_is_valid(value)
    with pytest.raises(ValidationError):
        national_id.validate_national_id(value)


def test_mask_keeps_the_birth_date_only():
    assert national_id.mask(FNR) == "010190 *****"


def test_stored_encrypted_and_found_by_keyed_hash(world):
    employee = world.sales_employee
    employee.national_id = FNR
    employee.save()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT national_id_encrypted, national_id_hash FROM organisation_employee WHERE id = %s", [employee.pk]
        )
        encrypted, hashed = cursor.fetchone()
    assert FNR not in encrypted and FNR not in hashed
    assert Employee.objects.get(pk=employee.pk).national_id == FNR
    assert Employee.objects.get(national_id_hash=national_id.lookup_hash(FNR)) == employee


def test_another_key_cannot_read_it(world, settings):
    employee = world.sales_employee
    employee.national_id = FNR
    employee.save()
    from cryptography.fernet import Fernet

    settings.NATIONAL_ID_KEY = Fernet.generate_key().decode()
    with pytest.raises(ValueError):
        _ = Employee.objects.get(pk=employee.pk).national_id


def test_employees_without_a_number_keep_working(world):
    employee = Employee.objects.get(pk=world.sales_employee.pk)
    assert employee.national_id == "" and employee.national_id_masked == ""


def test_business_unit_number_is_checked_mod_11(world):
    unit = Unit(organisation=world.root.organisation, name="X", business_number="974652278")
    with pytest.raises(ValidationError):
        unit.full_clean(exclude=["parent", "path"])
    unit.business_number = "974652277"
    unit.full_clean(exclude=["parent", "path"])


@pytest.mark.parametrize(
    "who, shown", [("org_hr", FNR), ("sales_manager", "010190 *****"), ("sales_employee", "010190 *****")]
)
def test_employee_page_shows_the_number_in_full_to_hr_only(world, client, who, shown):
    employee = world.sales_employee
    employee.national_id = FNR
    employee.save()
    user = getattr(world, who)
    client.force_login(getattr(user, "user", user))
    response = client.get(reverse("organisation:employee_detail", args=[employee.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert shown in content
    if shown != FNR:
        assert FNR not in content
    full_reads = AuditEvent.objects.filter(action="employee.view_national_id", employee=employee).count()
    assert full_reads == (1 if who == "org_hr" else 0)


def test_outsider_gets_404_and_no_number(world, client):
    employee = world.sales_employee
    employee.national_id = FNR
    employee.save()
    client.force_login(world.outsider)
    response = client.get(reverse("organisation:employee_detail", args=[employee.pk]))
    assert response.status_code == 404
    assert "010190" not in response.content.decode()
