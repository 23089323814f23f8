"""The sidecar tables of an index build: documents and passages by ordinal.

The server loads them once; search results are assembled from them without a
database query (snippets excepted).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from parvis.search.graph import DocumentGraph


@dataclass
class CatalogDocument:
    key: str
    kind: str
    title: str
    url: str
    breadcrumb: str
    words: int  # length of the document text, in words
    year: int  # year of last change, 0 when unknown
    idcc: str = ""
    title_terms: str = ""  # analysed title, for coverage features
    breadcrumb_terms: str = ""


class Catalog:
    def __init__(
        self,
        documents: list[CatalogDocument],
        passage_doc: np.ndarray,
        passage_ids: np.ndarray,
        citations: np.ndarray | None = None,
        links: np.ndarray | None = None,
    ):
        self.documents = documents
        self.passage_doc = passage_doc  # passage ordinal -> document ordinal
        self.passage_ids = passage_ids  # passage ordinal -> Passage.pk at build time
        self.by_key = {doc.key: i for i, doc in enumerate(documents)}
        # (citing, cited) pairs: fiches, ministry fiches and answers citing code articles
        self.citations = _pairs(citations)
        # (linking, linked) pairs: service-public fiches linking to other fiches
        self.links = _pairs(links)

    @cached_property
    def in_degree(self) -> np.ndarray:
        """How many fiches and answers cite each document."""
        return np.bincount(self.citations[:, 1], minlength=len(self.documents))

    @cached_property
    def fiche_links(self) -> np.ndarray:
        """How many service-public fiches link to each document (a popularity prior)."""
        return np.bincount(self.links[:, 1], minlength=len(self.documents))

    @cached_property
    def graph(self) -> DocumentGraph:
        """Citations and fiche links, for the second ranking stage."""
        return DocumentGraph.from_pairs(self.citations, self.links)

    def save(self, folder: Path) -> None:
        (folder / "documents.json").write_text(
            json.dumps([asdict(d) for d in self.documents], ensure_ascii=False)
        )
        np.save(folder / "passage_doc.npy", self.passage_doc)
        np.save(folder / "passage_ids.npy", self.passage_ids)
        np.save(folder / "citations.npy", self.citations)
        np.save(folder / "links.npy", self.links)

    @classmethod
    def load(cls, folder: Path) -> Catalog:
        documents = [
            CatalogDocument(**d) for d in json.loads((folder / "documents.json").read_text())
        ]
        citations, links = folder / "citations.npy", folder / "links.npy"
        return cls(
            documents,
            np.load(folder / "passage_doc.npy"),
            np.load(folder / "passage_ids.npy"),
            np.load(citations) if citations.exists() else None,
            np.load(links) if links.exists() else None,
        )


def _pairs(pairs: np.ndarray | None) -> np.ndarray:
    return np.zeros((0, 2), np.int32) if pairs is None else pairs.reshape(-1, 2)
