"""Yes/no, one or several options from a list, and two-level linked drop-downs."""

from typing import Literal

from pydantic import Field, field_validator, model_validator

from parvis.cases.fields.base import FieldDefinition, FieldError

_YES = {"oui", "true", "1", "yes"}
_NO = {"non", "false", "0", "no"}
Option = str


def _distinct(options: list[str]) -> list[str]:
    if any(not option.strip() for option in options):
        raise ValueError("une option ne peut pas être vide")
    if len(set(options)) != len(options):
        raise ValueError("les options doivent être toutes différentes")
    return options


class YesNo(FieldDefinition):
    type: Literal["yes_no"] = "yes_no"

    def clean(self, raw):
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in _YES | _NO:
            return raw.strip().lower() in _YES
        raise FieldError("Répondez par oui ou par non.")


class SingleChoice(FieldDefinition):
    type: Literal["single_choice"] = "single_choice"
    options: list[Option] = Field(min_length=1)

    _options_distinct = field_validator("options")(_distinct)

    def clean(self, raw):
        if raw not in self.options:
            raise FieldError("Choisissez une des options proposées.")
        return raw


class MultipleChoice(FieldDefinition):
    """Stored as the chosen options in the order of the list, each once."""

    type: Literal["multiple_choice"] = "multiple_choice"
    options: list[Option] = Field(min_length=1)

    _options_distinct = field_validator("options")(_distinct)

    def clean(self, raw):
        chosen = [raw] if isinstance(raw, str) else raw
        if not isinstance(chosen, list) or any(option not in self.options for option in chosen):
            raise FieldError("Choisissez parmi les options proposées.")
        return [option for option in self.options if option in chosen]

    def condition_literal(self, raw):
        # "contains <option>" is how a condition tests a multiple choice.
        if raw not in self.options:
            raise FieldError("Choisissez une des options proposées.")
        return raw


class LinkedChoice(FieldDefinition):
    """Two linked drop-downs: the second list depends on the first choice (for example
    a département, then one of its communes). Stored as {"primary", "secondary"}."""

    type: Literal["linked_choice"] = "linked_choice"
    secondary_label: str = Field(min_length=1, max_length=500)
    options: dict[Option, list[Option]] = Field(min_length=1)

    @model_validator(mode="after")
    def _options_distinct(self):
        _distinct(list(self.options))
        for secondaries in self.options.values():
            _distinct(secondaries)
        return self

    def clean(self, raw):
        if isinstance(raw, str):
            raw = {"primary": raw}
        if not isinstance(raw, dict) or set(raw) - {"primary", "secondary"}:
            raise FieldError("Choisissez une des options proposées.")
        primary, secondary = raw.get("primary") or None, raw.get("secondary") or None
        if primary not in self.options:
            raise FieldError("Choisissez une des options proposées dans la première liste.")
        allowed = self.options[primary]
        if secondary is None:
            if allowed and self.required:
                raise FieldError(f"Choisissez aussi : {self.secondary_label}.")
        elif secondary not in allowed:
            raise FieldError(
                f"« {secondary} » ne fait pas partie des choix possibles pour « {primary} »."
            )
        return {"primary": primary, "secondary": secondary}

    def comparable(self, value):
        return value["primary"]

    def condition_literal(self, raw):
        if raw not in self.options:
            raise FieldError("Choisissez une des options proposées dans la première liste.")
        return raw

    def routing_value(self, value):
        return value["primary"]
