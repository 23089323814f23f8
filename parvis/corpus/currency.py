"""How current a document is: the date its page shows, its age, and whether a
fiche is stale (last changed longer ago than `settings.STALE_AFTER_MONTHS`).

Pages, the API, search results, the data page and the `stale_documents`
command all ask here, so that a date after today (a sentinel such as
Légifrance's 2999-01-01, or a change not yet in force) is never shown as a
modification date and "stale" means the same thing everywhere.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.conf import settings
from django.utils.formats import date_format

from parvis.corpus.enums import Kind

# How each kind of document says its date (service-public.fr writes "Vérifié le …",
# Légifrance "Version en vigueur depuis le …").
DATE_WORDING = {
    Kind.FICHE_SERVICE_PUBLIC: "Vérifié le {}",
    Kind.FICHE_MINISTERE_TRAVAIL: "Mis à jour le {}",
    Kind.CODE_DU_TRAVAIL: "En vigueur depuis le {}",
    Kind.CODE_SECURITE_SOCIALE: "En vigueur depuis le {}",
    Kind.CONVENTION_COLLECTIVE: "Dernière modification le {}",
    Kind.ARTICLE_CONVENTION: "Dernière modification le {}",
    Kind.CONTRIBUTION: "Mis à jour le {}",
}
NO_DATE = "Date de mise à jour non indiquée par la source"
# Fiches restate the rules in everyday words and go out of date; articles and
# agreements are the rules themselves, in the version in force.
STALE_KINDS = (Kind.FICHE_SERVICE_PUBLIC, Kind.FICHE_MINISTERE_TRAVAIL)
# Age classes of the data page and the benchmark: (upper bound in months, label).
AGE_CLASSES = (
    (12, "moins d’un an"),
    (24, "1 à 2 ans"),
    (60, "2 à 5 ans"),
    (None, "plus de 5 ans"),
)
UNKNOWN_AGE = "date inconnue"
AGE_LABELS = tuple(label for _, label in AGE_CLASSES) + (UNKNOWN_AGE,)


def shown_date(value: date | None, today: date | None = None) -> date | None:
    """The date a reader may be shown as a modification date: none after today."""
    today = today or date.today()
    return value if value is not None and value <= today else None


def french_date(value: date) -> str:
    """A date as French writes it: "3 septembre 2019", "1er mai 2008"."""
    text = date_format(value, "j F Y")
    return text.replace("1 ", "1er ", 1) if value.day == 1 else text


def date_line(kind: str, value: date | None, today: date | None = None) -> str:
    """The date as its page says it ("Vérifié le 12 mars 2020"), or NO_DATE."""
    value = shown_date(value, today)
    if value is None:
        return NO_DATE
    return DATE_WORDING.get(kind, "Dernière modification le {}").format(french_date(value))


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day when it has fewer)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_after_months(months: int | None = None) -> int:
    return settings.STALE_AFTER_MONTHS if months is None else months


def stale_cutoff(today: date | None = None, months: int | None = None) -> date:
    """A fiche last changed before this day is stale."""
    return months_before(today or date.today(), stale_after_months(months))


def is_stale(
    kind: str, modified: date | None, today: date | None = None, months: int | None = None
) -> bool:
    """Whether a fiche's last known change is older than the configured age. A fiche
    without a usable date is not called stale: its page says the date is unknown."""
    modified = shown_date(modified, today)
    return kind in STALE_KINDS and modified is not None and modified < stale_cutoff(today, months)


def age_class(modified: date | None, today: date | None = None) -> str:
    """The label of the age class of a document last changed on `modified`."""
    today = today or date.today()
    modified = shown_date(modified, today)
    if modified is None:
        return UNKNOWN_AGE
    for months, label in AGE_CLASSES:
        if months is None or modified >= months_before(today, months):
            return label
    raise AssertionError("the last age class has no bound")


def parse_iso(value: str | None) -> date | None:
    """A date stored as ISO text (search catalog, agreement texts), None when empty."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
