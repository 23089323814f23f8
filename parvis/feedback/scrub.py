"""Personal data out of stored queries: people type their e-mail address,
phone, social-security number (NIR) or IBAN into search boxes. Each is
replaced by a placeholder naming what it was, so the query stays readable."""

from __future__ import annotations

import re

# Order matters: the longest number patterns first, so an IBAN's digits are not
# taken for a phone number.
PATTERNS = (
    ("[courriel]", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)),
    # IBAN: two letters, two check digits, then groups of four letters or digits
    # (spaced or not) and a shorter last group.
    (
        "[IBAN]",
        re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b", re.I),
    ),
    # NIR: sex, year, month, department (2A/2B for Corsica), commune, order, optional key.
    (
        "[NIR]",
        re.compile(
            r"\b[1-478][ .]?\d{2}[ .]?(?:0[1-9]|1[0-2]|[2-9]\d)[ .]?(?:\d{2}|2[AB])"
            r"[ .]?\d{3}[ .]?\d{3}(?:[ .]?\d{2})?\b",
            re.IGNORECASE,
        ),
    ),
    # French phone numbers, national or international form, spaced, dotted or not.
    ("[téléphone]", re.compile(r"(?:\+33[ .]?|\b0033[ .]?|\b0)[1-9](?:[ .-]?\d{2}){4}\b")),
    # Any other long run of digits (card, account or file numbers).
    ("[numéro]", re.compile(r"\b\d(?:[ .]?\d){11,}\b")),
)


def scrub(text: str) -> str:
    for placeholder, pattern in PATTERNS:
        text = pattern.sub(placeholder, text)
    return text
