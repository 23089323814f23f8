"""The "À propos des données" page's tables (`dsfr_table` data), from the
sources' summaries (parvis/corpus/provenance.py)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.html import format_html

from parvis.corpus.currency import AGE_LABELS, french_date
from parvis.corpus.provenance import SourceSummary


def number(n: int) -> str:
    """12 345, with the narrow no-break space French uses between thousands."""
    return f"{n:,}".replace(",", "\u202f")


def _range(summary: SourceSummary) -> str:
    if summary.oldest is None:
        return "non indiquées par la source"
    if summary.oldest == summary.newest:
        return french_date(summary.oldest)
    return f"du {french_date(summary.oldest)} au {french_date(summary.newest)}"


def _ingested(summary: SourceSummary) -> str:
    if summary.last_ingestion is None:
        return "jamais"
    moment = timezone.localtime(summary.last_ingestion)
    return f"{french_date(moment.date())} à {moment:%H}\u00a0h\u00a0{moment:%M}"


def sources_table(summaries: list[SourceSummary]) -> dict:
    rows = []
    for summary in summaries:
        info = summary.info
        rows.append(
            [
                format_html(
                    '{}<br><a href="{}" target="_blank" rel="noopener" title="{} - nouvelle '
                    'fenêtre">{}</a>',
                    summary.label,
                    info.official_site,
                    info.official_site.removeprefix("https://"),
                    info.official_site.removeprefix("https://"),
                ),
                info.content,
                format_html("{}<br>{}", info.origin, info.licence),
                format_html(
                    "@socialgouv/{}<br>{}",
                    info.package,
                    f"version {summary.package_version}" if summary.package_version else "—",
                ),
                _range(summary),
                _ingested(summary),
            ]
        )
    return {
        "caption": "Sources, licences et versions",
        "header": [
            "Source",
            "Contenu",
            "Origine et licence",
            "Paquet de données",
            "Dates des contenus",
            "Dernière intégration",
        ],
        "content": rows,
        "extra_classes": "fr-table--sm",
    }


def age_table(summaries: list[SourceSummary]) -> dict:
    rows = [
        [
            summary.label,
            *(number(summary.by_age[label]) for label in AGE_LABELS),
            number(summary.documents),
        ]
        for summary in summaries
    ]
    totals = [sum(s.by_age[label] for s in summaries) for label in AGE_LABELS]
    rows.append(["Total", *map(number, totals), number(sum(s.documents for s in summaries))])
    return {
        "caption": "Documents selon la date de leur dernière modification",
        "header": ["Source", *(label.capitalize() for label in AGE_LABELS), "Total"],
        "content": rows,
        "extra_classes": "fr-table--sm",
    }
