"""The ministry's Q&A (contributions-data): a generic answer and one answer per
collective agreement (IDCC), with their references."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from parvis.corpus.enums import Kind, Source
from parvis.corpus.loaders.base import JsonListLoader, LoadContext
from parvis.corpus.records import (
    DocumentRecord,
    PassageRecord,
    expect,
    relations_from_references,
)
from parvis.corpus.text import html_to_text, sanitize_html, slugify, squash

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
_CONTENT = re.compile(r'<Content href="([^"]+)">\s*</Content>', re.I)
_CUSTOM_TAG = re.compile(r"</?(HDN|Content)[^>]*>", re.I)
_SP_FICHE = re.compile(r"service-public\.fr/\w+/vosdroits/([FNR]\d+)")


def render_markdown(markdown: str) -> tuple[str, list[str]]:
    """Markdown answer to safe HTML; also returns service-public fiches it embeds."""
    embedded = [m.group(1) for m in _CONTENT.finditer(markdown or "")]
    markdown = _CONTENT.sub("", markdown or "")
    markdown = _CUSTOM_TAG.sub("", markdown)
    fiches = [m.group(1) for url in embedded if (m := _SP_FICHE.search(url))]
    return sanitize_html(_markdown.render(markdown)), fiches


def _references(raw: list, context: LoadContext) -> list[dict]:
    references = []
    for ref in raw or []:
        title = squash(ref.get("title") or "")
        url = ref.get("url") or ""
        keys = []
        if ref.get("category") == "labor_code":
            if key := context.articles.by_legi_id.get(title):
                keys.append(key)
            title = context.articles.number_for_key(key) if key else title
        elif ref.get("category") != "agreement":
            keys = context.articles.resolve(title, url)["keys"]
        references.append(
            {"title": title, "url": url, "category": ref.get("category") or "", "keys": keys}
        )
    return references


class ContributionsLoader(JsonListLoader):
    source = Source.CONTRIBUTION
    package = "contributions-data"
    label = "Questions-réponses"
    file_name = "contributions.json"
    item_name = "contributions"
    required = ("id", "title", "answers")

    def record(self, item, position, context):
        expect(
            isinstance(item["answers"], dict),
            self.path(context, "data", self.file_name),
            f"contribution #{position}: answers is not an object",
        )
        title = squash(item["title"])
        generic = item["answers"].get("generic") or {}
        generic_html, fiches = render_markdown(generic.get("markdown", ""))
        generic_text = squash(generic.get("text", "")) or html_to_text(generic_html)
        passages = [PassageRecord("reponse", title, generic_text or title)]
        answers = []
        for answer in item["answers"].get("conventions") or []:
            idcc = str(answer.get("idcc", "")).zfill(4)
            html, _ = render_markdown(answer.get("markdown", ""))
            text = html_to_text(html)
            answers.append(
                {
                    "idcc": idcc,
                    "agreement_slug": context.agreements.get(idcc, ""),
                    "html": html,
                    "references": _references(answer.get("references"), context),
                }
            )
            if text:
                passages.append(
                    PassageRecord(f"idcc-{idcc}", f"{title} (IDCC {idcc})", text, idcc=idcc)
                )
        index = str(item.get("index") or position + 1)
        key = f"contribution:{item['id']}"
        references = _references(generic.get("references"), context)
        return DocumentRecord(
            key=key,
            kind=Kind.CONTRIBUTION,
            slug=f"{index}-{slugify(title, 100)}",
            title=title,
            text=generic_text,
            html=generic_html,
            data={
                "description": squash(generic.get("description", "")),
                "fiches": [f"vdd:{fiche}" for fiche in fiches],
                "references": references,
                "answers": answers,
            },
            position=position,
            official_url="https://code.travail.gouv.fr/contribution/" + slugify(title, 100),
            passages=passages,
            relations=relations_from_references(references, key),
        )
