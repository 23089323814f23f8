"""The loader interface and the context loaders share.

A loader reads one data package and yields DocumentRecord objects; it never
touches the database or the search indexes. `advance(n)` moves its progress bar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from parvis.corpus.citations import ArticleResolver
from parvis.corpus.records import DocumentRecord, expect, read_json


@dataclass
class LoadContext:
    packages_dir: Path
    articles: ArticleResolver = field(default_factory=ArticleResolver)
    agreements: dict[str, str] = field(default_factory=dict)  # idcc -> agreement slug


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

    def records(self, context, advance):
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
            yield self.record(item, position, context)

    def record(self, item: dict, position: int, context: LoadContext) -> DocumentRecord:
        raise NotImplementedError
