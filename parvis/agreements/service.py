"""The agreement picker over the corpus: what pages and the API call."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parvis.agreements import picker
from parvis.agreements.catalogue import agreements
from parvis.agreements.names import SUPERSEDED
from parvis.corpus.enums import Kind
from parvis.corpus.links import document_url


@dataclass(frozen=True)
class Found:
    """An agreement as pages and the API show it."""

    idcc: str
    title: str
    short_title: str
    url: str
    replaces: tuple[str, ...] = ()
    replaced_since: str = ""


def _found(agreement: picker.Agreement, replaces=()) -> Found:
    since = next((SUPERSEDED[i][1] for i in replaces if SUPERSEDED[i][1]), "")
    return Found(
        agreement.idcc,
        agreement.title,
        agreement.short_title,
        document_url(Kind.CONVENTION_COLLECTIVE, agreement.slug, agreement.idcc),
        tuple(replaces),
        since,
    )


def search(query: str, limit: int = 10) -> list[Found]:
    """The agreements a visitor's words name, best first."""
    return [_found(m.agreement, m.replaces) for m in picker.pick(agreements(), query, limit)]


def get(idcc: str) -> Found | None:
    """The agreement of an IDCC ("843" or "0843"); a replaced agreement's successor,
    saying which it replaces; None when no agreement has this number."""
    idcc = idcc.strip().zfill(4)
    successor = SUPERSEDED.get(idcc, (idcc, ""))[0]
    by_idcc = {a.idcc: a for a in agreements()}
    if successor not in by_idcc:
        return None
    return _found(by_idcc[successor], (idcc,) if successor != idcc else ())


def suggestions(idcc: str, limit: int = 5) -> list[Found]:
    """For an unknown IDCC: the agreements with the nearest numbers."""
    return [_found(a) for a in picker.near_idccs(agreements(), idcc, limit)]


def replaced_by(idcc: str) -> Found | None:
    """The agreement that replaced this one (0054: 3248), or None."""
    found = get(idcc) if idcc.zfill(4) in SUPERSEDED else None
    return found if found and found.idcc != idcc.zfill(4) else None


_ABOUT_AGREEMENTS = re.compile(r"\b(?:conventions?|ccn|idcc|cc)\b")


def named_by(query: str, limit: int = 3) -> list[Found]:
    """The agreements a search names, for a box above its results: when the search
    says "convention" ("convention collective boulangerie") or is a usual name or
    an acronym ("syntec", "HCR"); nothing for the other searches."""
    matches = picker.pick(agreements(), query, limit)
    if not matches:
        return []
    explicit = _ABOUT_AGREEMENTS.search(picker.normalise(query))
    if not explicit and matches[0].score < picker.USUAL_NAME_SCORE:
        return []
    best = matches[0].score
    return [_found(m.agreement, m.replaces) for m in matches if m.score >= best - 0.3]


def predecessors(idcc: str) -> list[Found]:
    """The agreements this one replaced (3248: the territorial metallurgy ones)."""
    idcc = idcc.zfill(4)
    return [
        _found(a)
        for a in agreements()
        if a.idcc != idcc and SUPERSEDED.get(a.idcc, ("",))[0] == idcc
    ]
