"""The decision trees of a fiche: which content applies to which answers.

A questionnaire's choices and a guided search's branches set criteria (`Assignment`);
conditioned units (cases, situations, chapters, list items, fragments) apply when
their `Condition` holds. `units()` lists the conditioned units with their ids,
`outcomes()` what applies once a choice is selected. A guided search's branches
also lead to other fiches (`Branch.links`), whose conditions test the criteria set
along the way (`path_assignments`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from parvis.corpus.fiche.blocks import (
    Assignment,
    Block,
    Branch,
    Case,
    Cases,
    Choice,
    Condition,
    Fiche,
    Fragment,
    ListBlock,
    Problem,
    Question,
    Questionnaire,
    Section,
    Situation,
    Situations,
    child_lists,
    walk,
    walk_branches,
)


@dataclass(frozen=True)
class Unit:
    """Content that applies only under a condition: `id` is its anchor or id in the
    fiche, `path` the titles leading to it (its own last when it has one)."""

    id: str
    kind: str  # "section", "case", "situation", "item", "fragment"
    path: tuple[str, ...]
    condition: Condition

    @property
    def title(self) -> str:
        return " › ".join(self.path)

    def applies(self, values: Mapping[str, bool]) -> bool:
        return self.condition.evaluate(values)


def units(blocks: list[Block], path: tuple[str, ...] = ()) -> Iterator[Unit]:
    """The conditioned units of a block tree, in document order."""
    for block in blocks:
        if isinstance(block, Section):
            inner = (*path, block.title) if block.title else path
            if block.condition is not None:
                yield Unit(block.anchor, "section", inner, block.condition)
            yield from units(block.blocks, inner)
        elif isinstance(block, Cases | Situations):
            members: list[Case | Situation] = (
                block.cases if isinstance(block, Cases) else block.situations
            )
            kind = "case" if isinstance(block, Cases) else "situation"
            for member in members:
                inner = (*path, member.title)
                if member.condition is not None:
                    yield Unit(member.anchor, kind, inner, member.condition)
                yield from units(member.blocks, inner)
        elif isinstance(block, ListBlock):
            for item in block.items:
                if item.condition is not None:
                    yield Unit(item.id, "item", path, item.condition)
                yield from units(item.blocks, path)
        elif isinstance(block, Fragment):
            if block.condition is not None:
                yield Unit(block.id, "fragment", path, block.condition)
            yield from units(block.blocks, path)
        else:
            for children in child_lists(block):
                yield from units(children, path)


def values_of(assignments: list[Assignment]) -> dict[str, bool]:
    return {assignment.var: assignment.value for assignment in assignments}


def outcomes(choice: Choice | Branch, conditioned: list[Unit]) -> list[Unit]:
    """The units that apply because of this choice: their condition holds once the
    choice's criteria are set and tests a criterion the choice sets true."""
    values = values_of(choice.sets)
    chosen = {var for var, value in values.items() if value}
    return [
        unit for unit in conditioned if unit.condition.variables() & chosen and unit.applies(values)
    ]


def questionnaires(fiche: Fiche) -> list[Questionnaire]:
    return [block for block in walk(fiche.structure) if isinstance(block, Questionnaire)]


def questions(fiche: Fiche) -> list[Question]:
    return [question for q in questionnaires(fiche) for question in q.questions]


def problems(fiche: Fiche) -> list[Problem]:
    return [block for block in walk(fiche.structure) if isinstance(block, Problem)]


def path_assignments(problem: Problem, branch_id: str) -> list[Assignment]:
    """The criteria set on the way to a branch of a guided search (its own last)."""

    def find(branches: list[Branch], trail: list[Assignment]) -> list[Assignment] | None:
        for branch in branches:
            here = [*trail, *branch.sets]
            if branch.id == branch_id:
                return here
            if (found := find(branch.branches, here)) is not None:
                return found
        return None

    return find(problem.branches, list(problem.sets)) or []


def criteria_labels(fiche: Fiche) -> dict[str, str]:
    """How this fiche names the criteria its own choices and branches set true
    (a choice's label, else its title; a branch's title)."""
    labels: dict[str, str] = {}
    for question in questions(fiche):
        for choice in question.choices:
            for assignment in choice.sets:
                if assignment.value:
                    labels.setdefault(assignment.var, choice.label or choice.title)
    for problem in problems(fiche):
        for branch in walk_branches(problem.branches):
            for assignment in branch.sets:
                if assignment.value and branch.title:
                    labels.setdefault(assignment.var, branch.title)
    return labels


def describe(condition: Condition, labels: Mapping[str, str]) -> str:
    """A condition in words, with the criteria this fiche names; "" when one is unnamed."""
    op = condition.op
    if op == "true":
        return labels.get(condition.var, "")
    if op == "undefined":
        return ""
    parts = [describe(term, labels) for term in condition.terms]
    if op == "or":
        # "true or undefined" of one criterion reads as that criterion alone
        named = [part for part in parts if part]
        pairs = zip(parts, condition.terms, strict=True)
        if named and all(part or term.op == "undefined" for part, term in pairs):
            return " ou ".join(dict.fromkeys(named))
        return ""
    if all(parts):
        return " et ".join(parts)
    return ""
