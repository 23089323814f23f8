"""The lexical index (tantivy), passage-level: the only module that knows tantivy.

Texts are analysed by parvis.search.analysis and stored as space-separated
terms, indexed with tantivy's whitespace tokenizer, so that the index and the
queries share exactly one analysis. Each tantivy document carries `p`, the
passage's ordinal in the index's sidecar tables (see parvis.search.catalog).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import tantivy

FIELDS = ("title", "breadcrumb", "text", "prefix")


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in FIELDS:
        builder.add_text_field(name, stored=False, tokenizer_name="whitespace")
    builder.add_text_field("kind", stored=False, tokenizer_name="raw")
    builder.add_unsigned_field("p", stored=False, indexed=False, fast=True)
    return builder.build()


@dataclass(frozen=True)
class IndexedPassage:
    ordinal: int
    kind: str
    title: str  # analysed terms, space separated
    breadcrumb: str
    text: str
    prefix: str  # word-family terms of title and text (analysis.prefixes)


def build(path: Path, passages: Iterable[IndexedPassage], heap_size: int = 256_000_000) -> int:
    """Write a new index in `path` (an empty folder); returns the passage count.

    If reading the passages fails, nothing is committed (see `writing`)."""
    path.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(_schema(), path=str(path))
    count = 0
    with writing(index, heap_size) as writer:
        for passage in passages:
            document = tantivy.Document()
            document.add_unsigned("p", passage.ordinal)
            document.add_text("kind", passage.kind)
            document.add_text("title", passage.title)
            document.add_text("breadcrumb", passage.breadcrumb)
            document.add_text("text", passage.text)
            document.add_text("prefix", passage.prefix)
            writer.add_document(document)
            count += 1
    return count


@contextmanager
def writing(index: tantivy.Index, heap_size: int) -> Iterator[tantivy.IndexWriter]:
    """An index writer that commits when the block ends normally and rolls back
    when it raises. (tantivy-py's own `with index.writer()` commits in both
    cases: the documents added before a failure would be committed.)"""
    writer = index.writer(heap_size=heap_size, num_threads=1)
    try:
        yield writer
    except BaseException:
        writer.rollback()
        raise
    writer.commit()
    writer.wait_merging_threads()


class LexicalIndex:
    """A read-only view of a built index."""

    def __init__(self, path: Path):
        self.index = tantivy.Index.open(str(path))
        self.schema = self.index.schema
        self.searcher = self.index.searcher()

    def query(
        self,
        field_terms: dict[str, dict[str, float]],
        kinds: Iterable[str] = (),
        exclude_kinds: Iterable[str] = (),
    ) -> tantivy.Query:
        """An OR of weighted terms per field, optionally restricted to kinds."""
        clauses = []
        for field, weighted_terms in field_terms.items():
            for term, weight in weighted_terms.items():
                query = tantivy.Query.term_query(self.schema, field, term, index_option="freq")
                clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(query, weight)))
        query = tantivy.Query.boolean_query(clauses) if clauses else tantivy.Query.empty_query()
        kinds = list(kinds)
        if kinds:
            kind_query = tantivy.Query.term_set_query(self.schema, "kind", kinds)
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, query), (tantivy.Occur.Must, kind_query)]
            )
        excluded = list(exclude_kinds)
        if excluded:
            query = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, query),
                    (
                        tantivy.Occur.MustNot,
                        tantivy.Query.term_set_query(self.schema, "kind", excluded),
                    ),
                ]
            )
        return query

    def phrase_query(self, field: str, terms: list[str]) -> tantivy.Query:
        return tantivy.Query.phrase_query(self.schema, field, terms)

    def search(self, query: tantivy.Query, limit: int) -> tuple[np.ndarray, np.ndarray]:
        """Passage ordinals and scores of the best `limit` passages, best first."""
        result = self.searcher.search(query, limit=limit, count=False)
        if not result.hits:
            return np.zeros(0, np.int64), np.zeros(0, np.float64)
        ordinals = self.searcher.fast_field_values("p", [address for _, address in result.hits])
        scores = [score for score, _ in result.hits]
        return np.asarray(ordinals, dtype=np.int64), np.asarray(scores, dtype=np.float64)

    def doc_freq(self, field: str, term: str) -> int:
        return self.searcher.doc_freq(field, term)

    @property
    def num_docs(self) -> int:
        return self.searcher.num_docs
