"""Code du travail and Code de la sécurité sociale, articles in force (legi-data)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from parvis.corpus.enums import CODE_TEXT_IDS, Source
from parvis.corpus.links import article_slug, document_url
from parvis.corpus.loaders.base import LoadContext, Loader
from parvis.corpus.records import DocumentRecord, PassageRecord, expect
from parvis.corpus.text import sanitize_html, squash

CODES = CODE_TEXT_IDS
IN_FORCE = {"VIGUEUR"}
LEGIFRANCE = "https://www.legifrance.gouv.fr"
_LINKED_ARTICLE = re.compile(r"idArticle=(LEGIARTI\d+)")


def legifrance_article_url(legi_id: str) -> str:
    return f"{LEGIFRANCE}/codes/article_lc/{legi_id}"


def _date(millis) -> object:
    if not isinstance(millis, int) or millis <= 0 or millis > 32_000_000_000_000:
        return None
    return datetime.fromtimestamp(millis / 1000, tz=UTC).date()


def iter_articles(node, path=()):
    """Yield (section path, article data) in code order."""
    for child in node.get("children") or []:
        if child.get("type") == "article":
            yield path, child["data"]
        else:
            title = squash((child.get("data") or {}).get("title", ""))
            yield from iter_articles(child, (*path, title) if title else path)


class LegiLoader(Loader):
    source = Source.LEGI
    package = "legi-data"
    label = "Codes (Légifrance)"

    def total(self, context: LoadContext) -> int:
        return len(CODES)

    def records(self, context, advance):
        codes = []
        for text_id, kind in CODES.items():
            path = self.path(context, "data", f"{text_id}.json")
            tree = self.read(path)
            expect(isinstance(tree, dict) and tree.get("type") == "code", path, "not a code tree")
            articles = [
                (crumbs, art)
                for crumbs, art in iter_articles(tree)
                if art.get("etat") in IN_FORCE and art.get("num") and art.get("cid")
            ]
            codes.append((kind, articles))
            advance(1)
        urls = {}  # any LEGIARTI id or cid -> our page
        for kind, articles in codes:
            for _crumbs, art in articles:
                url = document_url(kind, article_slug(art["num"]))
                urls[art["cid"]] = urls[art["id"]] = url

        def rewrite(href: str) -> str:
            if match := _LINKED_ARTICLE.search(href):
                return urls.get(match.group(1)) or legifrance_article_url(match.group(1))
            return LEGIFRANCE + href if href.startswith("/") else href

        for kind, articles in codes:
            seen_slugs = set()
            for position, (crumbs, art) in enumerate(articles):
                number = squash(art["num"])
                slug = article_slug(number)
                if slug in seen_slugs:  # a number cited twice in force: keep the first
                    continue
                seen_slugs.add(slug)
                text = squash(art.get("texte", ""))
                title = f"Article {number}"
                yield DocumentRecord(
                    key=f"legi:{art['cid']}",
                    kind=kind,
                    slug=slug,
                    number=number,
                    title=title,
                    text=text,
                    html=sanitize_html(art.get("texteHtml", ""), rewrite),
                    breadcrumb=list(crumbs),
                    data={
                        "legi_ids": sorted({art["cid"], art["id"]}),
                        "nota_html": sanitize_html(art.get("notaHtml") or "", rewrite),
                    },
                    official_url=legifrance_article_url(art["id"]),
                    position=position,
                    modified=_date(art.get("dateDebut")),
                    passages=[PassageRecord("", title, text)],
                )
