"""An agreement's text as a table of contents: its sections nested as kali-data
orders them, each with the links to its articles.

Most agreement articles are titled "Article" or "Article 2", which says nothing
alone: an article alone in its section is named by it ("Article 2 — Période
d'essai", or just "Période d'essai" when the article has no number),
unnumbered articles sharing a section are numbered within it ("Préambule (2)"),
and the other articles are followed by their first words ("Article 5 — Les
salaires minima sont…").
"""

from __future__ import annotations

import re

from django.db.models.functions import Substr

from parvis.corpus.enums import Kind
from parvis.corpus.links import document_url
from parvis.corpus.models import Document

_NUMBERED = re.compile(r"\d")
OPENING = 70  # characters of an article's text that name it when nothing else does


def _label(title: str, section: str) -> str:
    if not section:
        return title
    return f"{title} — {section}" if _NUMBERED.search(title) else section


def _section(title: str) -> dict:
    return {"kind": "section", "title": title, "items": []}


def _finish(node: dict) -> dict:
    """Collapse the sections holding one article alone into that article's link;
    name the unnumbered articles of a section by it."""
    items = []
    unnumbered = [i for i in node["items"] if i["kind"] == "article" and not i["numbered"]]
    for item in node["items"]:
        if item["kind"] == "section":
            item = _finish(item)
            inner = item["items"]
            if len(inner) == 1 and inner[0]["kind"] == "article":
                article = inner[0]
                item = {**article, "label": _label(article["label"], item["title"])}
        elif not item["numbered"] and node["title"]:
            suffix = f" ({unnumbered.index(item) + 1})" if len(unnumbered) > 1 else ""
            item = {**item, "label": node["title"] + suffix}
        else:  # "Article 5" alone says nothing: its first words
            opening = item["opening"] or "texte absent des données de Légifrance"
            item = {**item, "label": f"{item['label']} — {opening}"}
        items.append(item)
    return {**node, "items": items}


def article_rows(keys) -> dict[str, tuple]:
    """key -> (title, breadcrumb, slug, idcc, opening words) of the articles among
    `keys`: one query for all the texts of a page."""
    rows = (
        Document.objects.filter(key__in=set(keys))
        .annotate(opening=Substr("text", 1, OPENING + 20))
        .values_list("key", "title", "breadcrumb", "slug", "idcc", "opening")
    )
    return {key: rest for key, *rest in rows}


def _opening(text: str) -> str:
    """An article's first words, cut at a word: "Les salaires minima sont…"."""
    text = " ".join(text.split())
    if len(text) <= OPENING:
        return text
    return text[:OPENING].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


def contents(keys: list[str], rows: dict[str, tuple]) -> list[dict]:
    """The table of contents of one text's articles (`keys`, in reading order;
    `rows` from article_rows): items {"kind": "article", "url", "label"} and
    {"kind": "section", "title", "items"}."""
    root = _section("")
    for key in keys:
        if key not in rows:
            continue
        title, breadcrumb, slug, idcc, opening = rows[key]
        node = root
        for name in breadcrumb[2:]:  # after the agreement's and the text's names
            last = node["items"][-1] if node["items"] else None
            if not (last and last["kind"] == "section" and last["title"] == name):
                last = _section(name)
                node["items"].append(last)
            node = last
        node["items"].append(
            {
                "kind": "article",
                "url": document_url(Kind.ARTICLE_CONVENTION, slug, idcc),
                "label": title,
                "opening": _opening(opening),
                "numbered": bool(_NUMBERED.search(title)),
            }
        )
    return _finish(root)["items"]
