"""Corpus vocabulary for typo tolerance and "vouliez-vous dire" suggestions."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

MIN_COUNT = 3
MIN_LENGTH = 4


def save_vocabulary(folder: Path, counts: Counter) -> None:
    kept = {
        w: c
        for w, c in counts.items()
        if c >= MIN_COUNT and len(w) >= MIN_LENGTH and not w.isdigit()
    }
    (folder / "vocabulary.json").write_text(json.dumps(kept))


class Vocabulary:
    def __init__(self, counts: dict[str, int]):
        self.counts = counts
        # Typos rarely touch the first letter: compare only with words sharing it.
        self.by_initial: dict[str, list[str]] = {}
        for word in counts:
            self.by_initial.setdefault(word[0], []).append(word)

    @classmethod
    def load(cls, folder: Path) -> Vocabulary:
        path = folder / "vocabulary.json"
        return cls(json.loads(path.read_text()) if path.exists() else {})

    def correct(self, word: str) -> str | None:
        """The most frequent known word within 1 edit (2 for long words), if `word` is unknown."""
        if len(word) < MIN_LENGTH or word in self.counts or word.isdigit():
            return None
        max_distance = 1 if len(word) <= 6 else 2
        candidates = process.extract(
            word,
            self.by_initial.get(word[0], []),
            scorer=Levenshtein.distance,
            score_cutoff=max_distance,
            limit=20,
        )
        if not candidates:
            return None
        best = min(candidates, key=lambda c: (c[1], -self.counts[c[0]]))
        return best[0]
