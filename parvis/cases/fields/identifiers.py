"""Bank account numbers (IBAN) and establishment numbers (SIRET), with their check digits."""

import re
from typing import Literal

from parvis.cases.fields.base import FieldDefinition, FieldError, text_of
from parvis.checksums import IBAN_LENGTHS, iban_checksum_ok, siret_checksum_ok


class Iban(FieldDefinition):
    """Stored without spaces, in capitals (FR7630006000011234567890189)."""

    type: Literal["iban"] = "iban"

    def clean(self, raw):
        iban = re.sub(r"[\s-]", "", text_of(raw, "Saisissez un IBAN.")).upper()
        if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", iban):
            raise FieldError(
                "Saisissez un IBAN valide : deux lettres, deux chiffres puis le numéro de compte, "
                "par exemple FR76 3000 6000 0112 3456 7890 189."
            )
        expected = IBAN_LENGTHS.get(iban[:2])
        if expected and len(iban) != expected:
            raise FieldError(
                f"Un IBAN commençant par {iban[:2]} compte {expected} caractères ; "
                f"celui-ci en compte {len(iban)}."
            )
        if not iban_checksum_ok(iban):
            raise FieldError(
                "Cet IBAN n'est pas valide : sa clé de contrôle ne correspond pas. "
                "Recopiez-le depuis votre relevé d'identité bancaire (RIB)."
            )
        return iban


class Siret(FieldDefinition):
    """Stored as its 14 digits. Whether the establishment exists (Sirene) is checked
    elsewhere, by a service that can reach the register."""

    type: Literal["siret"] = "siret"

    def clean(self, raw):
        siret = re.sub(r"[\s.]", "", text_of(raw, "Saisissez un numéro SIRET."))
        if not re.fullmatch(r"\d{14}", siret):
            raise FieldError("Le numéro SIRET compte 14 chiffres, par exemple 732 829 320 00074.")
        if not siret_checksum_ok(siret):
            raise FieldError(
                "Ce numéro SIRET n'est pas valide : sa clé de contrôle ne correspond pas. "
                "Vérifiez chaque chiffre."
            )
        return siret
