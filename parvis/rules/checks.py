"""Every definition cites articles we hold, in force, under the number it names.

The corpus keeps only articles in force (the loaders drop the others), so an
article that is abrogated, or a key that was mistyped, is missing from it; an
article held under another number means the key points at the wrong article.
"""

from __future__ import annotations

from dataclasses import dataclass

from parvis.corpus.models import Document
from parvis.rules.definitions import Rule, all_rules


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


def check_references(rules: list[Rule] | None = None) -> list[Problem]:
    """The problems found (empty when every reference is sound)."""
    rules = list(all_rules()) if rules is None else rules
    keys = {ref.key for rule in rules for ref in rule.references}
    held = dict(Document.objects.filter(key__in=keys).values_list("key", "number"))
    problems = []
    for rule in rules:
        where = f"{rule.calculator}/{rule.path.name}"
        if not rule.references:
            problems.append(Problem(where, "", "", "la définition ne cite aucun article"))
        for ref in rule.references:
            if ref.key not in held:
                reason = "article absent du corpus : inconnu ou qui n'est plus en vigueur"
                problems.append(Problem(where, ref.key, ref.label, reason))
            elif ref.key.startswith("legi:") and held[ref.key] != _number(ref.label):
                reason = f"la clé désigne l'article {held[ref.key]}, pas {_number(ref.label)}"
                problems.append(Problem(where, ref.key, ref.label, reason))
    return problems
