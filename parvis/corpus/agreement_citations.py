"""The agreement references of the ministry's answers resolved to the `kali:` keys
of the articles we hold.

The answers cite an agreement's articles three ways: by Légifrance id
("KALIARTI000005846024", or a link holding one), by number ("Article 12",
"Article 04.05.1"), or by number within a text or a section ("Avenant Cadres,
article 3-2", "Chapitre II Article 4", "Article 4 de l'avenant mensuels"). An id
is looked up among every version of the articles in force; a number among the
articles of that agreement's texts, the words around it choosing between the
texts that share the number (the base text when nothing else decides).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parvis.corpus.text import fold

_KALI_ID = re.compile(r"\b(KALIARTI\d{12})\b")
# "Article 3-2", "article 1er bis", "art. 12", "articles 7.1": the number cited
_NUMBER = re.compile(
    r"\b(?:art(?:icles?|\.)|aricle)\s*(?:n°\s*)?"
    r"(?P<number>\d[\w.\-/]*(?:er)?(?:\s+(?:bis|ter|quater|quinquies))?)",
    re.I,
)
_WORD = re.compile(r"[a-z0-9]+")
_KALI_TEXT = re.compile(r"\b(KALITEXT\d{12})\b")
# what follows a number to name a point of the article: "31. 4", "25 § 1", "1.10 e) 2"
_POINT = re.compile(r"(?:[\s.,§()\-–]*\b[a-z0-9]{1,2}\b)*[\s.,§()\-–]*")
# Words that say nothing about which text or section is meant
_STOP = frozenset(
    "a au aux d de des du et en l la le les n par pour relatif relative sur un une".split()
)


def number_key(number: str) -> str:
    """A number as citations and the data both write it: "1er" = "1", "3-2" = "3.2",
    "04.05" = "4.5", "4 bis" = "4bis", without the words some numbers carry
    ("01.02.3.1. Périmètre")."""
    number = re.sub(r"\s+(bis|ter|quater|quinquies)\b", r"\1", fold(number).strip())
    number = number.split(" ")[0].replace("-", ".").rstrip(".")
    number = re.sub(r"(?<=\d)er\b", "", number)
    return re.sub(r"(?<!\d)0+(?=\d)", "", number)


def words(text: str) -> frozenset[str]:
    """The words that tell texts and sections apart ("Chapitre Ier" = "chapitre i")."""
    found = (re.sub(r"^(\d+|i)er$", r"\1", w) for w in _WORD.findall(fold(text)))
    return frozenset(w for w in found if w not in _STOP)


@dataclass(frozen=True)
class HeldArticle:
    key: str
    number: str  # number_key of its number ("" when it has none)
    words: frozenset[str]  # of its text's title, its sections and its own title
    base: bool  # in the agreement's base text
    position: int  # in the agreement's reading order
    sections: frozenset[str] = frozenset()  # numbers of its sections titled "Article …"
    text: str = ""  # its text's Légifrance id (KALITEXT…)


@dataclass
class AgreementArticles:
    """The articles in force of each agreement, to resolve its references."""

    by_id: dict[str, str] = field(default_factory=dict)  # KALIARTI id or cid -> key
    by_idcc: dict[str, list[HeldArticle]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.by_id)

    @classmethod
    def from_database(cls) -> AgreementArticles:
        from parvis.corpus.enums import Kind
        from parvis.corpus.models import Document

        found = cls()
        rows = Document.objects.filter(kind=Kind.ARTICLE_CONVENTION).values_list(
            "key", "number", "title", "breadcrumb", "data"
        )
        articles = {}
        for key, number, title, breadcrumb, data in rows.iterator(chunk_size=5000):
            articles[key] = (number, title, breadcrumb)
            for kali_id in (key.split(":", 1)[1], data.get("legi_id"), *data.get("versions", ())):
                if kali_id:
                    found.by_id.setdefault(kali_id, key)
        for idcc, data in Document.objects.agreements().values_list("idcc", "data"):
            found.add_agreement(idcc, data.get("texts", []), articles)
        return found

    def add_agreement(self, idcc: str, texts: list[dict], articles: dict) -> None:
        """An agreement's texts ({"group", "title", "articles"}) with, for each
        article key, its (number, title, breadcrumb)."""
        held = self.by_idcc.setdefault(idcc, [])
        for text in texts:
            for key in text.get("articles", []):
                if key not in articles:
                    continue
                number, title, breadcrumb = articles[key]
                # the breadcrumb starts with the agreement's short title: not a clue
                context = " ".join([text.get("title", ""), *breadcrumb[1:], title])
                sections = frozenset(
                    number_key(m.group("number"))
                    for crumb in breadcrumb[1:]
                    if (m := _NUMBER.match(crumb))
                )
                held.append(
                    HeldArticle(
                        key,
                        number_key(number),
                        words(context),
                        text["group"] == "base",
                        len(held),
                        sections,
                        text.get("cid", ""),
                    )
                )

    def resolve(self, idcc: str, title: str, url: str = "") -> list[str]:
        """The keys of the articles a reference of this agreement names ([] when
        none of ours): by id first, else by number and context."""
        for found in _KALI_ID.findall(f"{title} {url or ''}"):
            if found in self.by_id:
                return [self.by_id[found]]
        if _KALI_ID.fullmatch(title.strip()):
            return []  # an id we don't hold: an article no longer in force
        held = self.by_idcc.get(idcc, [])
        if text_id := _KALI_TEXT.search(f"{title} {url or ''}"):  # a whole text: its first article
            return next(([a.key] for a in held if a.text == text_id.group(1)), [])
        match = _NUMBER.search(title)
        if match is None:
            return self._by_section(held, title)
        after = title[match.end() :]
        if _POINT.fullmatch(fold(after)):
            after = ""  # a point of the article, not words that name its text
        context = words(title[: match.start()] + " " + after)
        candidates = _numbered(held, number_key(match.group("number")))
        if not candidates:
            return []
        best = max(candidates, key=lambda a: (len(context & a.words), a.base, -a.position))
        # words around the number ("Avenant Cadres") that the best text mostly
        # lacks: the text cited is not one we hold, better no link than a wrong one
        if context and 2 * len(context & best.words) <= len(context):
            return []
        return [best.key]

    @staticmethod
    def _by_section(held: list[HeldArticle], title: str) -> list[str]:
        """A reference to a text or a section, without an article number ("Accord
        du 5 juillet 2001 relatif au statut…", "Annexe II"): the first article of
        the best-matching text or section, when it holds most of its words."""
        wanted = words(title)
        if not held or not wanted:
            return []
        best = max(held, key=lambda a: (len(wanted & a.words), -a.position))
        return [best.key] if len(wanted & best.words) >= 0.8 * len(wanted) else []


def _numbered(held: list[HeldArticle], number: str) -> list[HeldArticle]:
    """The articles numbered so; else those in a section titled "Article <number>";
    else, for a point of an article ("4.1.2", "12.1"), the enclosing article's."""
    while number:
        found = [a for a in held if a.number == number] or [a for a in held if number in a.sections]
        if found or "." not in number:
            return found
        number = number.rsplit(".", 1)[0]
    return []
