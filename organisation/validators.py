from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Brønnøysundregistrene: the 9th digit is a mod-11 check digit with these weights.
_ORG_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def org_number_is_valid(value: str) -> bool:
    if len(value) != 9 or not value.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(value[:8], _ORG_NUMBER_WEIGHTS, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(value[8])


def validate_org_number(value: str) -> None:
    if len(value) != 9 or not value.isdigit():
        raise ValidationError(_("An organisation number has exactly 9 digits."), code="org_number_format")
    if not org_number_is_valid(value):
        raise ValidationError(
            _("%(value)s is not a valid organisation number (the check digit does not match)."),
            code="org_number_checksum",
            params={"value": value},
        )
