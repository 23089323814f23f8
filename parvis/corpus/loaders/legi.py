"""Code du travail and Code de la sécurité sociale, articles in force (legi-data)."""

from __future__ import annotations

from datetime import UTC, datetime

from parvis.corpus.citations import linked_article_id
from parvis.corpus.enums import CODE_TEXT_IDS, Source
from parvis.corpus.links import article_slug, key_href
from parvis.corpus.loaders.base import LoadContext, Loader
from parvis.corpus.records import DocumentRecord, PassageRecord, expect, modification_date
from parvis.corpus.text import sanitize_html, squash
from parvis.corpus.themes import article_themes, theme_relations

CODES = CODE_TEXT_IDS
IN_FORCE = {"VIGUEUR"}
LEGIFRANCE = "https://www.legifrance.gouv.fr"


def legifrance_article_url(legi_id: str) -> str:
    return f"{LEGIFRANCE}/codes/article_lc/{legi_id}"


def _date(millis) -> object:
    if not isinstance(millis, int) or millis <= 0 or millis > 32_000_000_000_000:
        return None
    return datetime.fromtimestamp(millis / 1000, tz=UTC).date()


def version_ids(art: dict) -> list[str]:
    """Every Légifrance id of an article: its cid, its current id and its past versions'
    (fiches and answers link to whichever version was current when they were written)."""
    ids = {art["cid"], art["id"]}
    ids.update(v["id"] for v in art.get("articleVersions") or [] if v.get("id"))
    return sorted(ids)


def unique_slug(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3`... when another article of the code has it
    (two annexes both numbered "Annexe")."""
    candidate, rank = slug, 1
    while candidate in taken:
        rank += 1
        candidate = f"{slug}-{rank}"
    taken.add(candidate)
    return candidate


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
        keys = {}  # any LEGIARTI id of an article in force (cid, versions) -> its key
        for _kind, articles in codes:
            for _crumbs, art in articles:
                for legi_id in version_ids(art):
                    keys[legi_id] = f"legi:{art['cid']}"

        def rewrite(href: str) -> str:
            if legi_id := linked_article_id(href):
                key = keys.get(legi_id)
                return key_href(key) if key else legifrance_article_url(legi_id)
            return LEGIFRANCE + href if href.startswith("/") else href

        seen_keys = set()
        for kind, articles in codes:
            seen_slugs = set()
            for position, (crumbs, art) in enumerate(articles):
                if art["cid"] in seen_keys:  # an article listed twice: keep the first
                    continue
                seen_keys.add(art["cid"])
                number = squash(art["num"])
                slug = unique_slug(article_slug(number), seen_slugs)
                text = squash(art.get("texte", ""))
                title = number if number.lower().startswith("annexe") else f"Article {number}"
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
                        "legi_ids": version_ids(art),
                        "nota_html": sanitize_html(art.get("notaHtml") or "", rewrite),
                    },
                    official_url=legifrance_article_url(art["id"]),
                    position=position,
                    modified=modification_date(_date(art.get("dateDebut"))),
                    passages=[PassageRecord("", title, text)],
                    relations=theme_relations(article_themes(kind, number)),
                )
