"""Resolve citations of code articles ("Code du travail : articles L1251-29 à
L1251-34", Légifrance URLs) to document keys (`legi:<LEGIARTI cid>`)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from parvis.corpus.enums import CODE_KINDS, CODE_TEXT_IDS, Kind

CODE_NAMES = [
    (re.compile(r"code\s+du\s+travail", re.I), Kind.CODE_DU_TRAVAIL),
    (re.compile(r"code\s+de\s+la\s+s[ée]curit[ée]\s+sociale", re.I), Kind.CODE_SECURITE_SOCIALE),
]

# "L1234-5", "L. 1234-5", "R.4624-10-1", "D 3141-1", "L1"
_NUMBER = r"(?<![A-Za-z0-9])([LRDA])\s?\.?\s?(\d{1,4}(?:\s?-\s?\d+)*)(?![\d-])"
NUMBER_RE = re.compile(_NUMBER)
RANGE_RE = re.compile(_NUMBER + r"\s*(?:à|a|au)\s*" + _NUMBER.replace("(?<![A-Za-z0-9])", ""))
LEGIARTI_RE = re.compile(r"LEGIARTI\d{12}")
# Légifrance links to one article: old (`affichCodeArticle.do?idArticle=`) and new
# (`/codes/article_lc/`, `/codes/id/`) forms.
_LINKED_ARTICLE = re.compile(r"(?:idArticle=|/article_lc/|/codes/id/)(LEGIARTI\d{12})")
MAX_RANGE = 200


def normalize_number(letter: str, digits: str) -> str:
    return letter.upper() + re.sub(r"\s+", "", digits)


@functools.cache  # a few thousand distinct numbers, compared a million times
def _sort_key(number: str) -> tuple | None:
    """Natural order within one part of a code: R and D articles sort together."""
    match = re.fullmatch(r"([LRDA])(\d+(?:-\d+)*)", number)
    if not match:
        return None
    parts = [int(p) for p in match.group(2).split("-")]
    return ("L" if match.group(1) == "L" else "R", parts[0], *parts[1:])


def linked_article_id(href: str) -> str | None:
    """The LEGIARTI id a Légifrance link points to, if it points to one article."""
    match = _LINKED_ARTICLE.search(href or "")
    return match.group(1) if match else None


def code_of(text: str) -> str | None:
    """Which code a citation names, from the code's name or Légifrance text id."""
    for text_id, kind in CODE_TEXT_IDS.items():
        if text_id in text:
            return kind
    for pattern, kind in CODE_NAMES:
        if pattern.search(text):
            return kind
    return None


@dataclass
class ArticleResolver:
    """Article numbers and Légifrance ids of the codes we hold, to their keys."""

    by_number: dict[tuple[str, str], str] = field(default_factory=dict)
    by_legi_id: dict[str, str] = field(default_factory=dict)
    order: dict[str, list[str]] = field(default_factory=dict)  # code -> numbers in code order
    numbers: dict[str, str] = field(default_factory=dict)  # key -> article number
    codes: dict[str, str] = field(default_factory=dict)  # key -> code (a Kind value)
    _positions: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)

    def add(self, code: str, number: str, key: str, legi_ids=()) -> None:
        # Légifrance writes some numbers with a star ("R*3231-4"); citations don't.
        for variant in {number.upper(), number.replace("*", "").upper()}:
            self.by_number[(code, variant)] = key
        self.numbers[key] = number
        self.codes[key] = code
        self.order.setdefault(code, []).append(number.replace("*", "").upper())
        self._positions.pop(code, None)
        for legi_id in legi_ids:
            self.by_legi_id[legi_id] = key

    def __len__(self) -> int:
        return len(self.by_number)

    @classmethod
    def from_database(cls) -> ArticleResolver:
        from parvis.corpus.models import Document

        resolver = cls()
        rows = (
            Document.objects.of_kind(*CODE_KINDS)
            .order_by("kind", "position")
            .values_list("kind", "number", "key", "data")
        )
        for kind, number, key, data in rows.iterator(chunk_size=5000):
            resolver.add(kind, number, key, data.get("legi_ids", ()))
        return resolver

    def key_for_link(self, href: str) -> str | None:
        """The key of the article a Légifrance link points to, if we hold it (any version)."""
        legi_id = linked_article_id(href)
        return self.by_legi_id.get(legi_id) if legi_id else None

    def number_for_key(self, key: str) -> str:
        return self.numbers.get(key, key)

    def cited_articles(self, keys) -> list[tuple[str, str]]:
        """(code, number) of the articles we hold among `keys`."""
        return [(self.codes[key], self.numbers[key]) for key in keys if key in self.codes]

    def key_for(self, code: str, number: str) -> str | None:
        return self.by_number.get((code, number.upper()))

    def expand_range(self, code: str, first: str, last: str) -> list[str]:
        """Numbers from `first` to `last`. When an end is no longer in force, the
        articles in force that sort between the ends, plus the missing ends (so
        that they are reported unresolved)."""
        first, last = first.upper(), last.upper()
        numbers = self.order.get(code, [])
        if code not in self._positions:
            self._positions[code] = {n: i for i, n in enumerate(numbers)}
        positions = self._positions[code]
        start, end = positions.get(first), positions.get(last)
        if start is not None and end is not None and 0 <= end - start <= MAX_RANGE:
            return numbers[start : end + 1]
        low, high = _sort_key(first), _sort_key(last)
        if low is None or high is None or low[:2] != high[:2] or high < low:
            return [first, last]
        between = [n for n in numbers if (k := _sort_key(n)) is not None and low <= k <= high]
        if len(between) > MAX_RANGE:
            return [first, last]
        missing = [n for n in (first, last) if n not in positions]
        # R and D articles share a sort key: the number itself breaks the tie, so
        # that the order (hence the document's content hash) never depends on set order.
        return sorted({*between, *missing}, key=lambda n: (_sort_key(n), n))

    def citations(self, text: str, default_code: str | None) -> list[tuple[str | None, str]]:
        code = code_of(text) or default_code
        found: list[tuple[str | None, str]] = []
        consumed = []
        for match in RANGE_RE.finditer(text):
            first = normalize_number(match.group(1), match.group(2))
            last = normalize_number(match.group(3), match.group(4))
            consumed.append(match.span())
            numbers = self.expand_range(code, first, last) if code else [first, last]
            found.extend((code, n) for n in numbers)
        for match in NUMBER_RE.finditer(text):
            if any(start <= match.start() < end for start, end in consumed):
                continue
            found.append((code, normalize_number(match.group(1), match.group(2))))
        return found

    def resolve(self, title: str, url: str = "", default_code: str | None = None) -> dict:
        """Resolve one reference (title and URL) to the keys of the articles it names.

        Returns {"code": ..., "numbers": [...], "keys": [...], "unresolved": [...]};
        "code" is None when the reference names no code we hold.
        """
        keys: list[str] = []
        for legi_id in LEGIARTI_RE.findall(url or ""):
            if key := self.by_legi_id.get(legi_id):
                keys.append(key)
        code = code_of(f"{title} {url}") or default_code
        numbers, unresolved = [], []
        if code:
            for _code, number in self.citations(title, default_code=code):
                numbers.append(number)
                if key := self.key_for(code, number):
                    keys.append(key)
                else:
                    unresolved.append(number)
        return {
            "code": code,
            "numbers": numbers,
            "keys": list(dict.fromkeys(keys)),
            "unresolved": unresolved,
        }
