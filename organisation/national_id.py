"""National identity numbers (fødselsnummer and D-nummer): checked, encrypted at rest, masked.

The number is stored only encrypted (Fernet, key NATIONAL_ID_KEY) with a keyed hash
beside it, so a sick note from NAV can be matched to its employee without decrypting
every row. It is shown in full only to HR and sent only in NAV's payloads that need it.
"""

import base64
import hashlib
import hmac
from datetime import date
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Skatteetaten: two mod-11 control digits with these weights.
_K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _control(digits: str, weights: tuple[int, ...]) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return None if check == 10 else check


def _birth_date_plausible(value: str) -> bool:
    day, month, year = int(value[0:2]), int(value[2:4]), int(value[4:6])
    if day > 40:  # D-nummer: the first digit is raised by 4
        day -= 40
    if month > 80:  # synthetic test persons (Tenor)
        month -= 80
    elif month > 40:  # synthetic test persons (NAV)
        month -= 40
    for century in (1900, 2000):
        try:
            date(century + year, month, day)
            return True
        except ValueError:
            continue
    return False


def national_id_is_valid(value: str) -> bool:
    if len(value) != 11 or not value.isdigit():
        return False
    k1 = _control(value[:9], _K1_WEIGHTS)
    if k1 is None or k1 != int(value[9]):
        return False
    k2 = _control(value[:10], _K2_WEIGHTS)
    return k2 is not None and k2 == int(value[10]) and _birth_date_plausible(value)


def normalise(value: str) -> str:
    return "".join(value.split())


def validate_national_id(value: str) -> None:
    value = normalise(value)
    if len(value) != 11 or not value.isdigit():
        raise ValidationError(_("A national identity number has exactly 11 digits."), code="national_id_format")
    if not national_id_is_valid(value):
        raise ValidationError(
            _("This is not a valid national identity number or D number (the control digits do not match)."),
            code="national_id_checksum",
        )


def mask(value: str) -> str:
    """Birth date and stars: "010190 *****"."""
    return f"{value[:6]} *****" if value else ""


@lru_cache(maxsize=4)
def _keys(configured: str, secret_key: str) -> tuple[Fernet, bytes]:
    if configured:
        key = configured.encode()
    else:
        key = base64.urlsafe_b64encode(hashlib.sha256(b"national-id:" + secret_key.encode()).digest())
    fernet = Fernet(key)
    lookup_key = hashlib.sha256(b"national-id-lookup:" + key).digest()
    return fernet, lookup_key


def _fernet() -> tuple[Fernet, bytes]:
    return _keys(settings.NATIONAL_ID_KEY, settings.SECRET_KEY)


def encrypt(value: str) -> str:
    return _fernet()[0].encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet()[0].decrypt(token.encode()).decode()
    except InvalidToken:
        raise ValueError("The national identity number cannot be decrypted with NATIONAL_ID_KEY.") from None


def lookup_hash(value: str) -> str:
    """A keyed hash to find an employee by number without decrypting."""
    return hmac.new(_fernet()[1], normalise(value).encode(), hashlib.sha256).hexdigest() if value else ""


# The model fields that hold the number (Employee.national_id is a property over them).
STORED_FIELDS = ["national_id_encrypted", "national_id_hash"]


def stored_field_names(names) -> list[str]:
    """Model field names for save(update_fields=…), with national_id expanded to what stores it."""
    result = []
    for name in names:
        result.extend(STORED_FIELDS if name == "national_id" else [name])
    return result
