"""Ministry of labour fiches (fiches-travail-data), with their sections."""

from __future__ import annotations

from datetime import date

from parvis.corpus.enums import Kind, Source
from parvis.corpus.loaders.base import JsonListLoader, LoadContext
from parvis.corpus.records import DocumentRecord, PassageRecord, relations_from_references
from parvis.corpus.text import html_to_text, sanitize_html, slugify, squash

SITE = "https://travail-emploi.gouv.fr"


def _absolute(href: str) -> str:
    return SITE + href if href.startswith("/") else href


def _parse_date(value: str) -> date | None:
    try:
        day, month, year = (int(part) for part in value.split("/"))
        return date(year, month, day)
    except (ValueError, AttributeError):
        return None


def resolve_section_references(references: dict, context: LoadContext) -> list[dict]:
    """The package cites articles by Légifrance text and article ids: map them to keys."""
    resolved = []
    for text_id, group in (references or {}).items():
        for article in group.get("articles") or []:
            key = context.articles.by_legi_id.get(
                article.get("cid")
            ) or context.articles.by_legi_id.get(article.get("id"))
            resolved.append(
                {
                    "title": squash(article.get("fmt") or article.get("text") or ""),
                    "text_id": text_id,
                    "url": f"https://www.legifrance.gouv.fr/codes/article_lc/{article.get('id')}",
                    "keys": [key] if key else [],
                }
            )
    return resolved


class TravailLoader(JsonListLoader):
    source = Source.TRAVAIL
    package = "fiches-travail-data"
    label = "Fiches du ministère du Travail"
    file_name = "fiches-travail.json"
    item_name = "fiches"
    required = ("pubId", "title")

    def record(self, fiche, position, context):
        title = squash(fiche["title"])
        url = fiche.get("url") or ""
        slug = slugify(url.rstrip("/").rsplit("/", 1)[-1] if url else title)
        sections, passages, references = [], [], []
        intro_html = sanitize_html(fiche.get("intro", ""), _absolute)
        intro_text = html_to_text(intro_html)
        if intro_text:
            passages.append(PassageRecord("introduction", title, intro_text))
        for index, section in enumerate(fiche.get("sections") or []):
            anchor = squash(section.get("anchor", "")) or f"section-{index + 1}"
            html = sanitize_html(section.get("html", ""), _absolute)
            text = squash(section.get("text", "")) or html_to_text(html)
            refs = resolve_section_references(section.get("references"), context)
            references.extend(refs)
            section_title = squash(section.get("title", ""))
            sections.append(
                {"anchor": anchor, "title": section_title, "html": html, "references": refs}
            )
            if text:
                passages.append(PassageRecord(anchor, section_title, text))
        if not passages:
            passages.append(PassageRecord("", title, squash(fiche.get("description", "")) or title))
        key = f"travail:{fiche['pubId']}"
        return DocumentRecord(
            key=key,
            kind=Kind.FICHE_MINISTERE_TRAVAIL,
            slug=slug,
            title=title,
            text=" ".join(p.text for p in passages),
            data={
                "description": squash(fiche.get("description", "")),
                "intro_html": intro_html,
                "sections": sections,
                "references": _unique_references(references),
            },
            official_url=url,
            modified=_parse_date(fiche.get("date", "")),
            passages=passages,
            relations=relations_from_references(references, key),
        )


def _unique_references(references: list[dict]) -> list[dict]:
    unique = {}
    for ref in references:
        unique.setdefault(ref["url"], ref)
    return list(unique.values())
