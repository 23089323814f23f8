"""Document-level features for the learned ranker, from lexical and dense evidence.

Kept in one list so that training (bench/, `train_ranker`) and serving compute
exactly the same columns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from parvis.corpus.enums import CODE_KINDS, Kind

# One-hot columns, in the order the shipped models were trained with.
KINDS = [
    Kind.CODE_DU_TRAVAIL,
    Kind.CODE_SECURITE_SOCIALE,
    Kind.CONVENTION_COLLECTIVE,
    Kind.ARTICLE_CONVENTION,
    Kind.FICHE_SERVICE_PUBLIC,
    Kind.FICHE_MINISTERE_TRAVAIL,
    Kind.CONTRIBUTION,
]

FEATURE_NAMES = [
    "lex_best",
    "lex_top3",
    "lex_rank",
    "lex_passages",
    "bm25_title",
    "bm25_breadcrumb",
    "bm25_text",
    "bm25_prefix",
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
    "cited_score",
    "cited_count",
    "in_degree",
    "fiche_letter",
    "title_match",
    "fiche_links",
    "fiche_theme",
    "fiche_audience",
    "article_letter",
]
CATEGORICAL = ["kind", "fiche_letter", "fiche_theme", "fiche_audience", "article_letter"]
FICHE_LETTERS = {"F": 1, "N": 2, "R": 3}
# service-public.fr themes (second level of a fiche's breadcrumb) that matter
# to labour questions; other themes share one value.
FICHE_THEMES = {"Travail": 1, "Ressources humaines": 2, "Services en ligne et formulaires": 3}
FICHE_AUDIENCES = {"particuliers": 1, "professionnels": 2, "associations": 3}
ARTICLE_LETTERS = {"l": 1, "r": 2, "d": 3}  # législatif, réglementaire, décret
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
    cited_score: float = 0.0  # sum of 1/rank of the candidates citing this document
    cited_count: int = 0

    @property
    def lex_best(self) -> float:
        return max(self.lex_scores, default=0.0)

    def rrf(self, k: int = 60) -> float:
        return 1 / (k + self.lex_rank) + 1 / (k + self.dense_rank)


def coverage(query_terms: list[str], analysed: set[str]) -> float:
    if not query_terms:
        return 0.0
    return sum(term in analysed for term in query_terms) / len(query_terms)


def document_priors(document) -> tuple[float, float, float]:
    """Query-independent facts: a fiche's theme and audience (its breadcrumb),
    a code article's part (L, R or D)."""
    theme = audience = letter = 0
    if document.kind == Kind.FICHE_SERVICE_PUBLIC:
        levels = document.breadcrumb.replace("\xa0", " ").split(" › ")
        theme = FICHE_THEMES.get(levels[1], 4) if len(levels) > 1 else 4
        audience = next((v for name, v in FICHE_AUDIENCES.items() if name in levels[0]), 0)
    elif document.kind in CODE_KINDS:
        letter = ARTICLE_LETTERS.get(document.number.strip()[:1].lower(), 0)
    return float(theme), float(audience), float(letter)


def feature_row(
    candidate: Candidate,
    document,
    query_terms: list[str],
    title_terms: set[str],
    breadcrumb_terms: set[str],
    in_degree: int,
    title_match: float,
    fiche_links: int,
    priors: tuple[float, float, float],
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
        candidate.bm25.get("prefix", 0.0),
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
        candidate.cited_score,
        float(candidate.cited_count),
        math.log1p(in_degree),
        float(FICHE_LETTERS.get(document.key[4:5], 0) if document.key.startswith("vdd:") else 0),
        title_match,
        math.log1p(fiche_links),
        *priors,
    ]
