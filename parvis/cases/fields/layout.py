"""Blocks that structure a form and carry no answer: section headings, explanations."""

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from parvis.cases.fields.base import FieldDefinition


class _Layout(FieldDefinition):
    carries_value: ClassVar[bool] = False
    operators: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="after")
    def _never_required(self):
        if self.required:
            raise ValueError("un bloc de présentation ne peut pas être obligatoire")
        return self

    def clean(self, raw):
        return None


class SectionHeading(_Layout):
    type: Literal["section"] = "section"


class Explanation(_Layout):
    type: Literal["explanation"] = "explanation"
    text: str = Field(default="", max_length=20_000)
