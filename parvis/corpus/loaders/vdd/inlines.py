"""Inline content: the text, styles, links and abbreviations of a paragraph."""

from __future__ import annotations

from parvis.corpus.fiche.blocks import Abbr, Inline, Link, Paragraph, Term, Text
from parvis.corpus.loaders.vdd.scope import Scope
from parvis.corpus.loaders.vdd.xml import (
    FICHE_ID,
    NOT_TEXT,
    SPACES,
    attr,
    external,
    raw_text,
    text_of,
)

STYLES = {
    "MiseEnEvidence": "strong",
    "Expression": "em",
    "Citation": "em",
    "TermeEtranger": "em",
    "Exposant": "sup",
    "Indice": "sub",
}
GLOSSARY = "Définition de glossaire"
FALLBACK_LINK_TEXT = "Consulter la fiche"


class InlineBuilder:
    def __init__(self, scope: Scope):
        self.scope = scope

    def inlines(self, node: dict, style: str = "text", out: list | None = None) -> list[Inline]:
        out = [] if out is None else out
        for child in node.get("children") or ():
            if child.get("type") == "text":
                push(out, style, child.get("text", ""))
                continue
            if child.get("type") != "element":
                continue
            name = child.get("name")
            if name in NOT_TEXT:
                continue
            if name in STYLES:
                self.inlines(child, STYLES[name] if style == "text" else style, out)
            elif name == "LienInterne":
                self.internal_link(child, out)
            elif name == "LienIntra":
                self.intra_link(child, out)
            elif name == "LienExterne":
                url = external(attr(child, "URL"))
                if url:
                    out.append(Link(text=text_of(child) or url, url=url))
                else:
                    push(out, style, raw_text(child))
            else:  # Valeur, Variable and anything unknown: its text
                self.inlines(child, style, out)
        return out

    def internal_link(self, node: dict, out: list) -> None:
        """LienInterne: to an abbreviation of the fiche, or to another fiche."""
        target = attr(node, "LienPublication")
        text = text_of(node)
        abbreviations = self.scope.abbreviations
        if attr(node, "type") in ("Sigle", "Acronyme") or target in abbreviations:
            short, expansion = abbreviations.get(target, ("", ""))
            text = text or short
            if expansion:
                out.append(Abbr(text=text, title=expansion))
            else:
                push(out, "text", text)
            return
        if FICHE_ID.match(target):
            text = text or self.scope.known.get(target) or FALLBACK_LINK_TEXT
            out.append(Link(text=text, url=self.scope.fiche_url(target), fiche=target))
        else:
            push(out, "text", text)

    def intra_link(self, node: dict, out: list) -> None:
        """LienIntra: a glossary term, or a link to a fiche of the package."""
        target = attr(node, "LienID")
        scope = self.scope
        if target in scope.definition_ids or attr(node, "type") == GLOSSARY:
            text = clean_inline(raw_text(node))
            if text.strip():
                out.append(Term(text=text, definition=target))
            else:
                push(out, "text", text)
        elif FICHE_ID.match(target) and target in scope.known:
            text = text_of(node) or scope.known.get(target) or FALLBACK_LINK_TEXT
            out.append(Link(text=text, url=scope.fiche_url(target), fiche=target))
        else:  # in-page references and the like: plain text
            push(out, "text", raw_text(node))

    def paragraph(self, node: dict) -> Paragraph | None:
        parts = self.inlines(node)
        # Trim the paragraph's outer spaces, drop parts left empty.
        if parts and not isinstance(parts[0], Link):
            parts[0].text = parts[0].text.lstrip(" ")
        if parts and not isinstance(parts[-1], Link):
            parts[-1].text = parts[-1].text.rstrip(" ")
        parts = [part for part in parts if part.text.strip()]
        return Paragraph(content=parts) if parts else None


def clean_inline(text: str) -> str:
    return SPACES.sub(" ", text or "")


def push(out: list, style: str, text: str) -> None:
    """Append text in a style, merged into the previous part when it has that style."""
    text = clean_inline(text)
    if not text:
        return
    last = out[-1] if out else None
    if isinstance(last, Text) and last.type == style:
        # Both are collapsed already: only their junction may hold two spaces.
        if last.text.endswith(" ") and text.startswith(" "):
            text = text[1:]
        last.text += text
    else:
        out.append(Text(type=style, text=text))
