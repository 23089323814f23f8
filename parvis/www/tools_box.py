"""The calculators and letter templates a search names, for a box above its
results ("lettre de démission modèle" → the letter, "indemnité licenciement
calcul" → the calculator). It leaves the ranking alone: a tool is offered when
one of its names is wholly in the query and the query asks for that kind of tool
("modèle", "calcul"...) or says nothing but that name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from django.urls import reverse

from parvis.corpus.text import fold
from parvis.letters.definitions import letters
from parvis.rules.definitions import calculators

MAX_TOOLS = 3
_WORD = re.compile(r"[a-z0-9]+")
STOP_WORDS = frozenset(
    "a au aux avec ce d de des du en et j je l la le les ma me mes mon ou par pour quel "
    "quelle sa se son sur un une".split()
)
# Words that ask for a kind of tool, as typed in searches.
ASKS = {
    "letter": frozenset(
        "courrier exemple lettre modele redaction rediger ecrire type formulaire".split()
    ),
    "calculator": frozenset(
        "calcul calcule calculer calculette calculateur simulateur simulation montant "
        "combien estimation estimer".split()
    ),
}
KIND_LABELS = {"letter": "Modèle de courrier", "calculator": "Simulateur"}


def words(text: str) -> frozenset[str]:
    """Folded words without stop words, plurals made singular."""
    out = set()
    for word in _WORD.findall(fold(text)):
        if word in STOP_WORDS:
            continue
        if len(word) > 3 and word[-1] in "sx" and not word.isdigit():
            word = word[:-1]
        out.add(word)
    return frozenset(out)


@dataclass(frozen=True)
class Tool:
    kind: str  # "letter" or "calculator"
    title: str
    url: str
    names: tuple[frozenset[str], ...]  # each name's words

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@cache
def tools() -> tuple[Tool, ...]:
    found = [
        Tool(
            "calculator",
            c.title,
            reverse("www:outil", kwargs={"slug": c.slug}),
            tuple(words(name) for name in (c.title, *c.keywords)),
        )
        for c in calculators().values()
    ]
    found += [
        Tool(
            "letter",
            x.title,
            reverse("www:modele", kwargs={"slug": x.slug}),
            tuple(words(name) for name in (x.title, *x.keywords)),
        )
        for x in letters().values()
    ]
    return tuple(found)


def named_tools(query: str) -> list[Tool]:
    """The tools the query names, the kind it asks for first, then the longest names."""
    asked = words(query)
    kinds_asked = {kind for kind, asks in ASKS.items() if asked & asks}
    every_ask = frozenset().union(*ASKS.values())
    scored = []
    for tool in tools():
        matched = [name for name in tool.names if name and name <= asked]
        if not matched:
            continue
        longest = max(matched, key=len)
        said_only_name = not (asked - longest - every_ask)
        if tool.kind not in kinds_asked and not (said_only_name and not kinds_asked):
            continue
        scored.append((tool.kind in kinds_asked, len(longest), tool))
    scored.sort(key=lambda item: (not item[0], -item[1], item[2].title))
    return [tool for *_, tool in scored[:MAX_TOOLS]]
