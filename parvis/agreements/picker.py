"""Find a visitor's collective agreement from what they type: an IDCC (with or
without its leading zeros), a name or a short name, an acronym or a usual name
(names.USUAL_NAMES), with or without accents, with typos.

Each agreement is scored by how much of the query its words cover (weighted by
how rare each word is among agreements, typos matched with rapidfuzz) and how
much of its short title the query covers; ties go to the larger workforce.
Agreements that another replaced are answered by their successor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from math import log

from rapidfuzz import fuzz, process

from parvis.agreements.names import SUPERSEDED, USUAL_NAMES
from parvis.corpus.text import fold

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50
# Words of agreement titles that do not tell one agreement from another.
STOP_WORDS = frozenset(
    "a au aux avec c ccn cc ccnt collective collectives convention conventions d dans de des "
    "du en et idcc l la le les leur leurs n national nationale nationales ou par pour qui s "
    "sur un une y".split()
)
# A query word matches a title word at this rapidfuzz similarity (0-100) or more.
TYPO_SIMILARITY = 80
# Query words shorter than this match only exactly or as a word's beginning.
MIN_FUZZY_LENGTH = 4
USUAL_NAME_SCORE = 2.0  # above any name score (at most 1.43)
PHRASE_SCORE = 0.8  # a usual name inside a longer query: a fair name match
IDCC_SCORE = 3.0  # the IDCC typed is the agreement: above everything
TIE_MARGIN = 0.05  # scores this close are a tie: the larger workforce first
MIN_SCORE = 0.45  # below this, a name match is noise
_WORD = re.compile(r"[a-z0-9]+")
_IDCC_QUERY = re.compile(r"^(?:idcc)?\s*(\d{1,4})$")


@dataclass(frozen=True)
class Agreement:
    """One agreement as the picker sees it (from the corpus or any list)."""

    idcc: str
    title: str
    short_title: str
    effectif: int = 0
    slug: str = ""


@dataclass
class Match:
    agreement: Agreement
    score: float
    # IDCCs of replaced agreements that this one answers for ("0054" for 3248).
    replaces: list[str] = field(default_factory=list)


def words(text: str) -> list[str]:
    """Folded words without stop words, plurals made singular ("routiers": "routier")."""
    out = []
    for word in _WORD.findall(fold(text)):
        if word in STOP_WORDS:
            continue
        if len(word) > 3 and word[-1] in "sx" and not word.isdigit():
            word = word[:-1]
        out.append(word)
    return out


def normalise(text: str) -> str:
    return " ".join(_WORD.findall(fold(text)))


def idcc_of(text: str) -> str:
    """The IDCC a query names alone ("843", "0843", "IDCC 843"), four digits, or ""."""
    match = _IDCC_QUERY.match(normalise(text).replace("idcc ", "idcc"))
    return match.group(1).zfill(4) if match else ""


class Index:
    """The agreements' words and weights, built once per list of agreements."""

    def __init__(self, agreements: tuple[Agreement, ...]):
        self.agreements = agreements
        self.by_idcc = {a.idcc: a for a in agreements}
        self.title_words = [set(words(f"{a.short_title} {a.title}")) for a in agreements]
        self.short_words = [words(a.short_title) for a in agreements]
        self.short_texts = [" ".join(w) for w in self.short_words]
        document_frequency: dict[str, int] = {}
        for title_words in self.title_words:
            for word in title_words:
                document_frequency[word] = document_frequency.get(word, 0) + 1
        total = len(agreements) + 1
        self.idf = {w: log(total / n) + 0.1 for w, n in document_frequency.items()}
        self.vocabulary = list(self.idf)
        self.max_idf = log(total) + 0.1
        # usual names as query words are compared: "transports routiers", "transport routier"
        self.usual = {" ".join(words(name)): idccs for name, idccs in USUAL_NAMES.items()}
        self.usual_names = list(self.usual)

    def similar_words(self, word: str) -> dict[str, float]:
        """Title words a query word stands for, with a similarity from 0 to 1: itself,
        words it begins (from 4 letters: "boulang"), and near spellings."""
        found = {word: 1.0} if word in self.idf else {}
        if len(word) < MIN_FUZZY_LENGTH:
            return found
        for other in self.vocabulary:
            if other.startswith(word) and other != word:
                found[other] = max(found.get(other, 0), 0.9)
        for other, similarity, _ in process.extract(
            word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_SIMILARITY, limit=20
        ):
            found[other] = max(found.get(other, 0), similarity / 100 * 0.95)
        return found

    def usual_matches(self, query_words: list[str]) -> dict[str, float]:
        """IDCCs a usual name points to: the whole query (its words without stop words)
        is the name or a near spelling of it (above any name match), or the name is
        a phrase in a longer query (as strong as a fair name match)."""
        scores: dict[str, float] = {}

        def give(idccs, score):
            for rank, idcc in enumerate(idccs):
                # the table's order holds against the workforce tie-break
                scores[idcc] = max(scores.get(idcc, 0), score - 2 * TIE_MARGIN * rank)

        text = " ".join(query_words)
        padded = f" {text} "
        for name, idccs in self.usual.items():
            if name == text:
                give(idccs, USUAL_NAME_SCORE)
            elif f" {name} " in padded:
                give(idccs, PHRASE_SCORE + min(len(name), 20) / 200)
        if len(text) >= 5 and not scores:
            for name, similarity, _ in process.extract(
                text, self.usual_names, scorer=fuzz.ratio, score_cutoff=TYPO_SIMILARITY, limit=3
            ):
                # a near spelling: from a fair name match (80) to a usual name (100)
                give(self.usual[name], USUAL_NAME_SCORE + (similarity - 100) / 20)
        return scores

    def name_scores(self, query_words: list[str]) -> list[float]:
        """Per agreement: the share of the query's weight its words cover, plus a
        third of the share of its short title's weight the query covers."""
        similar = [self.similar_words(w) for w in query_words]
        weights = [
            max((self.idf[w] for w in s), default=self.max_idf) if s else self.max_idf
            for s in similar
        ]
        total_weight = sum(weights) or 1.0
        query_set = set(query_words)
        scores = []
        for title_words, short_words in zip(self.title_words, self.short_words, strict=True):
            covered = sum(
                weight * max((s for w, s in matches.items() if w in title_words), default=0)
                for weight, matches in zip(weights, similar, strict=True)
            )
            if not covered:
                scores.append(0.0)
                continue
            short_weight = sum(self.idf.get(w, 0) for w in short_words) or 1.0
            in_query = set()
            for matches in similar:
                in_query.update(w for w in matches if w in short_words)
            short_covered = sum(
                self.idf.get(w, 0) for w in set(short_words) & (in_query | query_set)
            )
            scores.append(covered / total_weight + short_covered / short_weight / 3)
        return scores

    def search(self, query: str, limit: int = 10) -> list[Match]:
        text = normalise(query)[:MAX_QUERY_LENGTH]
        if not text:
            return []
        scores: dict[str, float] = {}
        idcc = idcc_of(text)
        if idcc:
            if idcc in self.by_idcc:
                scores[idcc] = IDCC_SCORE
            # the other agreements whose number begins so ("16": 0016, 1606, 1607...)
            digits = idcc.lstrip("0") or "0"
            for a in self.agreements:
                if a.idcc != idcc and a.idcc.lstrip("0").startswith(digits):
                    scores[a.idcc] = 1.0 - len(a.idcc.lstrip("0")) / 100
        else:
            # "convention 1486", "ccn 66": a number in a short query, or after "idcc"
            numbers = re.findall(r"idcc\s*(\d{1,4})\b", text)
            if len(text.split()) <= 3:
                numbers += re.findall(r"\b(\d{2,4})\b", text)
            for number in numbers:
                if number.zfill(4) in self.by_idcc:
                    scores[number.zfill(4)] = IDCC_SCORE - 0.5
            query_words = words(text)
            for usual_idcc, score in self.usual_matches(query_words).items():
                scores[usual_idcc] = max(scores.get(usual_idcc, 0), score)
            if query_words:
                joined = " ".join(query_words)
                name_scores = self.name_scores(query_words)
                for position, (agreement, score) in enumerate(
                    zip(self.agreements, name_scores, strict=True)
                ):
                    if score < MIN_SCORE:
                        continue
                    if self.short_texts[position] == joined:  # the surest name match
                        score += 0.1
                    scores[agreement.idcc] = max(scores.get(agreement.idcc, 0), score)
        return self._ranked(scores, limit)

    def _ranked(self, scores: dict[str, float], limit: int) -> list[Match]:
        """Replaced agreements answer through their successor; best score first, then
        the larger workforce, then the IDCC."""
        matches: dict[str, Match] = {}
        for idcc, score in scores.items():
            successor = SUPERSEDED.get(idcc, (idcc, ""))[0]
            agreement = self.by_idcc.get(successor)
            if agreement is None:
                continue
            match = matches.setdefault(successor, Match(agreement, score))
            match.score = max(match.score, score)
            if successor != idcc:
                match.replaces.append(idcc)
        ranked = sorted(matches.values(), key=lambda m: (-m.score, m.agreement.idcc))
        ranked = _workforce_first_among_ties(ranked, max(1, min(limit, MAX_RESULTS)))
        for match in ranked:
            match.replaces.sort()
        return ranked


def _workforce_first_among_ties(ranked: list[Match], limit: int) -> list[Match]:
    """The best `limit` matches; among those within TIE_MARGIN of the best left, the
    larger workforce first (two agreements a query names equally well)."""
    left, out = list(ranked), []
    while left and len(out) < limit:
        best = left[0].score
        tied = [m for m in left if m.score >= best - TIE_MARGIN]
        chosen = max(tied, key=lambda m: (m.agreement.effectif, m.score))
        out.append(chosen)
        left.remove(chosen)
    return out


@lru_cache(maxsize=4)
def index_of(agreements: tuple[Agreement, ...]) -> Index:
    """The index of a list of agreements, built once (about 400 agreements)."""
    return Index(agreements)


def pick(agreements, query: str, limit: int = 10) -> list[Match]:
    """The agreements that `query` names, best first (empty when none does)."""
    return index_of(tuple(agreements)).search(query, limit)


def near_idccs(agreements, idcc: str, limit: int = 5) -> list[Agreement]:
    """Agreements whose IDCC is closest to an unknown one: fewest digits to change
    (a typo: 1468 for 1486), then the nearest number."""
    from rapidfuzz.distance import Levenshtein

    digits = idcc.zfill(4)
    number = int(digits) if digits.isdigit() else 0
    live = [a for a in agreements if a.idcc not in SUPERSEDED and a.idcc.isdigit()]
    live.sort(key=lambda a: (Levenshtein.distance(a.idcc, digits), abs(int(a.idcc) - number)))
    return live[:limit]
