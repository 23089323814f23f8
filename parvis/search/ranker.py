"""The learned ranker (LightGBM LambdaRank): a small model file, trained by
`manage.py train_ranker`, loaded by the server. Ranking works without it
(reciprocal-rank fusion of the lexical and dense ranks)."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import numpy as np

from parvis.search.features import FEATURE_NAMES

logger = logging.getLogger(__name__)

MODEL_FILE = Path(__file__).parent / "models" / "ranker.txt"


class Ranker:
    def __init__(self, booster):
        self.booster = booster
        # Identifies the model in cache keys: a retrained model answers afresh.
        self.fingerprint = hashlib.sha1(booster.model_to_string().encode()).hexdigest()[:16]

    @classmethod
    def load(cls, path: Path) -> Ranker:
        import lightgbm

        return cls(lightgbm.Booster(model_file=str(path)))

    @classmethod
    def load_default(cls) -> Ranker | None:
        """The shipped model, unless it was trained on other features (then: fusion)."""
        if not MODEL_FILE.exists():
            return None
        ranker = cls.load(MODEL_FILE)
        if ranker.booster.feature_name() != FEATURE_NAMES:
            logger.warning("ranker model %s does not match the features; not used", MODEL_FILE)
            return None
        return ranker

    def score(self, rows: list[list[float]]) -> list[float]:
        return self.booster.predict(np.asarray(rows, dtype=np.float64), num_threads=1).tolist()
