"""The search service: query analysis, candidates from the lexical and dense
indexes, per-document aggregation, learned (or fused) ranking, snippets.

One SearchEngine per process, opened read-only on the current index build. A
search reads only the build (and the response cache): never the database, so
it keeps answering while the database is down or being re-ingested.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import re
import threading
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from pathlib import Path

import numpy as np
from django.core.cache import caches
from rapidfuzz import fuzz

from parvis.corpus.enums import Kind
from parvis.corpus.links import document_url
from parvis.search import build as index_build
from parvis.search.analysis import (
    analyze,
    analyze_prefixes,
    expand_synonyms,
    plain_text,
    stem,
    stop_words,
    words,
)
from parvis.search.catalog import Catalog, PassageTexts
from parvis.search.dense import DenseIndex, Encoder
from parvis.search.features import Candidate, document_priors, feature_row
from parvis.search.lexical import LexicalIndex
from parvis.search.ranker import Ranker
from parvis.search.routing import article_number, idcc_number
from parvis.search.vocabulary import Vocabulary

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 500
MAX_LIMIT = 50
MAX_OFFSET = 500
FIELD_BOOSTS = {"title": 2.0, "breadcrumb": 1.0, "text": 1.0, "prefix": 0.5}
LEXICAL_PASSAGES = 1000
LEXICAL_DOCS = 100
DENSE_DOCS = 50
CITING_CANDIDATES = 20
SYNONYM_WEIGHT = 0.4
TYPO_WEIGHT = 0.8
SNIPPET_WORDS = 36
# What general search returns; agreement articles are searched within an agreement.
DEFAULT_EXCLUDED_KINDS = (Kind.ARTICLE_CONVENTION, index_build.AGREEMENT_ANSWER)


class QueryError(ValueError):
    """A query that cannot be searched; the message is shown to the user (French)."""


def clean_query(raw: str | None) -> str:
    query = " ".join((raw or "").split())
    if not query:
        raise QueryError("Saisissez au moins un mot pour lancer la recherche.")
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(f"La recherche est limitée à {MAX_QUERY_LENGTH} caractères.")
    if not any(char.isalnum() for char in query):  # "*", "?!", emoji: nothing to look for
        raise QueryError(
            "Saisissez au moins un mot ou un nombre : la recherche ne contient que des symboles."
        )
    return query


@dataclass
class SearchResult:
    key: str
    type: str  # the document's Kind
    title: str
    slug: str
    idcc: str
    breadcrumb: str
    snippet: str
    score: float
    modified: str = ""  # the document's last change at the source (ISO), "" when unknown

    @property
    def url(self) -> str:
        """The document's page, built when a response is rendered (never stored)."""
        return document_url(self.type, self.slug, self.idcc)


@dataclass
class SearchResponse:
    query: str
    total: int
    results: list[SearchResult] = field(default_factory=list)
    suggestion: str | None = None
    direct: SearchResult | None = None  # the article or agreement the query names

    def to_dict(self) -> dict:
        """Plain JSON data (the response cache stores JSON, never pickles)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> SearchResponse:
        """The inverse of to_dict; raises TypeError, KeyError or AttributeError on
        data of another shape."""
        direct = data["direct"]
        return cls(
            query=data["query"],
            total=data["total"],
            results=[SearchResult(**result) for result in data["results"]],
            suggestion=data["suggestion"],
            direct=SearchResult(**direct) if direct is not None else None,
        )


class SearchEngine:
    def __init__(self, folder: Path, encoder: Encoder | None = None):
        self.folder = folder
        self.catalog = Catalog.load(folder)
        self.texts = PassageTexts(folder)
        self.lexical = LexicalIndex(folder / "lexical")
        self.dense = DenseIndex(folder) if (folder / "dense.npy").exists() else None
        self.doc_row = {int(d): i for i, d in enumerate(self.dense.row_doc)} if self.dense else {}
        self.encoder = encoder or Encoder(threads=1)  # one query at a time per thread
        self.vocabulary = Vocabulary.load(folder)
        self.folded_titles = [" ".join(words(doc.title)) for doc in self.catalog.documents]
        self.priors = [document_priors(doc) for doc in self.catalog.documents]
        self._allowed: dict[tuple, np.ndarray] = {}
        self.ranker = Ranker.load_default()
        self.cache = ResponseCache(folder, self.ranker)
        self.articles = {
            (doc.kind, doc.slug): i
            for i, doc in enumerate(self.catalog.documents)
            if doc.kind in (Kind.CODE_DU_TRAVAIL, Kind.CODE_SECURITE_SOCIALE)
        }
        self.agreements = {
            doc.idcc: i
            for i, doc in enumerate(self.catalog.documents)
            if doc.kind == Kind.CONVENTION_COLLECTIVE
        }

    # -- query understanding -------------------------------------------------
    def weighted_terms(self, query: str) -> tuple[dict[str, float], list[str], str | None]:
        """Query terms with weights (synonyms and typo fixes weigh less), the
        plain analysed terms, and a "vouliez-vous dire" suggestion."""
        terms = analyze(query)
        weights = dict.fromkeys(terms, 1.0)
        corrected_words, changed = [], False
        stop = stop_words()
        for word in words(query):
            fix = None
            if word not in stop and self.lexical.doc_freq("text", stem(word)) == 0:
                fix = self.vocabulary.correct(word)
            if fix:
                changed = True
                weights.setdefault(stem(fix), TYPO_WEIGHT)
            corrected_words.append(fix or word)
        for term in expand_synonyms(terms):
            weights.setdefault(term, SYNONYM_WEIGHT)
        return weights, terms, (" ".join(corrected_words) if changed else None)

    # -- candidates ------------------------------------------------------------
    def candidates(self, query: str, kinds=(), exclude=DEFAULT_EXCLUDED_KINDS):
        """Documents worth ranking: the best lexical and dense matches, and the
        code articles that the best fiches and answers cite."""
        query = plain_text(query)
        weights, terms, suggestion = self.weighted_terms(query)
        prefix_weights = dict.fromkeys(analyze_prefixes(query), 1.0)
        found = (
            self._lexical_candidates(weights, prefix_weights, terms, kinds, exclude)
            if weights
            else {}
        )
        similarities = None
        if self.dense is not None:
            similarities = self.dense.similarities(self.encoder.encode([query])[0])
            allowed = self._dense_allowed(kinds, exclude)
            order = np.argsort(-np.where(allowed, similarities, -2.0))[:DENSE_DOCS]
            order = order[allowed[order]]  # fewer allowed rows than DENSE_DOCS: no others
            for rank, row in enumerate(order):
                doc = int(self.dense.row_doc[row])
                found.setdefault(doc, Candidate(doc)).dense_rank = rank
        self._add_cited(found, kinds, exclude)
        if similarities is not None:
            for doc, candidate in found.items():
                row = self.doc_row.get(doc)
                candidate.dense_sim = float(similarities[row]) if row is not None else 0.0
        return list(found.values()), terms, suggestion

    def _lexical_candidates(
        self, weights, prefix_weights, terms, kinds, exclude
    ) -> dict[int, Candidate]:
        def field_terms(field_name: str, boost: float) -> dict[str, float]:
            terms_of_field = prefix_weights if field_name == "prefix" else weights
            return {term: boost * weight for term, weight in terms_of_field.items()}

        combined = self.lexical.query(
            {name: field_terms(name, boost) for name, boost in FIELD_BOOSTS.items()},
            kinds,
            exclude,
        )
        ordinals, scores = self.lexical.search(combined, LEXICAL_PASSAGES)
        docs = self.catalog.passage_doc[ordinals]
        # Hits come best first: a document's first hit is its best passage, and
        # the order of first hits ranks the documents.
        first_hits = np.sort(np.unique(docs, return_index=True)[1])[:LEXICAL_DOCS]
        found = {
            int(docs[hit]): Candidate(
                int(docs[hit]), best_passage=int(ordinals[hit]), lex_rank=rank
            )
            for rank, hit in enumerate(first_hits)
        }
        kept = docs[first_hits]
        in_found = np.isin(docs, kept)
        for doc, score in zip(docs[in_found].tolist(), scores[in_found].tolist(), strict=True):
            found[doc].lex_scores.append(score)
        for field_name in FIELD_BOOSTS:
            single = self.lexical.query({field_name: field_terms(field_name, 1.0)}, kinds, exclude)
            field_ordinals, field_scores = self.lexical.search(single, LEXICAL_PASSAGES)
            field_docs = self.catalog.passage_doc[field_ordinals]
            in_found = np.isin(field_docs, kept)
            field_docs, field_scores = field_docs[in_found], field_scores[in_found]
            best = np.unique(field_docs, return_index=True)[1]
            for doc, score in zip(
                field_docs[best].tolist(), field_scores[best].tolist(), strict=True
            ):
                found[doc].bm25[field_name] = score
        if len(terms) >= 2:
            phrase_ordinals, _ = self.lexical.search(
                self.lexical.phrase_query("text", terms), LEXICAL_PASSAGES
            )
            phrase_docs = self.catalog.passage_doc[phrase_ordinals]
            for doc in set(phrase_docs[np.isin(phrase_docs, kept)].tolist()):
                found[doc].phrase = True
        return found

    def _add_cited(self, found: dict[int, Candidate], kinds, exclude) -> None:
        """Articles cited by the best candidates join them, weighted by the citer's rank."""
        citers = sorted(found.values(), key=lambda c: -c.rrf())[:CITING_CANDIDATES]
        documents = self.catalog.documents
        for rank, citer in enumerate(citers):
            for target in self.catalog.graph.cites.get(citer.doc, ()):
                kind = documents[target].kind
                if (kinds and kind not in kinds) or kind in exclude:
                    continue
                candidate = found.setdefault(target, Candidate(target))
                candidate.cited_score += 1 / (rank + 1)
                candidate.cited_count += 1

    def _dense_allowed(self, kinds, exclude) -> np.ndarray:
        """Rows of the dense matrix a search may return (cached per filter)."""
        cache_key = (tuple(kinds), tuple(exclude))
        if cache_key not in self._allowed:
            doc_kinds = [self.catalog.documents[int(d)].kind for d in self.dense.row_doc]
            self._allowed[cache_key] = np.array(
                [(not kinds or k in kinds) and k not in exclude for k in doc_kinds], dtype=bool
            )
        return self._allowed[cache_key]

    # -- ranking ---------------------------------------------------------------
    def features(self, candidates, terms, query: str):
        docs = self.catalog.documents
        in_degree = self.catalog.in_degree
        folded_query = " ".join(words(plain_text(query)))
        return [
            feature_row(
                c,
                docs[c.doc],
                terms,
                set(docs[c.doc].title_terms.split()),
                set(docs[c.doc].breadcrumb_terms.split()),
                int(in_degree[c.doc]),
                fuzz.token_set_ratio(folded_query, self.folded_titles[c.doc]) / 100,
                int(self.catalog.fiche_links[c.doc]),
                self.priors[c.doc],
            )
            for c in candidates
        ]

    def rank(self, query: str, kinds=(), exclude=DEFAULT_EXCLUDED_KINDS, use_ranker=True):
        """Candidates ordered best first with their scores, the analysed query
        terms (for snippets) and a suggestion."""
        candidates, terms, suggestion = self.candidates(query, kinds, exclude)
        if not candidates:
            return [], terms, suggestion
        if use_ranker and self.ranker is not None:
            scores = self.ranker.score(
                self.features(candidates, terms, query),
                [c.doc for c in candidates],
                self.catalog.graph,
            ).tolist()
        else:
            scores = [c.rrf() for c in candidates]
        order = sorted(zip(candidates, scores, strict=True), key=lambda cs: -cs[1])
        return order, terms, suggestion

    # -- the public entry point -------------------------------------------------
    def search(
        self, raw_query: str, kind: str | None = None, limit: int = 10, offset: int = 0
    ) -> SearchResponse:
        """Ranked results; a query already answered on this index build comes
        from the shared response cache."""
        query = clean_query(raw_query)
        limit, offset = max(1, min(limit, MAX_LIMIT)), max(0, min(offset, MAX_OFFSET))
        request = (query, kind, limit, offset)
        response = self.cache.get(request)
        if response is None:
            response = self._search(*request)
            self.cache.set(request, response)
        return response

    def _search(self, query: str, kind: str | None, limit: int, offset: int) -> SearchResponse:
        kinds = (kind,) if kind else ()
        exclude = (index_build.AGREEMENT_ANSWER,) if kind else DEFAULT_EXCLUDED_KINDS
        direct = self._direct(query)
        ranked, terms, suggestion = self.rank(query, kinds, exclude)
        if direct is not None:
            ranked = [(c, s) for c, s in ranked if c.doc != direct]
            ranked.insert(0, (Candidate(direct), float("inf")))
        page = ranked[offset : offset + limit]
        snippets = self.snippets([c for c, _ in page], terms)
        results = [self._result(c, s, snippets.get(c.doc, "")) for c, s in page]
        response = SearchResponse(
            query=query, total=len(ranked), results=results, suggestion=suggestion
        )
        if direct is not None and results and offset == 0:
            response.direct = results[0]
        return response

    def _direct(self, query: str) -> int | None:
        if number := article_number(query):
            slug = number.lower()
            for kind in (Kind.CODE_DU_TRAVAIL, Kind.CODE_SECURITE_SOCIALE):
                if (kind, slug) in self.articles:
                    return self.articles[(kind, slug)]
        if idcc := idcc_number(query):
            return self.agreements.get(idcc)
        return None

    def _result(self, candidate: Candidate, score: float, snippet: str) -> SearchResult:
        doc = self.catalog.documents[candidate.doc]
        return SearchResult(
            key=doc.key,
            type=doc.kind,
            title=doc.title,
            slug=doc.slug,
            idcc=doc.idcc,
            breadcrumb=doc.breadcrumb,
            snippet=snippet,
            score=round(score, 6) if score != float("inf") else 1e6,
            modified=doc.modified,
        )

    def snippets(self, candidates: list[Candidate], terms: list[str]) -> dict[int, str]:
        """HTML-escaped passages with the matched terms in <mark>: the best
        passage of each document (its first when none matched), from the build."""
        wanted = set(terms)
        snippets = {}
        for c in candidates:
            ordinal = c.best_passage if c.best_passage >= 0 else self.catalog.first_passage(c.doc)
            snippets[c.doc] = highlight(self.texts[ordinal], wanted) if ordinal >= 0 else ""
        return snippets


class ResponseCache:
    """Search responses shared by the server's processes (the "search" cache:
    an SQLite file in the data dir, or Redis), stored as JSON. Keys name the
    index build and the ranker model, so answers never outlive the index that
    produced them. A cache that fails is skipped (the search is answered).
    PARVIS_SEARCH_CACHE=0 turns it off (benchmarks of the uncached path)."""

    def __init__(self, folder: Path, ranker: Ranker | None):
        self.enabled = os.environ.get("PARVIS_SEARCH_CACHE", "1") != "0"
        model = ranker.fingerprint if ranker else "fusion"
        # the response's shape too: answers cached before results carried their date
        # are not served after
        shape = ",".join(f.name for f in fields(SearchResult))
        identity = f"{folder.resolve()}|{model}|{shape}"
        self.version = hashlib.sha1(identity.encode()).hexdigest()[:16]

    def _key(self, request: tuple) -> str:
        digest = hashlib.sha1(json.dumps(request, ensure_ascii=False).encode()).hexdigest()
        return f"search:{self.version}:{digest}"

    def get(self, request: tuple) -> SearchResponse | None:
        if not self.enabled:
            return None
        try:
            data = caches["search"].get(self._key(request))
        except Exception:  # noqa: BLE001 - the cache is an optimisation, never an outage
            logger.warning("search cache unavailable", exc_info=True)
            return None
        if data is None:
            return None
        try:
            return SearchResponse.from_dict(data)
        except (TypeError, KeyError, AttributeError):  # another shape: answer afresh
            return None

    def set(self, request: tuple, response: SearchResponse) -> None:
        if not self.enabled:
            return
        try:
            caches["search"].set(self._key(request), response.to_dict())
        except Exception:  # noqa: BLE001
            logger.warning("search cache unavailable", exc_info=True)


_TOKEN = re.compile(r"\S+")


@lru_cache(maxsize=200_000)
def token_terms(token: str) -> frozenset[str]:
    """Stems of one whitespace-separated token of a passage (cached: snippets are hot)."""
    return frozenset(stem(w) for w in words(token))


def highlight(text: str, terms: set[str], size: int = SNIPPET_WORDS) -> str:
    """The window of `size` words with most query terms, escaped, matches in <mark>."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return ""
    hits = [not terms.isdisjoint(token_terms(token)) for token in tokens]
    best_start, best_count, count = 0, -1, 0
    for i in range(len(tokens)):
        count += hits[i]
        if i >= size:
            count -= hits[i - size]
        if count > best_count:
            best_count, best_start = count, max(0, i - size + 1)
    window = range(best_start, min(len(tokens), best_start + size))
    parts = [
        f"<mark>{html.escape(tokens[i])}</mark>" if hits[i] else html.escape(tokens[i])
        for i in window
    ]
    prefix = "… " if best_start > 0 else ""
    suffix = " …" if window.stop < len(tokens) else ""
    return prefix + " ".join(parts) + suffix


_engine: SearchEngine | None = None
_engine_path: Path | None = None
_lock = threading.Lock()


def warm_up() -> None:
    """Open the engine and run one search, so the first user does not wait."""
    engine = get_engine()
    if engine is not None:
        engine.rank("contrat de travail")


def get_engine() -> SearchEngine | None:
    """The engine on the current index build, reopened when the build switches;
    None while no build of this code's format is live."""
    global _engine, _engine_path
    current = index_build.current_build()
    if current is None:
        return None
    if _engine is None or current != _engine_path:
        with _lock:
            if _engine is None or current != _engine_path:
                if not index_build.is_complete(current):
                    logger.warning("index build %s is of another format: run build_index", current)
                    return None
                _engine = SearchEngine(current)
                _engine_path = current
    return _engine
