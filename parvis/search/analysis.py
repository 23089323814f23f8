"""Text analysis for search, in one place: the index and the queries go through
the same steps (lowercase, elision, accent folding, stop words, French stemmer).

Synonyms and acronyms (CDD, CSE, AT/MP...) come from @socialgouv/cdtn-elasticsearch
and are applied to queries only, as extra weighted terms.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import Stemmer
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ELISION = re.compile(
    r"\b(?:l|m|t|qu|n|s|j|d|c|jusqu|quoiqu|lorsqu|puisqu|presqu|quelqu)['’`]", re.IGNORECASE
)
# Dotted acronyms (S.M.I.C., A.T.) become one token before tokenising.
DOTTED_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
WORD = re.compile(r"[a-z0-9]+")
LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'"})

_stemmer = Stemmer.Stemmer("french")
MARKUP = re.compile(r"</?[A-Za-z][^<>]*>")
# Query syntax typed or pasted into a search box is not words: operators,
# brackets, quotes, wildcards, lone hyphens, and the boolean operators of
# search engines when written as such (upper case).
SYMBOLS = re.compile(r"[\"“”«»()\[\]{}*?\\^~+!|&<>=;:_]+|(?<!\w)-|-(?!\w)|\b(?:AND|OR|NOT)\b")


def fold(text: str) -> str:
    """Lowercase and strip accents: "Salariés" -> "salaries"."""
    text = (text or "").translate(LIGATURES).lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def plain_text(text: str) -> str:
    """The query as words, case and accents kept, without markup or query
    syntax: what the engine searches, so that "<b>préavis</b>", "(préavis" or
    "préavis AND" are searched like "préavis"."""
    plain = " ".join(SYMBOLS.sub(" ", MARKUP.sub(" ", text or "")).split())
    return plain or " ".join((text or "").split())


def words(text: str) -> list[str]:
    """Folded words without elisions, stop words kept (for phrases and typos)."""
    text = DOTTED_ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text or "")
    text = ELISION.sub(" ", text.translate(LIGATURES))
    return WORD.findall(fold(text))


def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def stem_words(folded_words: list[str]) -> list[str]:
    """Index terms of already folded words: stop words removed, stemmed."""
    stop = stop_words()
    return _stemmer.stemWords([w for w in folded_words if w not in stop])


def analyze(text: str) -> list[str]:
    """The index terms of a text: folded words, stop words removed, stemmed."""
    return stem_words(words(text))


PREFIX_LENGTH = 6


def prefixes(folded_words: list[str]) -> list[str]:
    """Word-family terms: the first letters of each word ("démissionner" and
    "démission" both give "demiss", which the stemmer keeps apart)."""
    stop = stop_words()
    return [w[:PREFIX_LENGTH] for w in folded_words if w not in stop]


def analyze_prefixes(text: str) -> list[str]:
    return prefixes(words(text))


def analyze_to_string(text: str) -> str:
    return " ".join(analyze(text))


class MissingDataPackage(ImproperlyConfigured):
    """A file of the data packages is missing: search cannot work without it."""


def _package_file(*parts: str) -> Path:
    return Path(settings.DATA_PACKAGES_DIR, "cdtn-elasticsearch", "src", "dataset", *parts)


def _read_package_json(*parts: str):
    """A JSON file of @socialgouv/cdtn-elasticsearch; missing, it is an error
    (searching without stop words and synonyms would silently rank worse)."""
    path = _package_file(*parts)
    try:
        text = path.read_text()
    except FileNotFoundError:
        raise MissingDataPackage(
            f"Fichier de données introuvable : {path} (paquet @socialgouv/cdtn-elasticsearch). "
            "Installez les paquets de données avec `npm ci --ignore-scripts` "
            "(ou indiquez leur dossier dans PARVIS_DATA_PACKAGES)."
        ) from None
    return json.loads(text)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    raw = _read_package_json("stop_words", "stop_words.json")
    folded = {w for entry in raw for w in words(entry)}
    # Words that carry meaning in labour law must stay searchable.
    return frozenset(folded - {"plus", "moins", "cas", "fin", "etat", "sans", "avant", "apres"})


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """Groups of equivalent expressions, each as analysed term strings."""
    groups: list[tuple[str, ...]] = []
    lines = _read_package_json("synonyms", "cdtn_synonyms.json")
    for line in lines:
        members = [m.strip() for part in line.split(",") for m in part.split("/")]
        analysed = tuple(dict.fromkeys(s for s in (analyze_to_string(m) for m in members) if s))
        if len(analysed) > 1:
            groups.append(analysed)
    thesaurus = _read_package_json("synonyms", "TESS.json")
    for entry in thesaurus:
        equivalent = (entry.get("equivalent") or "").strip()
        if not equivalent:
            continue
        members = [entry.get("term", ""), *re.split(r"[,;]", equivalent)]
        analysed = tuple(dict.fromkeys(s for s in (analyze_to_string(m) for m in members) if s))
        if len(analysed) > 1:
            groups.append(analysed)
    return tuple(groups)


@lru_cache(maxsize=1)
def _synonym_index() -> dict[str, list[tuple[str, ...]]]:
    """First term of each member -> the groups it may start, for a fast scan."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for group in synonym_groups():
        for member in group:
            index.setdefault(member.split()[0], []).append(group)
    return index


def expand_synonyms(terms: list[str]) -> list[str]:
    """Terms of the expressions equivalent to those found in `terms` (not in `terms`)."""
    present = set(terms)
    joined = f" {' '.join(terms)} "
    extra: list[str] = []
    for term in dict.fromkeys(terms):  # query order, not set order: same scores in every process
        for group in _synonym_index().get(term, ()):
            if not any(f" {member} " in joined for member in group):
                continue
            for member in group:
                extra.extend(t for t in member.split() if t not in present)
    return list(dict.fromkeys(extra))
