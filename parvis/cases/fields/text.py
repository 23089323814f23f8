"""Free text, e-mail addresses and French telephone numbers."""

import re
from typing import Literal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from pydantic import Field

from parvis.cases.fields.base import FieldDefinition, FieldError, text_of


class ShortText(FieldDefinition):
    type: Literal["short_text"] = "short_text"
    max_length: int = Field(default=255, ge=1, le=1000)

    def clean(self, raw):
        text = " ".join(text_of(raw, "Saisissez un texte.").split())
        if len(text) > self.max_length:
            raise FieldError(f"Le texte ne doit pas dépasser {self.max_length} caractères.")
        return text


class LongText(FieldDefinition):
    type: Literal["long_text"] = "long_text"
    max_length: int = Field(default=10_000, ge=1, le=100_000)

    def clean(self, raw):
        text = text_of(raw, "Saisissez un texte.").replace("\r\n", "\n")
        if len(text) > self.max_length:
            raise FieldError(f"Le texte ne doit pas dépasser {self.max_length} caractères.")
        return text


class Email(FieldDefinition):
    type: Literal["email"] = "email"

    def clean(self, raw):
        address = text_of(raw, "Saisissez une adresse électronique.")
        try:
            validate_email(address)
        except ValidationError:
            raise FieldError(
                "Saisissez une adresse électronique valide, par exemple nom@domaine.fr."
            ) from None
        local, _, domain = address.rpartition("@")
        return f"{local}@{domain.lower()}"


# National format: 0 then a digit 1-9 then 8 digits. Metropolitan and overseas
# numbers share it (0262 Réunion, 0590 Guadeloupe, 0594 Guyane, 0596 Martinique,
# 0269 Mayotte).
_NATIONAL = re.compile(r"0([1-9]\d{8})")
_INTERNATIONAL = re.compile(r"(?:\+|00)33(?:\(0\))?([1-9]\d{8})")
# Overseas departments dialled with their own country code: +262 262 12 34 56.
_OVERSEAS = re.compile(r"(?:\+|00)(262|269|590|594|596)([1-9]\d{8})")
_SEPARATORS = re.compile(r"[\s.\-/]")


class Phone(FieldDefinition):
    """A French telephone number, stored in international form (+33612345678)."""

    type: Literal["phone"] = "phone"

    def clean(self, raw):
        number = _SEPARATORS.sub("", text_of(raw, "Saisissez un numéro de téléphone."))
        if match := _NATIONAL.fullmatch(number):
            return f"+33{match[1]}"
        if match := _INTERNATIONAL.fullmatch(number):
            return f"+33{match[1]}"
        if match := _OVERSEAS.fullmatch(number):
            return f"+{match[1]}{match[2]}"
        raise FieldError(
            "Saisissez un numéro de téléphone français valide, "
            "par exemple 06 12 34 56 78 ou +33 6 12 34 56 78."
        )
