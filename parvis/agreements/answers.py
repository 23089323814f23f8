"""Which of a Q&A's agreement answers a visitor reads, for the agreement they chose.

The ministry's data answers for the agreements as they were when written: the 76
territorial metallurgy agreements have answers, the national one that replaced
them on 1 January 2024 (IDCC 3248) none. For an agreement without an answer of
its own, the answers of the agreements it replaced stay reachable, labelled as
such; an answer of a replaced agreement says which one replaced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parvis.agreements.names import SUPERSEDED
from parvis.corpus.enums import Kind
from parvis.corpus.loaders.contributions import provides_nothing
from parvis.corpus.models import Document, Passage


@dataclass
class Personalised:
    """The answer for one agreement (None when the data has none), and the
    answers of the agreements it replaced when it has none of its own."""

    idcc: str
    answer: dict | None = None
    former: list[dict] = field(default_factory=list)

    @property
    def nothing(self) -> bool:
        """The agreement provides nothing of its own: the generic rule applies."""
        return bool(self.answer and self.answer.get("nothing"))


def personalised(answers: list[dict], idcc: str) -> Personalised:
    """The answer among a Q&A's `answers` ({"idcc", …}) for this agreement."""
    idcc = idcc.zfill(4)
    answer = next((a for a in answers if a["idcc"] == idcc), None)
    former = [] if answer else [a for a in answers if SUPERSEDED.get(a["idcc"], ("",))[0] == idcc]
    return Personalised(idcc, answer, former)


def questions_for(idcc: str) -> list[dict]:
    """Every Q&A question, in the Q&A's order, with what the agreement's own
    answer says: {"title", "slug", "answered", "nothing"} ("answered" when the
    data holds an answer for this agreement, "nothing" when that answer says the
    agreement provides nothing). Reads the answers' passages, not the Q&A's data
    (4 MB for all the agreements)."""
    texts = dict(
        Passage.objects.filter(document__kind=Kind.CONTRIBUTION, idcc=idcc.zfill(4))
        .values_list("document_id", "text")
        .order_by()
    )
    rows = Document.objects.filter(kind=Kind.CONTRIBUTION).order_by("position")
    return [
        {
            "title": title,
            "slug": slug,
            "answered": pk in texts,
            "nothing": pk in texts and provides_nothing(texts[pk][:200]),
        }
        for pk, title, slug in rows.values_list("id", "title", "slug")
    ]
