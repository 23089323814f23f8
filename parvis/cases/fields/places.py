"""Places: a postal address in France, a commune, a country, a nationality.

A commune is its INSEE code (the Code officiel géographique): its first digits
give the département, which routing rules can match. Countries and nationalities
are ISO 3166-1 codes, named in French from pycountry's translations. Whether an
address or a commune code exists is not checked here: the official lists (BAN,
COG) come with their own ingestion.
"""

import gettext
import re
from functools import cache
from typing import ClassVar, Literal

import pycountry

from parvis.cases.fields.base import FieldDefinition, FieldError, text_of

_POSTAL_CODE = re.compile(r"(?!00)\d{5}")
_INSEE_CODE = re.compile(r"(?:(?!00)\d{2}|2[AB])\d{3}")
_ADDRESS_PARTS = {"street", "complement", "postal_code", "city"}


@cache
def _french_names():
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])


def country_name(code: str) -> str:
    """The French name of a country by its ISO 3166-1 alpha-2 code (« Allemagne »)."""
    country = pycountry.countries.get(alpha_2=code)
    return _french_names().gettext(country.name) if country else code


def departement_of(insee_code: str) -> str:
    """The département of a commune: 3 digits overseas (971…976), else 2 (2A, 2B in Corsica)."""
    return insee_code[:3] if insee_code.startswith("97") else insee_code[:2]


class PostalAddress(FieldDefinition):
    """A French postal address: {"street", "complement", "postal_code", "city"}."""

    type: Literal["postal_address"] = "postal_address"

    def clean(self, raw):
        if not isinstance(raw, dict) or set(raw) - _ADDRESS_PARTS:
            raise FieldError("Saisissez une adresse : numéro et voie, code postal et commune.")
        parts = {
            key: " ".join(text_of(raw.get(key) or "", "Saisissez un texte.").split())
            for key in _ADDRESS_PARTS
        }
        if not parts["street"]:
            raise FieldError("Saisissez le numéro et le nom de la voie.")
        if not _POSTAL_CODE.fullmatch(parts["postal_code"]):
            raise FieldError("Le code postal compte 5 chiffres, par exemple 75007.")
        if not parts["city"]:
            raise FieldError("Saisissez la commune.")
        return parts


class Commune(FieldDefinition):
    """A commune by its INSEE code (75056 for Paris, 2A004 for Ajaccio)."""

    type: Literal["commune"] = "commune"

    def clean(self, raw):
        code = text_of(raw, "Choisissez une commune.").upper()
        if not _INSEE_CODE.fullmatch(code):
            raise FieldError("Choisissez une commune dans la liste (code INSEE à 5 caractères).")
        return code

    def routing_value(self, value):
        return departement_of(value)


class Country(FieldDefinition):
    type: Literal["country"] = "country"

    message: ClassVar[str] = "Choisissez un pays dans la liste."

    def clean(self, raw):
        code = text_of(raw, self.message).upper()
        if len(code) != 2 or not pycountry.countries.get(alpha_2=code):
            raise FieldError(self.message)
        return code


class Nationality(Country):
    """A nationality, named by the country that grants it (FR for French)."""

    type: Literal["nationality"] = "nationality"

    message: ClassVar[str] = "Choisissez une nationalité dans la liste."
