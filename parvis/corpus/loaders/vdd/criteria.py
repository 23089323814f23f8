"""The personalisation machinery: Condition expressions and SiSelectionne assignments."""

from __future__ import annotations

from parvis.corpus.fiche.blocks import AllOf, AnyOf, Assignment, Condition, IsTrue, IsUndefined
from parvis.corpus.loaders.vdd.xml import attr, elements, first


def expression(node: dict) -> Condition | None:
    """One operator element (estVrai, estIndefini, ou, et) as a Condition."""
    name = node.get("name")
    if name == "estVrai" and attr(node, "var"):
        return IsTrue(var=attr(node, "var"))
    if name == "estIndefini" and attr(node, "var"):
        return IsUndefined(var=attr(node, "var"))
    if name in ("ou", "et"):
        terms = [term for term in map(expression, elements(node)) if term is not None]
        if len(terms) == 1:
            return terms[0]
        if terms:
            return AnyOf(terms=terms) if name == "ou" else AllOf(terms=terms)
    return None


def condition_of(node: dict) -> Condition | None:
    """The Condition child of a conditioned element (several expressions: all hold)."""
    condition = first(node, "Condition")
    if condition is None:
        return None
    terms = [term for term in map(expression, elements(condition)) if term is not None]
    if len(terms) > 1:
        return AllOf(terms=terms)
    return terms[0] if terms else None


def assignments_of(node: dict) -> list[Assignment]:
    """What selecting the element sets: its SiSelectionne's affecteVrai / affecteFaux."""
    return [
        Assignment(var=attr(item, "var"), value=item.get("name") == "affecteVrai")
        for selected in elements(node, "SiSelectionne")
        for item in elements(selected, "affecteVrai", "affecteFaux")
        if attr(item, "var")
    ]
