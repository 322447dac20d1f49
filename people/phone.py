"""Phone numbers as people type them, reduced to one comparable form."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s\-().\u00a0/]")
_NORMALISED = re.compile(r"^\+?\d{7,15}$")


def normalise_phone(value: str | None) -> str | None:
    """Return the number with spaces, dashes, dots and brackets removed and a leading
    international "00" written as "+"; None for an empty value. Does not validate."""
    if value is None:
        return None
    number = _SEPARATORS.sub("", value.strip())
    if number.startswith("00"):
        number = "+" + number[2:]
    return number or None


def looks_like_phone(value: str) -> bool:
    return bool(_NORMALISED.match(normalise_phone(value) or ""))


def validate_phone(value: str) -> None:
    if not looks_like_phone(value):
        raise ValidationError(
            _("Enter a phone number of 7 to 15 digits, for example +94 77 123 4567."),
            code="invalid_phone",
        )
