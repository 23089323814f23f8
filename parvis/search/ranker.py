"""The learned ranker (LightGBM LambdaRank): a small model file, trained by
`manage.py train_ranker`, loaded by the server. Ranking works without it
(reciprocal-rank fusion of the lexical and dense ranks)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).parent / "models" / "ranker.txt"


class Ranker:
    def __init__(self, booster):
        self.booster = booster

    @classmethod
    def load(cls, path: Path) -> Ranker:
        import lightgbm

        return cls(lightgbm.Booster(model_file=str(path)))

    @classmethod
    def load_default(cls) -> Ranker | None:
        return cls.load(MODEL_FILE) if MODEL_FILE.exists() else None

    def score(self, rows: list[list[float]]) -> list[float]:
        return self.booster.predict(np.asarray(rows, dtype=np.float64), num_threads=1).tolist()
