"""The loader interface and the context loaders share.

A loader reads one data package and yields DocumentRecord objects; it never
touches the database or the search indexes. `advance(n)` moves its progress bar.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from parvis.corpus.agreement_citations import AgreementArticles
from parvis.corpus.citations import ArticleResolver
from parvis.corpus.links import key_href
from parvis.corpus.records import DocumentRecord, expect, read_json


@dataclass
class LoadContext:
    packages_dir: Path
    articles: ArticleResolver = field(default_factory=ArticleResolver)
    agreements: dict[str, str] = field(default_factory=dict)  # idcc -> agreement slug
    # the agreements' articles in force, to resolve the answers' references to them
    agreement_articles: AgreementArticles = field(default_factory=AgreementArticles)
    fiches: dict[str, str] = field(default_factory=dict)  # service-public fiche key -> title
    # service-public fiche key -> its theme slugs (parvis/corpus/themes.py)
    fiche_themes: dict[str, list[str]] = field(default_factory=dict)


_SP_FICHE = re.compile(
    r"service-public\.(?:gouv\.)?fr/(?:particuliers|professionnels|associations)/vosdroits/([FNR]\d+)"
)


def held_document_link(context: LoadContext, href: str) -> str:
    """A link to a code article or a service-public fiche we hold becomes its key
    link (`/document/<key>`); any other link is kept."""
    if key := context.articles.key_for_link(href):
        return key_href(key)
    if (match := _SP_FICHE.search(href)) and f"vdd:{match.group(1)}" in context.fiches:
        return key_href(f"vdd:{match.group(1)}")
    return href


class Loader:
    source: str = ""  # a Source value
    package: str = ""
    label: str = ""
    current_file: Path | None = None  # the file being read, named in error messages

    def read(self, path: Path):
        """Parse one JSON source file, remembering it for error messages."""
        self.current_file = path
        return read_json(path)

    def total(self, context: LoadContext) -> int | None:
        """How many progress steps `records` will report (for the progress bar)."""
        return None

    def records(
        self, context: LoadContext, advance: Callable[[int], object]
    ) -> Iterator[DocumentRecord]:
        raise NotImplementedError

    def path(self, context: LoadContext, *parts: str) -> Path:
        return context.packages_dir.joinpath(self.package, *parts)


class JsonListLoader(Loader):
    """A source that is one JSON file holding a list of items, one document each."""

    file_name: str = ""
    item_name: str = ""  # for error messages: "contributions", "fiches"
    required: tuple[str, ...] = ()  # keys every item must have

    def total(self, context: LoadContext) -> int:
        return 1

    def items(self, context: LoadContext, advance) -> list[tuple[int, dict]]:
        """The file's items with their position, each checked for the required keys."""
        path = self.path(context, "data", self.file_name)
        items = self.read(path)
        expect(isinstance(items, list), path, f"expected a list of {self.item_name}")
        advance(1)
        for position, item in enumerate(items):
            expect(
                isinstance(item, dict) and all(item.get(key) for key in self.required),
                path,
                f"{self.item_name} #{position} lacks one of {', '.join(self.required)}",
            )
        return list(enumerate(items))

    def records(self, context, advance):
        for position, item in self.items(context, advance):
            yield self.record(item, position, context)

    def record(self, item: dict, position: int, context: LoadContext) -> DocumentRecord:
        raise NotImplementedError
