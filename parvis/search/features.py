"""Document-level features for the learned ranker, from lexical and dense evidence.

Kept in one list so that training (bench/, `train_ranker`) and serving compute
exactly the same columns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

KINDS = [
    "code_du_travail",
    "code_securite_sociale",
    "convention_collective",
    "article_convention",
    "fiche_service_public",
    "fiche_ministere_travail",
    "contribution",
]

FEATURE_NAMES = [
    "lex_best",
    "lex_top3",
    "lex_rank",
    "lex_passages",
    "bm25_title",
    "bm25_breadcrumb",
    "bm25_text",
    "dense_sim",
    "dense_rank",
    "title_coverage",
    "breadcrumb_coverage",
    "phrase",
    "kind",
    "log_words",
    "year",
    "query_terms",
    "rrf",
]
CATEGORICAL = ["kind"]
NO_RANK = 1000


@dataclass
class Candidate:
    doc: int
    lex_scores: list[float] = field(default_factory=list)
    lex_rank: int = NO_RANK
    best_passage: int = -1
    bm25: dict[str, float] = field(default_factory=dict)
    dense_sim: float = 0.0
    dense_rank: int = NO_RANK
    phrase: bool = False

    @property
    def lex_best(self) -> float:
        return max(self.lex_scores, default=0.0)

    def rrf(self, k: int = 60) -> float:
        return 1 / (k + self.lex_rank) + 1 / (k + self.dense_rank)


def coverage(query_terms: list[str], analysed: set[str]) -> float:
    if not query_terms:
        return 0.0
    return sum(term in analysed for term in query_terms) / len(query_terms)


def feature_row(
    candidate: Candidate,
    document,
    query_terms: list[str],
    title_terms: set[str],
    breadcrumb_terms: set[str],
) -> list[float]:
    top3 = sorted(candidate.lex_scores, reverse=True)[:3]
    return [
        candidate.lex_best,
        sum(top3),
        float(candidate.lex_rank),
        float(len(candidate.lex_scores)),
        candidate.bm25.get("title", 0.0),
        candidate.bm25.get("breadcrumb", 0.0),
        candidate.bm25.get("text", 0.0),
        candidate.dense_sim,
        float(candidate.dense_rank),
        coverage(query_terms, title_terms),
        coverage(query_terms, breadcrumb_terms),
        float(candidate.phrase),
        float(KINDS.index(document.kind)),
        math.log1p(document.words),
        float(document.year),
        float(len(query_terms)),
        candidate.rrf(),
    ]
