"""Train the LightGBM LambdaRank ranker on a relevance set, with cross-validation
by topic: the reported scores are always on topics the model did not see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from parvis.search.evaluation import EvalQuery, score
from parvis.search.features import CATEGORICAL, FEATURE_NAMES

PARAMS = {
    "objective": "lambdarank",
    "metric": "ndcg",
    "ndcg_eval_at": [10],
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_data_in_leaf": 50,
    "feature_fraction": 0.9,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambdarank_truncation_level": 20,
    "num_threads": 2,
    "verbose": -1,
    "seed": 7,
    "deterministic": True,
}
ROUNDS = 300


@dataclass
class QueryCandidates:
    query: EvalQuery
    keys: list[str]
    features: np.ndarray  # (candidates, features)
    labels: np.ndarray


def collect(engine, queries: list[EvalQuery], advance: Callable[[int], object] = lambda n: None):
    """Candidates and features of every query (what the server computes)."""
    collected = []
    for query in queries:
        candidates, terms, _ = engine.candidates(query.text)
        keys = [engine.catalog.documents[c.doc].key for c in candidates]
        rows = engine.features(candidates, terms, query.text) if candidates else []
        features = np.asarray(rows, dtype=np.float64).reshape(-1, len(FEATURE_NAMES))
        relevant = set(query.relevant)
        labels = np.array([key in relevant for key in keys], dtype=np.int32)
        collected.append(QueryCandidates(query, keys, features, labels))
        advance(1)
    return collected


def _train(items: list[QueryCandidates], columns: list[int]):
    import lightgbm

    items = [i for i in items if len(i.keys)]
    X = np.vstack([i.features[:, columns] for i in items])
    y = np.concatenate([i.labels for i in items])
    names = [FEATURE_NAMES[c] for c in columns]
    dataset = lightgbm.Dataset(
        X,
        y,
        group=[len(i.keys) for i in items],
        feature_name=names,
        categorical_feature=[n for n in names if n in CATEGORICAL],
        free_raw_data=False,
    )
    return lightgbm.train(PARAMS, dataset, num_boost_round=ROUNDS)


def fold_of(topic: str, folds: int) -> int:
    """Deterministic fold of a topic (all phrasings of a topic stay together)."""
    return sum(topic.encode()) % folds


def run_from_scores(items, scores_of) -> dict[str, list[tuple[str, float]]]:
    run = {}
    for item in items:
        scores = scores_of(item)
        order = np.argsort(-np.asarray(scores), kind="stable")
        run[item.query.qid] = [(item.keys[i], float(scores[i])) for i in order]
    return run


def cross_validate(items: list[QueryCandidates], folds: int = 5, columns=None) -> dict:
    """Metrics of a ranker trained on the other folds' topics, for each fold's queries."""
    columns = list(range(len(FEATURE_NAMES))) if columns is None else columns
    run = {}
    for fold in range(folds):
        train = [i for i in items if fold_of(i.query.topic, folds) != fold]
        test = [i for i in items if fold_of(i.query.topic, folds) == fold]
        model = _train(train, columns)
        run.update(
            run_from_scores(
                test, lambda i, m=model: m.predict(i.features[:, columns]) if len(i.keys) else []
            )
        )
    return score([i.query for i in items], run)


def baseline(items: list[QueryCandidates], feature: str, higher_is_better: bool = True) -> dict:
    """Metrics when ranking by one feature (e.g. lexical rank alone)."""
    column = FEATURE_NAMES.index(feature)
    sign = 1 if higher_is_better else -1
    run = run_from_scores(items, lambda i: sign * i.features[:, column] if len(i.keys) else [])
    return score([i.query for i in items], run)


def train_final(items: list[QueryCandidates]):
    return _train(items, list(range(len(FEATURE_NAMES))))
