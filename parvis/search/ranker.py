"""The learned ranker (LightGBM LambdaRank, two stages): small model files,
trained by `manage.py train_ranker`, loaded by the server.

The first stage scores each candidate from its own features; the second reads
the first stage's scores and the links between candidates (graph.py). Without
the second model the first stage's order is used; without any model, ranking
is a reciprocal-rank fusion of the lexical and dense ranks.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import numpy as np

from parvis.search.features import FEATURE_NAMES
from parvis.search.graph import NEIGHBOUR_FEATURE_NAMES, DocumentGraph, second_stage_input

logger = logging.getLogger(__name__)

MODELS = Path(__file__).parent / "models"
MODEL_FILE = MODELS / "ranker.txt"
RERANKER_FILE = MODELS / "reranker.txt"
RERANK_FEATURE_NAMES = FEATURE_NAMES + NEIGHBOUR_FEATURE_NAMES


class Ranker:
    def __init__(self, booster, reranker=None):
        self.booster = booster
        self.reranker = reranker
        # Identifies the models in cache keys: retrained models answer afresh.
        models = booster.model_to_string() + (reranker.model_to_string() if reranker else "")
        self.fingerprint = hashlib.sha1(models.encode()).hexdigest()[:16]

    @classmethod
    def load_default(cls) -> Ranker | None:
        """The shipped models, unless trained on other features (then: fusion,
        or the first stage alone)."""
        first = _load(MODEL_FILE, FEATURE_NAMES)
        if first is None:
            return None
        return cls(first, _load(RERANKER_FILE, RERANK_FEATURE_NAMES))

    def score(self, rows: list[list[float]], docs: list[int], graph: DocumentGraph) -> np.ndarray:
        features = np.asarray(rows, dtype=np.float64)
        first = self.booster.predict(features, num_threads=1)
        if self.reranker is None:
            return first
        second = second_stage_input(features, docs, first, graph)
        return self.reranker.predict(second, num_threads=1)


def _load(path: Path, feature_names: list[str]):
    import lightgbm

    if not path.exists():
        return None
    booster = lightgbm.Booster(model_file=str(path))
    if booster.feature_name() != feature_names:
        logger.warning("ranker model %s does not match the features; not used", path)
        return None
    return booster
