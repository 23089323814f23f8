"""Build the search indexes from the database, beside the live ones, then switch.

Layout under <data dir>/index/:

    builds/<id>/   complete builds only; each holds everything it serves, so a
                   search never reads the database (nor a database id):
        lexical/                          tantivy index of the passages
        documents.json                    per document ordinal: key, kind, title, slug,
                                          idcc, number, breadcrumb, date, length, analysed title
        passage_doc.npy                   passage ordinal -> document ordinal
        passages.bin, .offsets.npy, .zdict the passages' texts (snippets), each deflated
                                          with a shared dictionary, memory-mapped
        citations.npy, links.npy          relations between documents, as ordinal pairs
        dense.npy, dense_doc.npy          USE vectors and their document ordinals
        vocabulary.json                   corpus words (typos)
        fingerprint                       the corpus the build was made from
        complete                          the build format, written last
    current        symlink to the live build, switched atomically
    previous       symlink to the build live before it (rollback)
    tmp/<id>/      a build being written: renamed into builds/ once complete,
                   deleted on any failure (live and previous builds untouched)
    embeddings/    the embedding cache (by text hash), shared by builds
    build.lock     one build at a time

The corpus is read in one transaction (one consistent view while ingestion may
commit), its passages' texts written into the build (plain, then deflated once
indexed), then indexed from the build's own files.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from tqdm import tqdm

from parvis.corpus.enums import Kind, RelationType
from parvis.corpus.models import Document, Passage, Relation
from parvis.search import lexical
from parvis.search.analysis import analyze_to_string, prefixes, stem_words, words
from parvis.search.catalog import (
    Catalog,
    CatalogDocument,
    PassageTexts,
    sample_dictionary,
    write_texts,
)
from parvis.search.dense import EmbeddingCache, Encoder, save_dense, text_hash
from parvis.search.vocabulary import save_vocabulary

# Documents that get a dense vector: what general search returns.
DENSE_KINDS = (
    Kind.CODE_DU_TRAVAIL,
    Kind.FICHE_SERVICE_PUBLIC,
    Kind.FICHE_MINISTERE_TRAVAIL,
    Kind.CONTRIBUTION,
)
DENSE_WORDS = 120
AGREEMENT_ANSWER = "contribution_convention"
PLAIN_TEXTS = "plain"  # the passages' texts before they are deflated (while building)
# The files of a build as this code writes and reads them; a build of another
# format (older code) is rebuilt, never opened.
FORMAT = "parvis-index 2"
COMPLETE = "complete"


class BuildInProgress(RuntimeError):
    """Another process is building the indexes."""


def index_root() -> Path:
    return Path(settings.DATA_DIR) / "index"


def current_build() -> Path | None:
    link = index_root() / "current"
    return link.resolve() if link.exists() else None


def previous_build() -> Path | None:
    link = index_root() / "previous"
    return link.resolve() if link.exists() else None


def is_complete(folder: Path) -> bool:
    """A build written to the end, in the format this code reads."""
    try:
        return (folder / COMPLETE).read_text() == FORMAT
    except OSError:
        return False


def corpus_fingerprint() -> str:
    """Changes whenever a document is added, removed or changed."""
    digest = hashlib.sha256()
    for key, content_hash in Document.objects.order_by("key").values_list("key", "content_hash"):
        digest.update(f"{key}={content_hash};".encode())
    return digest.hexdigest()


def dense_text(title: str, text: str) -> str:
    return f"{title}. {' '.join(text.split()[:DENSE_WORDS])}"


def passage_kind(kind: str, idcc: str) -> str:
    """Agreement-specific answers of a Q&A get their own kind: general search skips them."""
    if kind == Kind.CONTRIBUTION and idcc:
        return AGREEMENT_ANSWER
    return kind


@dataclass
class BuildResult:
    path: Path
    documents: int
    passages: int
    dense: int
    seconds: float
    skipped: bool = False


def build_indexes(progress: bool = True, force: bool = False, dense: bool = True) -> BuildResult:
    """Build into tmp/, move the complete build into builds/, switch `current`.

    On any failure the half-written folder is deleted and the live and previous
    builds stay as they were. Raises BuildInProgress if another build runs."""
    started = time.monotonic()
    root = index_root()
    root.mkdir(parents=True, exist_ok=True)
    with _exclusive(root / "build.lock"):
        live = current_build()
        if (
            live
            and not force
            and is_complete(live)
            and (live / "fingerprint").read_text() == corpus_fingerprint()
        ):
            return BuildResult(live, 0, 0, 0, time.monotonic() - started, skipped=True)
        # Left by a build that was killed (the lock says none is running).
        shutil.rmtree(root / "tmp", ignore_errors=True)
        folder = root / "tmp" / datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        folder.mkdir(parents=True)
        try:
            counts = _write_build(folder, progress, dense)
            (folder / COMPLETE).write_text(FORMAT)
            built = root / "builds" / folder.name
            built.parent.mkdir(exist_ok=True)
            folder.rename(built)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        _switch(built)
        _prune()
    return BuildResult(built, *counts, time.monotonic() - started)


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    with open(lock_path, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildInProgress("Une construction de l'index est déjà en cours.") from None
        yield  # released when the file closes


@dataclass
class _Corpus:
    """What a build reads from the database, in one consistent view."""

    fingerprint: str
    catalog: Catalog
    passage_kinds: list[str] = field(default_factory=list)
    passage_breadcrumbs: list[str] = field(default_factory=list)
    dense_rows: list[tuple[int, str]] = field(default_factory=list)  # (doc ordinal, text)


def _write_build(folder: Path, progress: bool, dense: bool) -> tuple[int, int, int]:
    corpus = _read_corpus(folder, progress)
    catalog = corpus.catalog
    vocabulary: Counter = Counter()
    passage_count = lexical.build(
        folder / "lexical", _indexed_passages(folder, corpus, progress, vocabulary)
    )
    save_vocabulary(folder, vocabulary)
    plain = PassageTexts(folder, PLAIN_TEXTS)
    write_texts(folder, plain, dictionary=sample_dictionary(plain))
    del plain
    for suffix in (".bin", ".offsets.npy"):
        (folder / f"{PLAIN_TEXTS}{suffix}").unlink()
    dense_count = _dense(folder, corpus.dense_rows, progress) if dense else 0
    catalog.save(folder)
    (folder / "fingerprint").write_text(corpus.fingerprint)
    return len(catalog.documents), passage_count, dense_count


@contextmanager
def _snapshot() -> Iterator[None]:
    """One transaction, so that every read sees the same corpus (SQLite: a read
    transaction; PostgreSQL: repeatable read)."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _read_corpus(folder: Path, progress: bool) -> _Corpus:
    """Documents, passages (their texts written into the build), relations."""
    with _snapshot():
        fingerprint = corpus_fingerprint()
        documents, ordinals, dense_rows = _read_documents(progress)
        corpus = _Corpus(fingerprint, Catalog(documents, np.zeros(0, np.int32)))
        corpus.dense_rows = dense_rows
        passage_doc: list[int] = []
        rows = Passage.objects.order_by("document_id", "position").values_list(
            "document_id", "idcc", "breadcrumb", "text"
        )

        def texts():
            for document_id, idcc, breadcrumb, text in tqdm(
                rows.iterator(chunk_size=5000),
                total=Passage.objects.count(),
                desc="Passages",
                unit=" passages",
                disable=not progress,
            ):
                doc = ordinals[document_id]
                passage_doc.append(doc)
                corpus.passage_kinds.append(passage_kind(documents[doc].kind, idcc))
                corpus.passage_breadcrumbs.append(breadcrumb)
                yield text

        write_texts(folder, texts(), PLAIN_TEXTS)
        corpus.catalog.passage_doc = np.array(passage_doc, dtype=np.int32)
        corpus.catalog.citations = _relation_pairs(corpus.catalog, RelationType.CITES)
        corpus.catalog.links = _relation_pairs(corpus.catalog, RelationType.LINKS_TO)
    return corpus


def _read_documents(progress: bool):
    """Catalog documents by ordinal (database order), the ordinal of each row id
    (only while building), and the dense texts of the documents that get a vector."""
    rows = Document.objects.order_by("id").values_list(
        "id", "key", "kind", "title", "slug", "idcc", "number", "breadcrumb", "text", "modified"
    )
    documents, ordinals, dense_rows = [], {}, []
    for pk, key, kind, title, slug, idcc, number, breadcrumb, text, modified in tqdm(
        rows.iterator(chunk_size=5000),
        total=Document.objects.count(),
        desc="Catalogue des documents",
        unit=" doc",
        disable=not progress,
    ):
        ordinals[pk] = len(documents)
        if kind in DENSE_KINDS:
            dense_rows.append((len(documents), dense_text(title, text)))
        documents.append(
            CatalogDocument(
                key=key,
                kind=kind,
                title=title,
                slug=slug,
                breadcrumb=" › ".join(breadcrumb or []),
                words=len(text.split()),
                modified=modified.isoformat() if modified else "",
                idcc=idcc,
                number=number,
                title_terms=analyze_to_string(title),
                breadcrumb_terms=analyze_to_string(" ".join(breadcrumb or [])),
            )
        )
    return documents, ordinals, dense_rows


def _indexed_passages(folder: Path, corpus: _Corpus, progress: bool, vocabulary: Counter):
    """Analysed passages for tantivy, from the build's own texts; counts the
    corpus words on the way (for typos)."""
    catalog = corpus.catalog
    texts = PassageTexts(folder, PLAIN_TEXTS)
    title_of, title_words = -1, []
    for ordinal, text in enumerate(
        tqdm(texts, total=len(texts), desc="Index lexical", unit=" passages", disable=not progress)
    ):
        doc_ordinal = int(catalog.passage_doc[ordinal])
        if doc_ordinal != title_of:  # passages come grouped by document
            title_of, title_words = doc_ordinal, words(catalog.documents[doc_ordinal].title)
        text_words = words(text)
        vocabulary.update(text_words)
        yield lexical.IndexedPassage(
            ordinal=ordinal,
            kind=corpus.passage_kinds[ordinal],
            title=catalog.documents[doc_ordinal].title_terms,
            breadcrumb=analyze_to_string(corpus.passage_breadcrumbs[ordinal]),
            text=" ".join(stem_words(text_words)),
            prefix=" ".join(prefixes(title_words + text_words)),
        )


def _relation_pairs(catalog: Catalog, relation_type: RelationType) -> np.ndarray:
    """(source, target) document ordinal pairs of one type of relation recorded at
    ingestion (citations of code articles, links between fiches), both ends held."""
    pairs = set()
    rows = Relation.objects.filter(type=relation_type).values_list("document__key", "target_key")
    for source_key, target_key in rows.iterator(chunk_size=5000):
        source, target = catalog.by_key[source_key], catalog.by_key.get(target_key)
        if target is not None and target != source:
            pairs.add((source, target))
    return np.array(sorted(pairs), dtype=np.int32).reshape(-1, 2)


def _dense(folder: Path, rows: list[tuple[int, str]], progress: bool) -> int:
    row_doc = np.array([doc for doc, _ in rows], dtype=np.int32)
    texts = [text for _, text in rows]
    cache = EmbeddingCache(index_root() / "embeddings")
    with tqdm(
        total=len(texts), desc="Index dense (USE)", unit=" docs", disable=not progress
    ) as bar:
        matrix = cache.embed(texts, Encoder(), bar.update)
    cache.save(keep={text_hash(t) for t in texts})
    save_dense(folder, matrix, row_doc)
    return len(row_doc)


def _point(link: Path, target: Path) -> None:
    """Make `link` a symlink to `target`, atomically (rename over the old link)."""
    tmp = link.with_name(link.name + ".tmp")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(target, link.parent), tmp)
    os.replace(tmp, link)


def _switch(folder: Path) -> None:
    """`current` -> the new build; `previous` -> the build that was live."""
    live = current_build()
    _point(index_root() / "current", folder)
    if live is not None and live != folder.resolve():
        _point(index_root() / "previous", live)


def _prune() -> None:
    """Delete the builds that are neither current nor previous. Only complete
    builds are ever in builds/ (a build is written in tmp/ and moved there
    once complete), so a failed build can never push out a good one."""
    keep = {current_build(), previous_build()}
    for folder in (index_root() / "builds").iterdir():
        if folder.resolve() not in keep:
            shutil.rmtree(folder, ignore_errors=True)
