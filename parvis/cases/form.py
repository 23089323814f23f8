"""A revision's form: the ordered field definitions, checked as a whole.

Storage choice: a revision keeps its fields as one JSON document (this model, dumped),
not as rows. A revision is read whole (to show or check a form) and frozen whole
when published, so one document keeps reading to one query and publishing to a
copy; pydantic checks the whole definition each time it is saved, including what
rows could not (condition references, literals of the right type). The price is
that "which revisions use field X" needs a scan of JSON, which only editors ask.
"""

from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Any

from pydantic import RootModel, model_validator

from parvis.cases.answers import Answers, check_answers
from parvis.cases.conditions import comparisons
from parvis.cases.fields import AnyField, FieldDefinition, FieldError, RepeatedBlock


def _check_conditions(fields, known: dict[str, FieldDefinition]) -> None:
    """Each condition tests fields placed before it, with operators and literals their
    type accepts. `known` holds the fields a condition may see, in order."""
    for definition in fields:
        if definition.condition:
            for leaf in comparisons(definition.condition):
                target = known.get(leaf.field)
                if target is None:
                    raise ValueError(
                        f"la condition du champ « {definition.id} » porte sur « {leaf.field} », "
                        "qui n'est pas un champ placé avant lui"
                    )
                if leaf.op not in target.operators:
                    raise ValueError(
                        f"la condition du champ « {definition.id} » ne peut pas utiliser "
                        f"« {leaf.op} » sur le champ « {target.id} »"
                    )
                if hasattr(leaf, "value"):
                    try:
                        target.condition_literal(leaf.value)
                    except FieldError as error:
                        raise ValueError(
                            f"la condition du champ « {definition.id} » compare « {target.id} » "
                            f"à une valeur impossible : {error.message}"
                        ) from None
        if isinstance(definition, RepeatedBlock):
            _check_conditions(definition.children, dict(known))
        if definition.carries_value:
            known[definition.id] = definition


class FormDefinition(RootModel[list[AnyField]]):
    @model_validator(mode="after")
    def _consistent(self):
        ids = [definition.id for definition in self.all_fields()]
        duplicates = sorted({field_id for field_id in ids if ids.count(field_id) > 1})
        if duplicates:
            raise ValueError(f"identifiants de champ en double : {', '.join(duplicates)}")
        _check_conditions(self.root, {})
        return self

    def all_fields(self) -> Iterator[FieldDefinition]:
        """Every field, a repeated block's children after the block."""
        for definition in self.root:
            yield definition
            if isinstance(definition, RepeatedBlock):
                yield from definition.children

    @cached_property
    def by_id(self) -> dict[str, FieldDefinition]:
        return {definition.id: definition for definition in self.all_fields()}

    def check(self, raw: Mapping[str, Any], *, complete: bool) -> Answers:
        return check_answers(self.root, raw, complete=complete)

    def routing_value(self, field_id: str, values: Mapping[str, Any]) -> str | None:
        """The text a routing rule on `field_id` matches, or None when not answered."""
        definition = self.by_id.get(field_id)
        value = values.get(field_id)
        if definition is None or value is None:
            return None
        return definition.routing_value(value)
