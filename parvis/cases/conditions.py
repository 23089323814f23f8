"""Conditional display: a small condition tree over the answers of earlier fields.

A condition is data (stored in the revision's JSON): comparisons (`equals`,
`not_equals`, `less_than`, `greater_than`, `contains`, `is_empty`,
`is_not_empty`) combined with `and` / `or`. It is evaluated against the
*normalised* answers of the fields before it; a field that is hidden or invalid
counts as empty. The field types decide how a value compares (a decimal as a
Decimal, a date as a date), through the `Operands` the caller passes.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

FieldId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]

ORDERED_OPERATORS = frozenset({"less_than", "greater_than"})


class Operands(Protocol):
    """What a condition needs from the form: the comparable answer of a field, and a
    condition's literal turned into the same comparable form."""

    def answer(self, field_id: str) -> Any: ...

    def literal(self, field_id: str, raw: Any) -> Any: ...


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Comparison(_Node):
    op: Literal["equals", "not_equals", "less_than", "greater_than", "contains"]
    field: FieldId
    value: Any

    def holds(self, operands: Operands) -> bool:
        answer = operands.answer(self.field)
        literal = operands.literal(self.field, self.value)
        if self.op == "equals":
            return answer == literal
        if self.op == "not_equals":
            return answer != literal
        if answer is None or literal is None:
            return False
        if self.op == "contains":
            if isinstance(answer, str) and isinstance(literal, str):
                return literal.casefold() in answer.casefold()
            return isinstance(answer, list | tuple | set | frozenset) and literal in answer
        try:
            return answer < literal if self.op == "less_than" else answer > literal
        except TypeError:
            return False

    def field_ids(self) -> set[str]:
        return {self.field}


class Emptiness(_Node):
    op: Literal["is_empty", "is_not_empty"]
    field: FieldId

    def holds(self, operands: Operands) -> bool:
        empty = operands.answer(self.field) is None
        return empty if self.op == "is_empty" else not empty

    def field_ids(self) -> set[str]:
        return {self.field}


class AllOf(_Node):
    op: Literal["and"]
    conditions: list[Condition] = Field(min_length=1)

    def holds(self, operands: Operands) -> bool:
        return all(condition.holds(operands) for condition in self.conditions)

    def field_ids(self) -> set[str]:
        return set().union(*(condition.field_ids() for condition in self.conditions))


class AnyOf(_Node):
    op: Literal["or"]
    conditions: list[Condition] = Field(min_length=1)

    def holds(self, operands: Operands) -> bool:
        return any(condition.holds(operands) for condition in self.conditions)

    def field_ids(self) -> set[str]:
        return set().union(*(condition.field_ids() for condition in self.conditions))


Condition = Annotated[Comparison | Emptiness | AllOf | AnyOf, Field(discriminator="op")]

AllOf.model_rebuild()
AnyOf.model_rebuild()


def comparisons(condition: Comparison | Emptiness | AllOf | AnyOf):
    """Every leaf of a condition tree (to check its fields and literals once)."""
    if isinstance(condition, AllOf | AnyOf):
        for child in condition.conditions:
            yield from comparisons(child)
    else:
        yield condition
