"""Build the search indexes from the database, beside the live ones, then switch.

Layout under <data dir>/index/: builds/<id>/ (lexical/, catalog files, dense
matrix), `current` (a symlink switched atomically to the new build; the previous
build is kept for rollback), embeddings/ (the embedding cache).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings
from tqdm import tqdm

from parvis.corpus.enums import Kind, RelationType
from parvis.corpus.links import document_url
from parvis.corpus.models import Document, Passage, Relation
from parvis.search import lexical
from parvis.search.analysis import analyze_to_string, prefixes, stem_words, words
from parvis.search.catalog import Catalog, CatalogDocument
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
KEEP_BUILDS = 2


def index_root() -> Path:
    return Path(settings.DATA_DIR) / "index"


def current_build() -> Path | None:
    link = index_root() / "current"
    return link.resolve() if link.exists() else None


def corpus_fingerprint() -> str:
    """Changes whenever a document is added, removed or changed."""
    digest = hashlib.sha256()
    for key, content_hash in Document.objects.order_by("key").values_list("key", "content_hash"):
        digest.update(f"{key}={content_hash};".encode())
    return digest.hexdigest()


def dense_text(title: str, text: str) -> str:
    return f"{title}. {' '.join(text.split()[:DENSE_WORDS])}"


@dataclass
class BuildResult:
    path: Path
    documents: int
    passages: int
    dense: int
    seconds: float
    skipped: bool = False


def build_indexes(progress: bool = True, force: bool = False, dense: bool = True) -> BuildResult:
    started = time.monotonic()
    fingerprint = corpus_fingerprint()
    live = current_build()
    if (
        live
        and not force
        and (live / "fingerprint").exists()
        and (live / "fingerprint").read_text() == fingerprint
    ):
        return BuildResult(live, 0, 0, 0, time.monotonic() - started, skipped=True)

    folder = index_root() / "builds" / time.strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=False)
    catalog = _catalog(progress)
    vocabulary: Counter = Counter()
    passage_count = lexical.build(
        folder / "lexical", _indexed_passages(catalog, progress, vocabulary)
    )
    save_vocabulary(folder, vocabulary)
    dense_count = _dense(folder, catalog, progress) if dense else 0
    catalog.citations = _relation_pairs(catalog, RelationType.CITES)
    catalog.links = _relation_pairs(catalog, RelationType.LINKS_TO)
    catalog.save(folder)
    (folder / "fingerprint").write_text(fingerprint)
    _switch(folder)
    return BuildResult(
        folder, len(catalog.documents), passage_count, dense_count, time.monotonic() - started
    )


def _catalog(progress: bool) -> Catalog:
    rows = Document.objects.order_by("id").values_list(
        "id", "key", "kind", "title", "slug", "idcc", "breadcrumb", "text", "modified"
    )
    documents, ordinals = [], {}
    for pk, key, kind, title, slug, idcc, breadcrumb, text, modified in tqdm(
        rows.iterator(chunk_size=5000),
        total=Document.objects.count(),
        desc="Catalogue des documents",
        unit=" doc",
        disable=not progress,
    ):
        ordinals[pk] = len(documents)
        documents.append(
            CatalogDocument(
                key=key,
                kind=kind,
                title=title,
                url=document_url(kind, slug, idcc),
                breadcrumb=" › ".join(breadcrumb or []),
                words=len(text.split()),
                year=modified.year if modified else 0,
                idcc=idcc,
                title_terms=analyze_to_string(title),
                breadcrumb_terms=analyze_to_string(" ".join(breadcrumb or [])),
            )
        )
    passages = Passage.objects.order_by("document_id", "position").values_list("id", "document_id")
    pairs = np.array(list(passages.iterator(chunk_size=20000)), dtype=np.int64).reshape(-1, 2)
    passage_doc = np.array([ordinals[d] for d in pairs[:, 1]], dtype=np.int32)
    return Catalog(documents, passage_doc, pairs[:, 0].copy())


def passage_kind(kind: str, idcc: str) -> str:
    """Agreement-specific answers of a Q&A get their own kind: general search skips them."""
    if kind == Kind.CONTRIBUTION and idcc:
        return AGREEMENT_ANSWER
    return kind


def _indexed_passages(catalog: Catalog, progress: bool, vocabulary: Counter):
    """Analysed passages for tantivy; counts the corpus words on the way (for typos)."""
    rows = Passage.objects.order_by("document_id", "position").values_list(
        "idcc", "breadcrumb", "text"
    )
    bar = tqdm(
        total=len(catalog.passage_ids), desc="Index lexical", unit=" passages", disable=not progress
    )
    title_of, title_words = -1, []
    with bar:
        for ordinal, (idcc, breadcrumb, text) in enumerate(rows.iterator(chunk_size=5000)):
            doc_ordinal = int(catalog.passage_doc[ordinal])
            doc = catalog.documents[doc_ordinal]
            if doc_ordinal != title_of:  # passages come grouped by document
                title_of, title_words = doc_ordinal, words(doc.title)
            bar.update(1)
            text_words = words(text)
            vocabulary.update(text_words)
            yield lexical.IndexedPassage(
                ordinal=ordinal,
                kind=passage_kind(doc.kind, idcc),
                title=doc.title_terms,
                breadcrumb=analyze_to_string(breadcrumb),
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


def _dense(folder: Path, catalog: Catalog, progress: bool) -> int:
    wanted = {
        catalog.by_key[key]: (title, text)
        for key, title, text in Document.objects.filter(kind__in=DENSE_KINDS).values_list(
            "key", "title", "text"
        )
    }
    row_doc = np.array(sorted(wanted), dtype=np.int32)
    texts = [dense_text(*wanted[int(i)]) for i in row_doc]
    cache = EmbeddingCache(index_root() / "embeddings")
    with tqdm(
        total=len(texts), desc="Index dense (USE)", unit=" docs", disable=not progress
    ) as bar:
        matrix = cache.embed(texts, Encoder(), bar.update)
    cache.save(keep={text_hash(t) for t in texts})
    save_dense(folder, matrix, row_doc)
    return len(row_doc)


def _switch(folder: Path) -> None:
    """Point `current` to the new build atomically; keep the previous builds for rollback."""
    root = index_root()
    tmp = root / "current.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(folder.relative_to(root), tmp)
    os.replace(tmp, root / "current")
    builds = sorted((root / "builds").iterdir())
    for old in builds[:-KEEP_BUILDS]:
        shutil.rmtree(old, ignore_errors=True)
