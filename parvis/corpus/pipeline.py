"""Ingest every source in order and report what happened."""

from __future__ import annotations

from pathlib import Path

from parvis.corpus.agreement_citations import AgreementArticles
from parvis.corpus.citations import ArticleResolver
from parvis.corpus.enums import Kind, RelationType, Source
from parvis.corpus.fiche.blocks import Reference
from parvis.corpus.ingest import SyncResult, sync_source
from parvis.corpus.loaders import LOADERS
from parvis.corpus.loaders.base import LoadContext
from parvis.corpus.models import Document, Passage, Relation
from parvis.corpus.themes import THEME_KEY_PREFIX


def agreement_slugs() -> dict[str, str]:
    return dict(Document.objects.agreements().values_list("idcc", "slug"))


def fiche_titles() -> dict[str, str]:
    return dict(Document.objects.filter(kind=Kind.FICHE_SERVICE_PUBLIC).values_list("key", "title"))


def fiche_themes() -> dict[str, list[str]]:
    """Service-public fiche key -> the slugs of the themes the ingestion put it in."""
    found: dict[str, list[str]] = {}
    rows = Relation.objects.filter(
        type=RelationType.IN_THEME, document__kind=Kind.FICHE_SERVICE_PUBLIC
    ).values_list("document__key", "target_key")
    for key, target in rows.order_by("document__key", "target_key"):
        found.setdefault(key, []).append(target.removeprefix(THEME_KEY_PREFIX))
    return found


def ingest_all(packages_dir: Path, sources=None, progress: bool = True) -> list[SyncResult]:
    """Load the chosen sources (all by default); a failing source doesn't stop the others."""
    context = LoadContext(packages_dir=Path(packages_dir))
    results = []
    for loader in LOADERS:
        if sources and loader.source not in sources:
            continue
        # Resolve citations and links against what is stored, whether or not it changed now.
        if loader.source != Source.LEGI and not len(context.articles):
            context.articles = ArticleResolver.from_database()
        if loader.source not in (Source.LEGI, Source.KALI) and not context.agreements:
            context.agreements = agreement_slugs()
        if loader.source == Source.CONTRIBUTION and not len(context.agreement_articles):
            context.agreement_articles = AgreementArticles.from_database()
        if loader.source in (Source.TRAVAIL, Source.CONTRIBUTION) and not context.fiches:
            context.fiches = fiche_titles()  # service-public fiches load before these
            context.fiche_themes = fiche_themes()
        results.append(sync_source(loader, context, progress=progress))
    return results


def corpus_counts() -> dict[str, int]:
    counts = {kind.label: Document.objects.filter(kind=kind).count() for kind in Kind}
    counts["Passages"] = Passage.objects.count()
    counts["Réponses par convention collective"] = sum(
        len(answers)
        for answers in Document.objects.filter(kind=Kind.CONTRIBUTION).values_list(
            "data__answers", flat=True
        )
        if answers
    )
    counts["Sections des fiches du ministère"] = sum(
        len(sections or [])
        for sections in Document.objects.filter(kind=Kind.FICHE_MINISTERE_TRAVAIL).values_list(
            "data__sections", flat=True
        )
    )
    counts["Conventions avec articles"] = (
        Document.objects.filter(kind=Kind.ARTICLE_CONVENTION)
        .values("parent_key")
        .distinct()
        .count()
    )
    return counts


def citation_resolution() -> dict:
    """Fiche references that name Code du travail articles: how many resolve to
    our article pages (at least one page), and how many have every cited
    number in force (the strict share; the rest cite repealed articles)."""
    total = linked = complete = 0
    unresolved_examples = []
    rows = Document.objects.filter(kind=Kind.FICHE_SERVICE_PUBLIC).values_list(
        "data__references", flat=True
    )
    for references in rows.iterator(chunk_size=500):
        for ref in map(Reference.model_validate, references or []):
            if ref.code != Kind.CODE_DU_TRAVAIL or not ref.numbers:
                continue
            total += 1
            linked += bool(ref.keys)
            complete += not ref.unresolved
            if not ref.keys and len(unresolved_examples) < 20:
                unresolved_examples.append(ref.title)
    return {
        "references": total,
        "resolved": linked,
        "share": linked / total if total else 0.0,
        "complete": complete,
        "complete_share": complete / total if total else 0.0,
        "unresolved_examples": unresolved_examples,
    }
