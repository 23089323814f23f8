"""The ministry's Q&A (contributions-data): a generic answer and one answer per
collective agreement (IDCC), with their references."""

from __future__ import annotations

import html as html_lib
import re

from markdown_it import MarkdownIt

from parvis.corpus.enums import Kind, Source
from parvis.corpus.links import key_href, linked_keys
from parvis.corpus.loaders.base import JsonListLoader, LoadContext, held_document_link
from parvis.corpus.records import (
    DocumentRecord,
    PassageRecord,
    expect,
    relations_from_references,
)
from parvis.corpus.text import html_to_text, sanitize_html, slugify, squash
from parvis.corpus.themes import citing_themes, merged, shown_fiche_themes, theme_relations

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
SP_FICHE_URL = "https://www.service-public.fr/particuliers/vosdroits/{}"
CDTN_CONTRIBUTION_URL = "https://code.travail.gouv.fr/contribution/"
LEGIFRANCE_ARTICLE = "https://www.legifrance.gouv.fr/conv_coll/article/"
_KALI_ID = re.compile(r"KALIARTI\d{12}")

# The answers' Markdown holds a few components of the ministry's site, as tags:
# <Tab title="…">…</Tab> (one case of the answer: a contract type…), <HDN>…</HDN>
# (how agreements and the code combine: "hiérarchie des normes", kept as text),
# <Content href="…"></Content>
# (a service-public.fr fiche shown in place) and a lone <br>. Raw HTML is off,
# so each is turned into Markdown or HTML of ours before rendering.
_TAB = re.compile(r'<Tab\s+title="([^"]*)"\s*>(.*?)</Tab>', re.S | re.I)
_CONTENT = re.compile(r'<Content\s+href="([^"]+)"\s*(?:/>|>\s*</Content>)', re.I)
_HDN = re.compile(r"</?HDN\s*>", re.I)
_LONE_BR = re.compile(r"^[ \t]*<br\s*/?>[ \t]*$", re.M | re.I)
_HEADING = re.compile(r"^(#{1,6})\s", re.M)
_SP_FICHE = re.compile(r"service-public\.fr/\w+/vosdroits/([FNR]\d+)")
_CDTN_CONTRIBUTION = re.compile(
    r"^https://code\.travail\.gouv\.fr/contribution/([\w-]+)/?(?:[?#].*)?$"
)
_PLACEHOLDER = re.compile(r"<p>PARVISFICHE(\d+)</p>")

# @socialgouv/cdtn-slugify (the ministry site's slugs), ported
_CDTN_FROM = "àáäâãåăæąçćčđďèéěėëêęğǵḧìíïîįłḿǹńňñòóöôøṕŕřßşśšșťțùúüûǘůűūųẃẍÿýźžż·/_:;()"
_CDTN_TO = "aaaaaaaaacccddeeeeeeegghiiiiilmnnnnoooooprrsssssttuuuuuuuuuwxyyzzz-------"


def cdtn_slug(title: str) -> str:
    """The ministry site's slug of a title (its answers link to each other by it)."""
    slug = re.sub(r"\s+", "-", title.lower())
    slug = slug.translate(str.maketrans(_CDTN_FROM, _CDTN_TO))
    slug = slug.replace(".", "-").replace("&", "-et-").replace("œ", "oe")
    slug = re.sub(r"[^\w-]+", "", slug, flags=re.ASCII)
    return re.sub(r"-{2,}", "-", slug).strip("-")


class AnswerRenderer:
    """Renders the answers' Markdown to safe HTML; links to documents we hold
    (code articles, service-public fiches, other answers) become key links."""

    def __init__(self, context: LoadContext, answer_keys: dict[str, str]):
        self.context = context
        self.answer_keys = answer_keys  # ministry site slug -> contribution key

    def render(self, markdown: str) -> tuple[str, list[str]]:
        """The answer's HTML and the service-public fiches it shows in place (ids)."""
        markdown = _LONE_BR.sub("", _HDN.sub("", markdown or ""))
        fiches: list[str] = []

        def embed(match) -> str:
            fiche = _SP_FICHE.search(match.group(1))
            if not fiche:
                return ""
            fiches.append(fiche.group(1))
            return f"\n\nPARVISFICHE{len(fiches) - 1}\n\n"

        markdown = _CONTENT.sub(embed, markdown)
        parts, position = [], 0
        for tab in _TAB.finditer(markdown):
            before = markdown[position : tab.start()]
            parts.append(self._html(before))
            levels = [len(h) for h in _HEADING.findall(markdown[: tab.start()])]
            level = min(max(levels, default=2) + 1, 6)
            title = html_lib.escape(squash(tab.group(1)))
            parts.append(
                f"<section><h{level}>{title}</h{level}>{self._html(tab.group(2))}</section>"
            )
            position = tab.end()
        parts.append(self._html(markdown[position:]))
        html = _PLACEHOLDER.sub(lambda m: self._fiche_link(fiches[int(m.group(1))]), "".join(parts))
        return html, list(dict.fromkeys(fiches))

    def _html(self, markdown: str) -> str:
        return sanitize_html(_markdown.render(markdown), self.rewrite) if markdown.strip() else ""

    def rewrite(self, href: str) -> str:
        if match := _CDTN_CONTRIBUTION.match(href):
            key = self.answer_keys.get(match.group(1))
            return key_href(key) if key else href
        return held_document_link(self.context, href)

    def _fiche_link(self, fiche_id: str) -> str:
        key = f"vdd:{fiche_id}"
        if key in self.context.fiches:
            href, label = key_href(key), self.context.fiches[key]
        else:
            href, label = SP_FICHE_URL.format(fiche_id), f"fiche {fiche_id}"
        return (
            f'<p>Voir la fiche service-public.fr : <a href="{html_lib.escape(href)}">'
            f"{html_lib.escape(label)}</a></p>"
        )


def _references(raw: list, context: LoadContext, idcc: str = "") -> list[dict]:
    """The references of an answer, each with the keys of the documents we hold
    that it names: Code articles, and the articles of the agreement (`idcc`) an
    agreement's answer cites."""
    references = []
    for ref in raw or []:
        title = squash(ref.get("title") or "")
        url = ref.get("url") or ""
        keys = []
        if ref.get("category") == "labor_code":
            if key := context.articles.by_legi_id.get(title):
                keys.append(key)
            title = context.articles.number_for_key(key) if key else title
        elif ref.get("category") == "agreement":
            cited = ref.get("agreement") or {}
            cited_idcc = str(cited.get("num") or idcc).zfill(4)
            keys = context.agreement_articles.resolve(cited_idcc, title, url)
            if _KALI_ID.fullmatch(title):  # a bare Légifrance id: named by our page
                url = url or f"{LEGIFRANCE_ARTICLE}{title}"
                title = "" if keys else title
        else:
            keys = context.articles.resolve(title, url)["keys"]
            if not keys and idcc:  # a Légifrance link to one of the agreement's articles
                keys = context.agreement_articles.resolve(idcc, "", url)
        references.append(
            {"title": title, "url": url, "category": ref.get("category") or "", "keys": keys}
        )
    return references


# "La convention collective ne prévoit rien sur ce point.", "… renvoie au code du
# travail.": the agreement adds nothing, the generic rule applies.
_NOTHING = re.compile(
    r"^\W*la convention collective (?:ne pr[ée]voit rien|renvoie au code du travail)", re.I
)


def provides_nothing(text: str) -> bool:
    """Whether an agreement's answer says the agreement provides nothing of its own."""
    return bool(_NOTHING.match(text or ""))


def answer_themes(html: str, references: list[dict], fiches: list[str], context) -> list:
    """The themes of the Code articles the generic answer cites and links to, and of
    the service-public fiches it shows (parvis/corpus/themes.py)."""
    cited = [k for ref in references for k in ref["keys"]] + [
        k for k in linked_keys(html) if k.startswith("legi:")
    ]
    return merged(
        citing_themes(context.articles.cited_articles(cited)),
        shown_fiche_themes((f"vdd:{fiche}" for fiche in fiches), context.fiche_themes),
    )


class ContributionsLoader(JsonListLoader):
    source = Source.CONTRIBUTION
    package = "contributions-data"
    label = "Questions-réponses"
    file_name = "contributions.json"
    item_name = "contributions"
    required = ("id", "title", "answers")

    def records(self, context, advance):
        items = self.items(context, advance)
        answer_keys = {
            cdtn_slug(squash(item["title"])): f"contribution:{item['id']}" for _, item in items
        }
        renderer = AnswerRenderer(context, answer_keys)
        for position, item in items:
            yield self.record(item, position, context, renderer)

    def record(self, item, position, context, renderer=None):
        renderer = renderer or AnswerRenderer(context, {})
        expect(
            isinstance(item["answers"], dict),
            self.path(context, "data", self.file_name),
            f"contribution #{position}: answers is not an object",
        )
        title = squash(item["title"])
        generic = item["answers"].get("generic") or {}
        generic_html, fiches = renderer.render(generic.get("markdown", ""))
        generic_text = squash(generic.get("text", "")) or html_to_text(generic_html)
        passages = [PassageRecord("reponse", title, generic_text or title)]
        answers = []
        for answer in item["answers"].get("conventions") or []:
            idcc = str(answer.get("idcc", "")).zfill(4)
            html, _ = renderer.render(answer.get("markdown", ""))
            text = html_to_text(html)
            answers.append(
                {
                    "idcc": idcc,
                    "agreement_slug": context.agreements.get(idcc, ""),
                    "html": html,
                    "nothing": provides_nothing(text),
                    "references": _references(answer.get("references"), context, idcc),
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
            official_url=CDTN_CONTRIBUTION_URL + cdtn_slug(title),
            passages=passages,
            relations=[
                *relations_from_references(
                    [*references, *(ref for a in answers for ref in a["references"])], key
                ),
                *theme_relations(answer_themes(generic_html, references, fiches, context)),
            ],
        )
