"""Every definition cites articles we hold, in force, under the number it names.

The corpus keeps only articles in force (the loaders drop the others), so an
article that is abrogated, or a key that was mistyped, is missing from it; an
article held under another number means the key points at the wrong article.
"""

from __future__ import annotations

from dataclasses import dataclass

from parvis.corpus.models import Document
from parvis.rules.definitions import Reference, Rule, all_rules


@dataclass(frozen=True)
class Problem:
    rule: str
    key: str
    label: str
    reason: str

    def __str__(self):
        return f"{self.rule}: {self.label} ({self.key}) : {self.reason}"


def _number(label: str) -> str:
    return label.removeprefix("Article").strip()


def held_articles(keys) -> dict[str, str]:
    """The number of each key the corpus holds (absent when not held)."""
    return dict(Document.objects.filter(key__in=set(keys)).values_list("key", "number"))


def check_cited(
    citing: list[tuple[str, tuple[Reference, ...]]], held: dict[str, str] | None = None
) -> list[Problem]:
    """The problems in what each (name, references) cites: nothing cited, an article
    not held (or no longer in force), a key naming another article. `held` maps key
    -> number (the corpus's by default)."""
    if held is None:
        held = held_articles(ref.key for _name, refs in citing for ref in refs)
    problems = []
    for where, references in citing:
        if not references:
            problems.append(Problem(where, "", "", "la définition ne cite aucun article"))
        for ref in references:
            if ref.key not in held:
                reason = "article absent du corpus : inconnu ou qui n'est plus en vigueur"
                problems.append(Problem(where, ref.key, ref.label, reason))
            elif ref.key.startswith("legi:") and held[ref.key] != _number(ref.label):
                reason = f"la clé désigne l'article {held[ref.key]}, pas {_number(ref.label)}"
                problems.append(Problem(where, ref.key, ref.label, reason))
    return problems


def check_references(rules: list[Rule] | None = None) -> list[Problem]:
    """The problems found in the calculators' rules (empty when every reference is sound)."""
    rules = list(all_rules()) if rules is None else rules
    return check_cited([(f"{r.calculator}/{r.path.name}", r.references) for r in rules])
