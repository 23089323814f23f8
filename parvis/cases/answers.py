"""Checking an applicant's answers against a list of field definitions.

Fields are read in order; each condition sees the answers before it. A hidden
field is never required and its answer is dropped, whatever the applicant sent;
an answer to an unknown field is dropped too. `complete=True` is the check at
filing (required fields must be answered); a draft is checked without it.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from parvis.cases.fields.base import FieldDefinition, FieldError, is_empty

REQUIRED = "Ce champ est obligatoire."

# id -> (definition, normalised answer or None): what conditions can see.
Scope = dict[str, tuple[FieldDefinition, Any]]


@dataclass
class Answers:
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    visible: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ScopeOperands:
    """The `Operands` of conditions over answers checked so far."""

    def __init__(self, scope: Scope):
        self.scope = scope

    def answer(self, field_id: str) -> Any:
        definition, value = self.scope.get(field_id, (None, None))
        return None if value is None else definition.comparable(value)

    def literal(self, field_id: str, raw: Any) -> Any:
        definition, _ = self.scope.get(field_id, (None, None))
        if definition is None:
            return None
        try:
            return definition.condition_literal(raw)
        except FieldError:
            return None


def check_answers(
    fields: Sequence[FieldDefinition],
    raw: Mapping[str, Any],
    *,
    complete: bool,
    scope: Scope | None = None,
) -> Answers:
    scope = dict(scope or {})
    result = Answers()
    for definition in fields:
        if definition.condition and not definition.condition.holds(ScopeOperands(scope)):
            scope[definition.id] = (definition, None)
            continue
        result.visible.append(definition.id)
        if not definition.carries_value:
            continue
        value = None
        raw_value = raw.get(definition.id)
        if is_empty(raw_value):
            if complete and definition.required:
                result.errors[definition.id] = REQUIRED
        else:
            try:
                value = definition.clean_in_form(raw_value, scope, complete=complete)
            except FieldError as error:
                result.errors[definition.id] = error.message
                for path, message in error.errors.items():
                    result.errors[f"{definition.id}.{path}"] = message
            else:
                result.values[definition.id] = value
        scope[definition.id] = (definition, value)
    return result
