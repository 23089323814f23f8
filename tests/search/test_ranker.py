"""The learned ranker: both stages trained and cross-validated on a relevance set
drawn from the fixture corpus, saved, reloaded and used by the engine."""

import numpy as np
import pytest

from parvis.search import training
from parvis.search.evaluation import EvalQuery
from parvis.search.features import FEATURE_NAMES, document_priors
from parvis.search.graph import NEIGHBOUR_FEATURE_NAMES, DocumentGraph, neighbour_features
from parvis.search.ranker import RERANK_FEATURE_NAMES, Ranker, _load

pytestmark = pytest.mark.django_db


@pytest.fixture
def fiche_queries(search_engine):
    """One topic per fiche or answer: its title as the query, the document and
    those it cites or links to as the relevant ones (as editors pick)."""
    catalog = search_engine.catalog
    queries = []
    for ordinal, doc in enumerate(catalog.documents):
        if doc.kind not in ("fiche_service_public", "fiche_ministere_travail", "contribution"):
            continue
        near = sorted(catalog.graph.neighbours(ordinal))
        relevant = [doc.key] + [catalog.documents[n].key for n in near]
        for n, text in enumerate((doc.title, " ".join(doc.title.split()[:3]))):
            queries.append(EvalQuery(f"{doc.key}-{n}", doc.key, text, relevant))
    assert len(queries) >= 10
    return queries


def test_two_stages_are_cross_validated_trained_and_served(search_engine, fiche_queries, tmp_path):
    items = training.collect(search_engine, fiche_queries)
    assert all(i.features.shape == (len(i.docs), len(FEATURE_NAMES)) for i in items)
    assert any(i.labels.sum() for i in items)

    first_stage, metrics = training.cross_validate_two_stages(
        items, search_engine.catalog.graph, folds=3
    )
    # the first stage alone is the same model as a plain cross-validation's
    assert first_stage == training.cross_validate(items, folds=3)
    assert set(metrics) == {"S@1", "S@3", "R@10", "nDCG@10", "MRR@10"}
    assert all(0.0 <= value <= 1.0 for value in metrics.values())
    assert metrics["S@3"] > 0  # a fiche's own title finds it

    first, second = training.train_final(items, search_engine.catalog.graph)
    first.save_model(str(tmp_path / "ranker.txt"))
    second.save_model(str(tmp_path / "reranker.txt"))
    ranker = Ranker(
        _load(tmp_path / "ranker.txt", FEATURE_NAMES),
        _load(tmp_path / "reranker.txt", RERANK_FEATURE_NAMES),
    )
    assert ranker.reranker is not None
    # a model trained on other features is refused
    assert _load(tmp_path / "ranker.txt", RERANK_FEATURE_NAMES) is None

    item = next(i for i in items if len(i.docs) > 1)
    scores = ranker.score(item.features.tolist(), item.docs, search_engine.catalog.graph)
    assert scores.shape == (len(item.docs),) and np.isfinite(scores).all()


def test_neighbour_features_see_the_links_of_the_best_results():
    # 0 (a fiche) cites articles 1 and 2 and links to fiche 3; 4 is unrelated
    graph = DocumentGraph.from_pairs(np.array([[0, 1], [0, 2]]), np.array([[0, 3]]))
    docs = [0, 1, 2, 3, 4]
    first = np.array([3.0, 1.0, 0.5, 0.2, 2.0])
    rows = neighbour_features(docs, first, graph)
    column = {name: i for i, name in enumerate(NEIGHBOUR_FEATURE_NAMES)}
    assert rows[1, column["top_cites_me"]] == 1.0  # cited by the best result
    assert rows[4, column["top_cites_me"]] == 0.0
    assert rows[0, column["i_cite_top"]] > 0  # cites articles ranked in the top 5
    assert rows[3, column["linked_to_top"]] == 1.0
    assert rows[1, column["cites_as_top"]] == 0.0 and rows[2, column["cited_with_top"]] > 0
    assert rows[1, column["best_neighbour"]] == 3.0 and rows[4, column["best_neighbour"]] == -10
    assert rows[0, column["first_gap"]] == 0.0 and rows[4, column["first_rank"]] == 1


def test_document_priors(search_engine):
    kinds = {}
    for doc in search_engine.catalog.documents:
        kinds.setdefault(doc.kind, document_priors(doc))
    assert kinds["fiche_service_public"][0] > 0 and kinds["fiche_service_public"][1] > 0
    assert kinds["code_du_travail"][2] in (1.0, 2.0, 3.0)
    assert kinds["contribution"] == (0.0, 0.0, 0.0)


def test_a_much_typed_topic_weighs_less_per_phrasing():
    def item(topic, n):
        return training.QueryCandidates(
            EvalQuery(f"{topic}#{n}", topic, "q", ["k"]), [], [], np.empty((0, 0)), np.empty(0)
        )

    # "a" is typed four ways, "b" once: each phrasing of "a" weighs half as much
    items = [item("a", n) for n in range(4)] + [item("b", 0)]
    weights = training.topic_weights(items)
    assert weights[0] == pytest.approx(weights[4] / 2)
    assert np.mean(weights) == pytest.approx(1.0)
    assert training.topic_weights([]) == []
