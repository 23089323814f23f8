"""Check digits of French and banking identifiers (IBAN: ISO 13616 mod 97; SIREN
and SIRET: Luhn, with La Poste's exception)."""

import string

# Lengths of the IBANs a French service meets most; others are checked by
# checksum and by the general bounds (15 to 34 characters).
IBAN_LENGTHS = {
    "FR": 27,
    "MC": 27,
    "DE": 22,
    "BE": 16,
    "ES": 24,
    "IT": 27,
    "LU": 20,
    "CH": 21,
    "GB": 22,
    "PT": 25,
    "NL": 18,
}
_LETTER_VALUES = {letter: str(index) for index, letter in enumerate(string.ascii_uppercase, 10)}

# La Poste's establishments share one SIREN and are numbered past what the Luhn
# key allows; INSEE checks them by the sum of their digits instead.
LA_POSTE_SIREN = "356000000"


def iban_checksum_ok(iban: str) -> bool:
    """ISO 13616: move the first four characters to the end, letters to numbers
    (A=10 … Z=35); the number modulo 97 must be 1."""
    rearranged = iban[4:] + iban[:4]
    digits = "".join(_LETTER_VALUES.get(char, char) for char in rearranged)
    return int(digits) % 97 == 1


def luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def siret_checksum_ok(siret: str) -> bool:
    if luhn_ok(siret):
        return True
    return siret.startswith(LA_POSTE_SIREN) and sum(int(char) for char in siret) % 5 == 0
