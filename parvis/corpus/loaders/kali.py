"""Collective agreements (kali-data): every agreement, and the articles in force
of its base text, attached texts and salary texts, with their section path."""

from __future__ import annotations

import re
from datetime import date

from parvis.corpus.currency import parse_iso
from parvis.corpus.enums import Kind, Source
from parvis.corpus.links import key_href
from parvis.corpus.loaders.base import LoadContext, Loader
from parvis.corpus.records import DocumentRecord, PassageRecord, expect, modification_date
from parvis.corpus.text import html_to_text, sanitize_html, slugify, squash

IN_FORCE = {"VIGUEUR", "VIGUEUR_ETEN", "VIGUEUR_NON_ETEN"}
LEGIFRANCE = "https://www.legifrance.gouv.fr"
TEXT_GROUPS = {"Textes Attachés": "attached", "Textes Salaires": "salary"}
# Links of an article's lstLienModification that change its own content. Their
# orientation says who acts: "cible" when another text creates or modifies this
# article, "source" when this article (an amendment's) modifies another one.
# Extension orders (ETEND) are not changes of the text, and carry 2999-01-01.
CONTENT_CHANGES = {"CREE", "CREATION", "MODIFIE", "MODIFICATION"}
_KALI_ARTICLE_LINK = re.compile(r"idArticle=(KALIARTI\d{12})")
MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
)
# "Convention collective nationale … du 12 juillet 2001" (a base text has no modifDate)
_TITLE_DATE = re.compile(rf"\bdu (1er|\d{{1,2}}) ({'|'.join(MONTHS)}) (\d{{4}})", re.I)


def _parse_date(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def last_change(links: list) -> date | None:
    """When another text last created or modified the article's content; None when
    none did (the article is as its text first wrote it) or no date is usable."""
    dates = (
        modification_date(_parse_date(link.get("dateDebutCible")))
        for link in links or []
        if link.get("linkOrientation") == "cible" and link.get("linkType") in CONTENT_CHANGES
    )
    return max(filter(None, dates), default=None)


def title_date(title: str) -> date | None:
    """The date a text's title gives ("… du 1er avril 1996"), None when it gives none."""
    match = _TITLE_DATE.search(title or "")
    if not match:
        return None
    day = 1 if match.group(1) == "1er" else int(match.group(1))
    try:
        return date(int(match.group(3)), MONTHS.index(match.group(2).lower()) + 1, day)
    except ValueError:
        return None


def text_date(text_data: dict) -> date | None:
    """A text's date: its modification date, else the date in its title (its
    signature); never a sentinel or a day after today."""
    return modification_date(_parse_date(text_data.get("modifDate"))) or modification_date(
        title_date(text_data.get("title", ""))
    )


def former_versions(tree: dict) -> dict[tuple[str, str], list[str]]:
    """(text cid, article number) -> the Légifrance ids of the earlier versions of
    that article, which an amendment's links name when it modified them: the
    ministry's answers cite some articles by such an id."""
    found: dict[tuple[str, str], list[str]] = {}
    for _crumbs, art in _articles(tree):
        for link in art.get("lstLienModification") or []:
            if (
                link.get("linkOrientation") == "source"
                and link.get("linkType") in CONTENT_CHANGES
                and link.get("textCid")
                and link.get("articleId")
            ):
                key = (link["textCid"], squash(str(link.get("articleNum") or "")))
                found.setdefault(key, []).append(link["articleId"])
    return found


def format_idcc(num) -> str:
    return str(num).strip().zfill(4)


def _articles(node, path=()):
    """Yield (section path, article data) in document order."""
    for child in node.get("children") or []:
        data = child.get("data") or {}
        if child.get("type") == "article":
            yield path, data
        else:
            title = squash(data.get("title", ""))
            yield from _articles(child, (*path, title) if title else path)


def _texts(root):
    """Split an agreement tree into its texts: (group, text node)."""
    for child in root.get("children") or []:
        group = TEXT_GROUPS.get(squash((child.get("data") or {}).get("title", "")))
        if group is None:
            yield "base", child
        else:
            for text in child.get("children") or []:
                yield group, text


class KaliLoader(Loader):
    source = Source.KALI
    package = "kali-data"
    label = "Conventions collectives"

    def files(self, context: LoadContext):
        return sorted(self.path(context, "data").glob("KALICONT*.json"))

    def total(self, context: LoadContext) -> int:
        return len(self.files(context))

    def records(self, context, advance):
        files = self.files(context)
        expect(bool(files), self.path(context, "data"), "no KALICONT*.json agreement file")
        seen_articles: set[str] = set()
        links = _Links(context)
        workforce = self._workforce(context)
        for path in files:
            tree = self.read(path)
            expect(isinstance(tree, dict) and "data" in tree, path, "no agreement data")
            info = tree["data"]
            expect(bool(info.get("id")), path, "no agreement id")
            if info.get("num") not in (None, ""):  # a few national accords have no IDCC
                yield from self._agreement(tree, seen_articles, links, workforce)
            advance(1)

    def _workforce(self, context) -> dict[str, int]:
        """Employees covered, by IDCC, where the package's index.json gives them (the
        50 agreements of the ministry's site): the agreement picker's tie-break."""
        path = self.path(context, "data", "index.json")
        if not path.exists():
            return {}
        entries = self.read(path)
        expect(isinstance(entries, list), path, "index.json is not a list")
        return {
            format_idcc(entry["num"]): entry["effectif"]
            for entry in entries
            if isinstance(entry, dict)
            and entry.get("num")
            and isinstance(entry.get("effectif"), int)
            and entry["effectif"] > 0
        }

    def _agreement(self, tree, seen_articles, links, workforce):
        info = tree["data"]
        idcc = format_idcc(info["num"])
        agreement_key = f"kali:{info['id']}"
        short_title = squash(info.get("shortTitle") or info.get("title", ""))
        slug = f"{idcc}-{slugify(short_title, 80)}"
        links.add_agreement(tree)
        versions = former_versions(tree)
        texts, article_records = [], []
        for group, text_node in _texts(tree):
            text_data = text_node.get("data") or {}
            text_title = squash(text_data.get("title", ""))
            text_day = text_date(text_data)
            text_keys = []
            for crumbs, art in _articles(text_node, (text_title,)):
                cid = art.get("cid")
                if art.get("etat") not in IN_FORCE or not cid:
                    continue
                key = f"kali:{cid}"
                text_keys.append(key)
                if cid in seen_articles:  # a text shared by several agreements: stored once
                    continue
                seen_articles.add(cid)
                article_records.append(
                    self._article(
                        links,
                        key,
                        art,
                        crumbs,
                        short_title,
                        idcc,
                        agreement_key,
                        len(article_records),
                        group,
                        text_day,
                        versions.get((text_data.get("cid", ""), squash(str(art.get("num") or "")))),
                    )
                )
            if text_keys:
                texts.append(
                    {
                        "group": group,
                        "title": text_title,
                        "cid": text_data.get("cid", ""),
                        "modified": text_day.isoformat() if text_day else "",
                        "articles": text_keys,
                    }
                )
        title = squash(info.get("title", ""))
        # The agreement's last change: its latest text or article change.
        changes = [parse_iso(text["modified"]) for text in texts]
        changes += [record.modified for record in article_records]
        yield DocumentRecord(
            key=agreement_key,
            kind=Kind.CONVENTION_COLLECTIVE,
            slug=slug,
            title=title,
            text=f"{title}. {short_title}. IDCC {idcc}",
            data={
                "short_title": short_title,
                "texts": texts,
                **({"effectif": workforce[idcc]} if idcc in workforce else {}),
            },
            official_url=f"{LEGIFRANCE}/conv_coll/id/{info['id']}",
            idcc=idcc,
            modified=max(filter(None, changes), default=None),
            passages=[PassageRecord("", short_title, f"{title} (IDCC {idcc})")],
        )
        yield from article_records

    def _article(
        self,
        links,
        key,
        art,
        crumbs,
        short_title,
        idcc,
        agreement_key,
        position,
        group,
        text_day,
        versions=None,
    ):
        number = squash(str(art.get("num") or ""))
        html = sanitize_html(art.get("content", ""), links.rewrite)
        text = html_to_text(html)
        title = f"Article {number}" if number else squash(art.get("surtitre") or "") or "Article"
        # unchanged since its text wrote it: the text's date
        modified = last_change(art.get("lstLienModification")) or text_day
        return DocumentRecord(
            key=key,
            kind=Kind.ARTICLE_CONVENTION,
            slug=key.split(":", 1)[1].lower(),
            number=number,
            title=title,
            text=text,
            html=html,
            breadcrumb=[short_title, *crumbs],
            data={
                "group": group,
                "legi_id": art.get("id", ""),
                # earlier versions' ids, that answers cite (only when there are some)
                **({"versions": sorted(set(versions) - {art.get("id")})} if versions else {}),
            },
            official_url=f"{LEGIFRANCE}/conv_coll/article/{art.get('id') or art['cid']}",
            idcc=idcc,
            parent_key=agreement_key,
            position=position,
            modified=modified,
            passages=[PassageRecord("", title, text)],
        )


class _Links:
    """Rewrites an article's links: to a code article or an agreement article we
    hold, a key link; anything else on Légifrance, absolute."""

    def __init__(self, context: LoadContext):
        self.articles = context.articles
        self.agreement_articles: dict[str, str] = {}  # KALIARTI id or cid in force -> key

    def add_agreement(self, tree: dict) -> None:
        """Articles of an agreement in force; links from later ones resolve to them too."""
        for _crumbs, art in _articles(tree):
            if art.get("etat") in IN_FORCE and art.get("cid"):
                for kali_id in (art["cid"], art.get("id") or art["cid"]):
                    self.agreement_articles.setdefault(kali_id, f"kali:{art['cid']}")

    def rewrite(self, href: str) -> str:
        key = self.articles.key_for_link(href)
        if key is None and (match := _KALI_ARTICLE_LINK.search(href)):
            key = self.agreement_articles.get(match.group(1))
        if key:
            return key_href(key)
        return LEGIFRANCE + href if href.startswith("/") else href
