"""Links between documents and the second-stage ranking features they give.

Editors answer a question with a set of documents that point at each other: a
service-public fiche, the code articles it cites, the fiches it links to. So a
candidate near the first stage's best results is more likely relevant, and a
second ranker (`Ranker.score`) reads that from these features.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# Second-stage features, appended to the first stage's (FEATURE_NAMES).
NEIGHBOUR_FEATURE_NAMES = [
    "first_score",  # the first stage's score
    "first_rank",
    "first_gap",  # how far below the first stage's best
    "top_cites_me",  # the best results cite this document (weighted by 1/rank)
    "i_cite_top",  # this document cites the best results
    "linked_to_top",  # fiche links with the best results
    "cites_as_top",  # cites an article that a best result cites too
    "cited_with_top",  # cited by a document that also cites a best result
    "best_neighbour",  # first-stage score of its best neighbour among the candidates
    "best_neighbour_gap",
    "neighbours_in_top10",
    "neighbour_mass",  # sum of exp(score - best) over its neighbours
]
TOP = 5  # how many first-stage results count as "the best results"
EMPTY: frozenset[int] = frozenset()


@dataclass
class DocumentGraph:
    cites: dict[int, frozenset[int]]  # citing document -> cited articles
    cited_by: dict[int, frozenset[int]]  # article -> documents citing it
    linked: dict[int, frozenset[int]]  # fiche <-> fiches it links to or is linked from

    @classmethod
    def from_pairs(cls, citations: np.ndarray, links: np.ndarray) -> DocumentGraph:
        return cls(
            cites=_adjacency(citations),
            cited_by=_adjacency(citations[:, ::-1]),
            linked=_adjacency(np.vstack([links, links[:, ::-1]])),
        )

    def neighbours(self, doc: int) -> frozenset[int]:
        return (
            self.cites.get(doc, EMPTY) | self.cited_by.get(doc, EMPTY) | self.linked.get(doc, EMPTY)
        )


def _adjacency(pairs: np.ndarray) -> dict[int, frozenset[int]]:
    near: dict[int, set[int]] = {}
    for a, b in pairs.tolist():
        near.setdefault(a, set()).add(b)
    return {doc: frozenset(others) for doc, others in near.items()}


def second_stage_input(
    features: np.ndarray, docs: list[int], first: np.ndarray, graph: DocumentGraph
) -> np.ndarray:
    """The second stage's columns: the first stage's features, then the neighbour
    features (one place, so that training and serving cannot drift apart)."""
    return np.hstack([features, neighbour_features(docs, first, graph)])


def neighbour_features(docs: list[int], first: np.ndarray, graph: DocumentGraph) -> np.ndarray:
    """One row of NEIGHBOUR_FEATURE_NAMES per candidate, from the first-stage scores.

    Plain Python over lists: a few hundred candidates with mostly empty link
    sets, where numpy's per-call overhead would cost more than the work."""
    scores = first.tolist()
    order = sorted(range(len(scores)), key=lambda i: -scores[i])  # stable, like argsort
    rank = [0] * len(scores)
    for r, i in enumerate(order):
        rank[i] = r
    best = scores[order[0]]
    top = [
        (docs[i], 1 / (r + 1), graph.cites.get(docs[i], EMPTY), graph.cited_by.get(docs[i], EMPTY))
        for r, i in enumerate(order[:TOP])
    ]
    position = {doc: i for i, doc in enumerate(docs)}
    rows = []
    for i, doc in enumerate(docs):
        cites, cited_by = graph.cites.get(doc, EMPTY), graph.cited_by.get(doc, EMPTY)
        linked = graph.linked.get(doc, EMPTY)
        top_cites_me = i_cite_top = linked_to_top = cites_as_top = cited_with_top = 0.0
        for other, weight, other_cites, other_cited_by in top:
            if other == doc:
                continue
            if doc in other_cites:
                top_cites_me += weight
            if other in cites:
                i_cite_top += weight
            if other in linked:
                linked_to_top += weight
            if cites and not cites.isdisjoint(other_cites):
                cites_as_top += weight
            if cited_by and not cited_by.isdisjoint(other_cited_by):
                cited_with_top += weight
        near = (
            [position[n] for n in cites | cited_by | linked if n in position]
            if cites or cited_by or linked
            else []
        )
        if near:
            best_neighbour = max(scores[j] for j in near)
            in_top10 = sum(rank[j] < 10 for j in near)
            mass = sum(math.exp(scores[j] - best) for j in near)
        else:
            best_neighbour, in_top10, mass = -10.0, 0, 0.0
        rows.append(
            (
                scores[i],
                rank[i],
                best - scores[i],
                top_cites_me,
                i_cite_top,
                linked_to_top,
                cites_as_top,
                cited_with_top,
                best_neighbour,
                best_neighbour - best,
                in_top10,
                mass,
            )
        )
    return np.array(rows, dtype=np.float64).reshape(-1, len(NEIGHBOUR_FEATURE_NAMES))
