"""Train the LightGBM LambdaRank ranker on a relevance set, with cross-validation
by topic: the reported scores are always on topics the model did not see."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from parvis.search.evaluation import EvalQuery, score
from parvis.search.features import CATEGORICAL, FEATURE_NAMES
from parvis.search.graph import DocumentGraph, second_stage_input
from parvis.search.ranker import RERANK_FEATURE_NAMES

PARAMS = {
    "objective": "lambdarank",
    "metric": "ndcg",
    "ndcg_eval_at": [10],
    "learning_rate": 0.05,
    "num_leaves": 15,  # small trees: 175 topics are few (31: -0.003 nDCG@10)
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
ALL_COLUMNS = list(range(len(FEATURE_NAMES)))


@dataclass
class QueryCandidates:
    query: EvalQuery
    keys: list[str]
    docs: list[int]  # document ordinals of the candidates
    features: np.ndarray  # (candidates, features)
    labels: np.ndarray


def collect(engine, queries: list[EvalQuery], advance: Callable[[int], object] = lambda n: None):
    """Candidates and features of every query (what the server computes)."""
    collected = []
    for query in queries:
        candidates, terms, _ = engine.candidates(query.text)
        docs = [c.doc for c in candidates]
        keys = [engine.catalog.documents[doc].key for doc in docs]
        rows = engine.features(candidates, terms, query.text) if candidates else []
        features = np.asarray(rows, dtype=np.float64).reshape(-1, len(FEATURE_NAMES))
        relevant = set(query.relevant)
        labels = np.array([key in relevant for key in keys], dtype=np.int32)
        collected.append(QueryCandidates(query, keys, docs, features, labels))
        advance(1)
    return collected


def topic_weights(items: list[QueryCandidates]) -> list[float]:
    """One training weight per query: 1/sqrt(phrasings of its topic).

    The metric averages over topics, and topics have from 1 to 101 phrasings:
    unweighted, a few much-typed topics would drive the training. The square
    root (rather than 1/n) keeps part of the evidence that many phrasings give.
    Scaled to a mean of 1 so that LightGBM's hessian-based leaf limits keep their scale."""
    per_topic = Counter(i.query.topic for i in items)
    weights = np.array([per_topic[i.query.topic] ** -0.5 for i in items])
    return (weights / weights.mean()).tolist() if len(items) else []


def _train(items: list[QueryCandidates], columns: list[int]):
    items = [i for i in items if len(i.keys)]
    names = [FEATURE_NAMES[c] for c in columns]
    return _fit(
        [i.features[:, columns] for i in items],
        [i.labels for i in items],
        names,
        topic_weights(items),
    )


def _fit(
    matrices: list[np.ndarray], labels: list[np.ndarray], names: list[str], weights: list[float]
):
    """A LambdaRank model on per-query feature matrices, labels and query weights."""
    import lightgbm

    dataset = lightgbm.Dataset(
        np.vstack(matrices),
        np.concatenate(labels),
        weight=np.repeat(weights, [len(y) for y in labels]),
        group=[len(y) for y in labels],
        feature_name=names,
        categorical_feature=[n for n in names if n in CATEGORICAL],
        free_raw_data=False,
    )
    return lightgbm.train(PARAMS, dataset, num_boost_round=ROUNDS)


def fold_of(topic: str, folds: int, salt: str = "") -> int:
    """Deterministic fold of a topic (all phrasings of a topic stay together)."""
    return sum((topic + salt).encode()) % folds


def run_from_scores(items, scores_of) -> dict[str, list[tuple[str, float]]]:
    run = {}
    for item in items:
        scores = scores_of(item)
        order = np.argsort(-np.asarray(scores), kind="stable")
        run[item.query.qid] = [(item.keys[i], float(scores[i])) for i in order]
    return run


def cross_validate(items: list[QueryCandidates], folds: int = 5, columns=None) -> dict:
    """Metrics of a ranker trained on the other folds' topics, for each fold's queries."""
    columns = ALL_COLUMNS if columns is None else columns
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


def train_final(items: list[QueryCandidates], graph: DocumentGraph):
    """Both stages on every topic: the first stage, and the second trained on
    out-of-fold first-stage scores (as it will see them on new queries)."""
    items = [i for i in items if len(i.keys)]
    first = _train(items, ALL_COLUMNS)
    return first, _train_second(items, out_of_fold_scores(items), graph)


def out_of_fold_scores(items: list[QueryCandidates], folds: int = 4) -> dict[int, np.ndarray]:
    """First-stage scores of each query from a model that did not see its topic."""
    scores = {}
    for fold in range(folds):
        train = [i for i in items if fold_of(i.query.topic, folds, "inner") != fold]
        model = _train(train, ALL_COLUMNS)
        for item in items:
            if fold_of(item.query.topic, folds, "inner") == fold:
                scores[id(item)] = model.predict(item.features)
    return scores


def _train_second(items, first_scores: dict[int, np.ndarray], graph: DocumentGraph):
    matrices = [second_stage_input(i.features, i.docs, first_scores[id(i)], graph) for i in items]
    return _fit(matrices, [i.labels for i in items], RERANK_FEATURE_NAMES, topic_weights(items))


def cross_validate_two_stages(
    items: list[QueryCandidates], graph, folds: int = 5
) -> tuple[dict, dict]:
    """Metrics of the first stage alone and of both stages, trained on the other
    folds' topics (the second stage on inner out-of-fold first-stage scores),
    for each fold's queries. One pass: the first-stage models serve both rows."""
    queries = [i.query for i in items]
    items = [i for i in items if len(i.keys)]
    first_run, both_run = {}, {}
    for fold in range(folds):
        train = [i for i in items if fold_of(i.query.topic, folds) != fold]
        test = [i for i in items if fold_of(i.query.topic, folds) == fold]
        first = _train(train, ALL_COLUMNS)
        second = _train_second(train, out_of_fold_scores(train), graph)
        first_scores = {id(i): first.predict(i.features) for i in test}
        first_run.update(run_from_scores(test, lambda i, f=first_scores: f[id(i)]))
        both_run.update(
            run_from_scores(
                test,
                lambda i, s=second, f=first_scores: s.predict(
                    second_stage_input(i.features, i.docs, f[id(i)], graph)
                ),
            )
        )
    return score(queries, first_run), score(queries, both_run)
