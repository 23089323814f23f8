"""Ministry of labour fiches (fiches-travail-data), with their sections."""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import parse_qs, urlsplit

from parvis.corpus.enums import CODE_TEXT_IDS, Kind, Source
from parvis.corpus.links import key_href
from parvis.corpus.loaders.base import JsonListLoader, LoadContext, held_document_link
from parvis.corpus.records import (
    DocumentRecord,
    PassageRecord,
    modification_date,
    relations_from_references,
)
from parvis.corpus.text import html_to_text, sanitize_html, slugify, squash
from parvis.corpus.themes import citing_themes, theme_relations

SITE = "https://travail-emploi.gouv.fr"

# A video is an empty player element naming the video in data attributes; its
# transcript, when it has one, is the accordion right after it ("Lire la
# retranscription textuelle"). The accordion's content is a single div, which
# may hold divs of its own: it ends at the first </div> closing the section.
_MEDIA = re.compile(
    r"(?P<player><div\b[^>]*\byoutube_player\b[^>]*>\s*</div>)"
    r"|<section\b[^>]*\bfr-accordion\b[^>]*>\s*<h\d\b[^>]*>\s*<button\b[^>]*>"
    r"(?P<label>[^<]*transcription[^<]*)</button>\s*</h\d>\s*<div\b[^>]*>(?P<body>.*?)</div>"
    r"\s*</section>",
    re.S | re.I,
)
_ATTRIBUTE = re.compile(r'\b(data-src|data-title)="([^"]*)"')
_PLACEHOLDER = re.compile(r"<p>PARVISMEDIA(\d+)</p>")
_YOUTUBE_EMBED = re.compile(r"youtube(?:-nocookie)?\.com/embed/([\w-]+)")


def _absolute(href: str) -> str:
    return SITE + href if href.startswith("/") else href


def _parse_date(value: str) -> date | None:
    try:
        day, month, year = (int(part) for part in value.split("/"))
        return date(year, month, day)
    except (ValueError, AttributeError):
        return None


def video_url(player_src: str) -> str:
    """The public page of a player's video (the player itself is not embedded)."""
    src = html_lib.unescape(player_src)
    if match := _YOUTUBE_EMBED.search(src):
        return f"https://www.youtube.com/watch?v={match.group(1)}"
    if "/media/oembed" in src:  # the ministry's oEmbed proxy: the video is its `url`
        url = (parse_qs(urlsplit(src).query).get("url") or [""])[0]
        return url if url.startswith("https://") else ""
    return src if src.startswith("https://") else ""


@dataclass
class Section:
    """A section's HTML with its videos as links and transcripts collapsed, its
    plain text without the transcripts, and the transcripts' passages."""

    html: str
    text: str
    transcripts: list[PassageRecord] = field(default_factory=list)


def render_section(raw: str, anchor: str, title: str, rewrite) -> Section:
    """Sanitise a section's HTML. A video becomes a link to it; its transcript, a
    collapsed <details> at its place, kept out of the section's text (the
    transcript is a passage of its own, after the section's)."""
    media: list[str] = []
    transcripts: list[PassageRecord] = []
    last_video = ""

    def placeholder(markup: str) -> str:
        media.append(markup)
        return f"<p>PARVISMEDIA{len(media) - 1}</p>"

    def player(match) -> str:
        nonlocal last_video
        attributes = dict(_ATTRIBUTE.findall(match.group("player")))
        last_video = squash(html_lib.unescape(attributes.get("data-title", "")))
        url = video_url(attributes.get("data-src", ""))
        if not url:
            return ""
        label = f"Voir la vidéo « {last_video} »" if last_video else "Voir la vidéo"
        if "youtu" in urlsplit(url).netloc:
            label += " sur YouTube"
        return placeholder(
            f'<p><a href="{html_lib.escape(url)}" rel="noopener noreferrer">'
            f"{html_lib.escape(label)}</a></p>"
        )

    def transcript(label: str, body: str) -> str:
        nonlocal last_video
        inner = sanitize_html(body, rewrite)
        text = html_to_text(inner)
        if not text:
            return ""
        number = len(transcripts) + 1
        passage_anchor = f"{anchor}-transcription-{number}"
        label = (
            f"Transcription de la vidéo « {last_video} »"
            if last_video
            else squash(label).capitalize() or "Transcription"
        )
        last_video = ""  # one transcript per video
        transcripts.append(PassageRecord(passage_anchor, f"{title} — {label}", text))
        return placeholder(
            f'<details id="{html_lib.escape(passage_anchor)}"><summary>'
            f"{html_lib.escape(label)}</summary>{inner}</details>"
        )

    # in document order: a transcript names the video just before it
    marked = _MEDIA.sub(
        lambda m: player(m) if m.group("player") else transcript(m.group("label"), m.group("body")),
        raw or "",
    )
    html = sanitize_html(marked, rewrite)
    text = html_to_text(_PLACEHOLDER.sub("", html))
    html = _PLACEHOLDER.sub(lambda m: media[int(m.group(1))], html)
    return Section(html, text, transcripts)


def resolve_section_references(references: dict, context: LoadContext) -> list[dict]:
    """The package cites articles by Légifrance text and article ids: map them to keys
    (by any version's id, else by number in the code the text id names)."""
    resolved = []
    for text_id, group in (references or {}).items():
        for article in group.get("articles") or []:
            number = squash(article.get("fmt") or article.get("text") or "")
            key = context.articles.by_legi_id.get(
                article.get("cid")
            ) or context.articles.by_legi_id.get(article.get("id"))
            if key is None and text_id in CODE_TEXT_IDS and number:
                key = context.articles.key_for(CODE_TEXT_IDS[text_id], number)
            resolved.append(
                {
                    "title": number,
                    "text_id": text_id,
                    "url": f"https://www.legifrance.gouv.fr/codes/article_lc/{article.get('id')}",
                    "keys": [key] if key else [],
                }
            )
    return resolved


def _page_key(url: str) -> str:
    """A ministry page URL without scheme, query, fragment or trailing slash."""
    parts = urlsplit(url)
    return f"{parts.netloc.removeprefix('www.')}{parts.path.rstrip('/')}"


class TravailLoader(JsonListLoader):
    source = Source.TRAVAIL
    package = "fiches-travail-data"
    label = "Fiches du ministère du Travail"
    file_name = "fiches-travail.json"
    item_name = "fiches"
    required = ("pubId", "title")

    def records(self, context, advance):
        items = self.items(context, advance)
        fiche_keys = {
            _page_key(item["url"]): f"travail:{item['pubId']}"
            for _, item in items
            if item.get("url")
        }

        def rewrite(href: str) -> str:
            """Links to a fiche, an article or a service-public fiche we hold: key links."""
            href = _absolute(href)
            if href.startswith(SITE) and (key := fiche_keys.get(_page_key(href))):
                fragment = urlsplit(href).fragment
                return key_href(key) + (f"#{fragment}" if fragment else "")
            return held_document_link(context, href)

        for position, item in items:
            yield self.record(item, position, context, rewrite)

    def record(self, fiche, position, context, rewrite=None):
        rewrite = rewrite or (lambda href: held_document_link(context, _absolute(href)))
        title = squash(fiche["title"])
        url = fiche.get("url") or ""
        slug = slugify(url.rstrip("/").rsplit("/", 1)[-1] if url else title)
        sections, passages, transcripts, references = [], [], [], []
        intro = render_section(fiche.get("intro", ""), "introduction", title, rewrite)
        if intro.text:
            passages.append(PassageRecord("introduction", title, intro.text))
        transcripts.extend(intro.transcripts)
        for index, raw in enumerate(fiche.get("sections") or []):
            anchor = squash(raw.get("anchor", "")) or f"section-{index + 1}"
            section_title = squash(raw.get("title", ""))
            section = render_section(raw.get("html", ""), anchor, section_title or title, rewrite)
            refs = resolve_section_references(raw.get("references"), context)
            references.extend(refs)
            sections.append(
                {"anchor": anchor, "title": section_title, "html": section.html, "references": refs}
            )
            if section.text:
                passages.append(PassageRecord(anchor, section_title, section.text))
            transcripts.extend(section.transcripts)
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
                "intro_html": intro.html,
                "sections": sections,
                "references": _unique_references(references),
            },
            official_url=url,
            modified=modification_date(_parse_date(fiche.get("date", ""))),
            # the fiche's own text first; video transcripts after it
            passages=passages + transcripts,
            relations=[
                *relations_from_references(references, key),
                *theme_relations(citing_themes(cited_articles(references, context))),
            ],
        )


def cited_articles(references: list[dict], context: LoadContext) -> list[tuple[str, str]]:
    """(code, number) of the Code articles we hold that the references name."""
    return context.articles.cited_articles(key for ref in references for key in ref["keys"])


def _unique_references(references: list[dict]) -> list[dict]:
    unique = {}
    for ref in references:
        unique.setdefault(ref["url"], ref)
    return list(unique.values())
