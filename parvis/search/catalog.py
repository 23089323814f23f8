"""The tables of an index build: documents and passages by ordinal, passage texts.

A build holds everything it serves: the server loads these once and answers a
search, snippets included, without the database (see parvis.search.build for
the layout). Nothing here is a database id, and no URL is stored: pages and the
API build URLs from a document's kind, slug and IDCC when they render.
"""

from __future__ import annotations

import json
import mmap
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path

import numpy as np

from parvis.search.graph import DocumentGraph

TEXTS = "passages"  # the passages' texts: passages.bin, passages.offsets.npy, passages.zdict
DICTIONARY_SIZE = 32_768  # zlib's largest preset dictionary
DICTIONARY_SAMPLES = 256  # beginnings of that many texts (best of 48 to 400 measured)


@dataclass
class CatalogDocument:
    key: str
    kind: str
    title: str
    slug: str
    breadcrumb: str  # section path, " › " between levels
    words: int  # length of the document text, in words
    modified: str = ""  # date of last change at the source (ISO), "" when unknown
    idcc: str = ""
    number: str = ""  # article number (codes and agreements)
    title_terms: str = ""  # analysed title, for coverage features
    breadcrumb_terms: str = ""

    @property
    def year(self) -> int:
        """Year of last change, 0 when unknown."""
        return int(self.modified[:4]) if self.modified else 0


class Catalog:
    def __init__(
        self,
        documents: list[CatalogDocument],
        passage_doc: np.ndarray,
        citations: np.ndarray | None = None,
        links: np.ndarray | None = None,
    ):
        self.documents = documents
        self.passage_doc = passage_doc  # passage ordinal -> document ordinal (non-decreasing)
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

    def first_passage(self, doc: int) -> int:
        """The ordinal of a document's first passage, -1 when it has none."""
        first = int(np.searchsorted(self.passage_doc, doc))
        if first < len(self.passage_doc) and self.passage_doc[first] == doc:
            return first
        return -1

    def save(self, folder: Path) -> None:
        # the fields read directly: dataclasses.asdict deep-copies every value (10 s)
        names = [f.name for f in fields(CatalogDocument)]
        (folder / "documents.json").write_text(
            json.dumps(
                [{name: getattr(d, name) for name in names} for d in self.documents],
                ensure_ascii=False,
            )
        )
        np.save(folder / "passage_doc.npy", self.passage_doc)
        np.save(folder / "citations.npy", self.citations)
        np.save(folder / "links.npy", self.links)

    @classmethod
    def load(cls, folder: Path) -> Catalog:
        documents = [
            CatalogDocument(**d) for d in json.loads((folder / "documents.json").read_text())
        ]
        return cls(
            documents,
            np.load(folder / "passage_doc.npy"),
            np.load(folder / "citations.npy"),
            np.load(folder / "links.npy"),
        )


def _pairs(pairs: np.ndarray | None) -> np.ndarray:
    return np.zeros((0, 2), np.int32) if pairs is None else pairs.reshape(-1, 2)


def write_texts(folder: Path, texts: Iterable[str], name: str = TEXTS, dictionary=None) -> int:
    """Write texts one after the other in `<name>.bin`, with their byte offsets;
    with a dictionary each is deflated on its own (about 3 times smaller for
    the corpus's passages, 7 µs to inflate one). Returns their count."""
    offsets = [0]
    # primed once with the dictionary, copied for each text (half the CPU time)
    primed = (
        None if dictionary is None else zlib.compressobj(6, zlib.DEFLATED, -15, zdict=dictionary)
    )
    with open(folder / f"{name}.bin", "wb") as out:
        for text in texts:
            data = text.encode()
            if primed is not None:
                deflate = primed.copy()
                data = deflate.compress(data) + deflate.flush()
            out.write(data)
            offsets.append(offsets[-1] + len(data))
    np.save(folder / f"{name}.offsets.npy", np.array(offsets, dtype=np.int64))
    if dictionary is not None:
        (folder / f"{name}.zdict").write_bytes(dictionary)
    return len(offsets) - 1


def sample_dictionary(texts: PassageTexts) -> bytes:
    """A preset dictionary for deflating short texts: the beginnings of evenly
    spaced texts (every source; the same for the same corpus)."""
    step = max(1, len(texts) // DICTIONARY_SAMPLES)
    per_text = DICTIONARY_SIZE // DICTIONARY_SAMPLES
    sample = b"\n".join(texts[i].encode()[:per_text] for i in range(0, len(texts), step))
    return sample[-DICTIONARY_SIZE:]


class PassageTexts:
    """Texts written by write_texts, memory-mapped: `texts[ordinal]` -> str.

    Processes serving the same build share the pages; a text is read (and
    inflated) only when a snippet needs it."""

    def __init__(self, folder: Path, name: str = TEXTS):
        self.offsets = np.load(folder / f"{name}.offsets.npy")
        dictionary = folder / f"{name}.zdict"
        self.dictionary = dictionary.read_bytes() if dictionary.exists() else None
        with open(folder / f"{name}.bin", "rb") as file:
            size = file.seek(0, 2)
            # mmap refuses an empty file: a build without passages has no texts
            self.data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) if size else b""

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, ordinal: int) -> str:
        data = self.data[int(self.offsets[ordinal]) : int(self.offsets[ordinal + 1])]
        if self.dictionary is not None:
            data = zlib.decompressobj(-15, zdict=self.dictionary).decompress(data)
        return data.decode()

    def __iter__(self):
        for ordinal in range(len(self)):
            yield self[ordinal]
