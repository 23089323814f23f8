"""Queries that name a document directly: an article number, an IDCC."""

from __future__ import annotations

import re

from parvis.search.analysis import fold

# "L1234-5", "article L. 1234-5", "l 1234 5", "art. R4624-10", "d.3141-1-1"
ARTICLE_QUERY = re.compile(
    r"^\s*(?:(?:l'|l’)?article|art\.?)?\s*([lrd])\s*\.?\s*(\d{1,4})(?:\s*[-\s.]\s*(\d{1,3}))"
    r"((?:\s*[-\s.]\s*\d{1,3})*)\s*(?:du\s+code\s+du\s+travail|code\s+du\s+travail|cdt)?\s*$",
    re.IGNORECASE,
)
IDCC_QUERY = re.compile(
    r"^\s*(?:idcc|cc|ccn|convention(?:\s+collective)?(?:\s+nationale)?|n°|no)?\s*(?:n°|no)?\s*"
    r"(\d{1,4})\s*$",
    re.IGNORECASE,
)


def article_number(query: str) -> str | None:
    """The article number a query names ("l 1234 5" -> "L1234-5"), if it only names one."""
    match = ARTICLE_QUERY.match(fold(query))
    if not match:
        return None
    letter, first, second, rest = match.groups()
    parts = [first, second, *re.findall(r"\d{1,3}", rest or "")]
    return letter.upper() + "-".join(parts)


def idcc_number(query: str) -> str | None:
    """The IDCC a query names ("idcc 1516", "convention collective 44" -> "0044")."""
    match = IDCC_QUERY.match(fold(query))
    if not match:
        return None
    has_prefix = bool(re.match(r"^\s*\D", fold(query)))
    number = match.group(1)
    # A bare number is an IDCC only with 4 digits ("1516"); "44" needs a prefix.
    if not has_prefix and len(number) < 4:
        return None
    return number.zfill(4)
