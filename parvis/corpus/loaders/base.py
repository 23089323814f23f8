"""The loader interface and the context loaders share.

A loader reads one data package and yields DocumentRecord objects; it never
touches the database or the search indexes. `advance(n)` moves its progress bar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from parvis.corpus.citations import ArticleResolver
from parvis.corpus.records import DocumentRecord


@dataclass
class LoadContext:
    packages_dir: Path
    articles: ArticleResolver = field(default_factory=ArticleResolver)
    agreements: dict[str, str] = field(default_factory=dict)  # idcc -> agreement slug


class Loader:
    source: str = ""
    package: str = ""
    label: str = ""

    def total(self, context: LoadContext) -> int | None:
        """How many progress steps `records` will report (for the progress bar)."""
        return None

    def records(
        self, context: LoadContext, advance: Callable[[int], object]
    ) -> Iterator[DocumentRecord]:
        raise NotImplementedError

    def path(self, context: LoadContext, *parts: str) -> Path:
        return context.packages_dir.joinpath(self.package, *parts)
