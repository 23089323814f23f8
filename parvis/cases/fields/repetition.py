"""A repeated block: a group of child fields the applicant fills in once per row
(each child, each parent of a family...). Its answer is a list of rows, each row
a mapping of child id to answer; a child's condition may test its siblings in the
row or the fields before the block. Blocks do not nest."""

from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from parvis.cases import answers
from parvis.cases.fields.base import FieldDefinition, FieldError, is_empty
from parvis.cases.fields.choices import LinkedChoice, MultipleChoice, SingleChoice, YesNo
from parvis.cases.fields.dates import Date
from parvis.cases.fields.files import File, IdentityDocument
from parvis.cases.fields.identifiers import Iban, Siret
from parvis.cases.fields.layout import Explanation, SectionHeading
from parvis.cases.fields.numbers import Decimal, Integer
from parvis.cases.fields.places import Commune, Country, Nationality, PostalAddress
from parvis.cases.fields.text import Email, LongText, Phone, ShortText

ChildField = Annotated[
    ShortText
    | LongText
    | Integer
    | Decimal
    | Date
    | YesNo
    | SingleChoice
    | MultipleChoice
    | LinkedChoice
    | Email
    | Phone
    | PostalAddress
    | Commune
    | Country
    | Nationality
    | Iban
    | Siret
    | File
    | IdentityDocument
    | SectionHeading
    | Explanation,
    Field(discriminator="type"),
]


class RepeatedBlock(FieldDefinition):
    type: Literal["repeated_block"] = "repeated_block"
    children: list[ChildField] = Field(min_length=1)
    min_rows: int = Field(default=0, ge=0)
    max_rows: int = Field(default=50, ge=1, le=500)

    operators: ClassVar[frozenset[str]] = frozenset({"is_empty", "is_not_empty"})

    @model_validator(mode="after")
    def _rows_in_order(self):
        if self.min_rows > self.max_rows:
            raise ValueError("min_rows doit être inférieur ou égal à max_rows")
        return self

    def clean(self, raw):
        return self.clean_in_form(raw, {}, complete=True)

    def clean_in_form(self, raw, scope, *, complete):
        if not isinstance(raw, list) or not all(isinstance(row, dict) for row in raw):
            raise FieldError("Remplissez les lignes de ce bloc.")
        rows = [row for row in raw if not is_empty(row)]
        if len(rows) > self.max_rows:
            raise FieldError(f"Ce bloc compte au plus {self.max_rows} lignes.")
        if complete and len(rows) < self.min_rows:
            raise FieldError(f"Remplissez au moins {self.min_rows} lignes dans ce bloc.")
        values, errors = [], {}
        for index, row in enumerate(rows):
            checked = answers.check_answers(self.children, row, complete=complete, scope=scope)
            values.append(checked.values)
            errors.update({f"{index}.{path}": message for path, message in checked.errors.items()})
        if errors:
            raise FieldError("Corrigez les erreurs signalées dans les lignes de ce bloc.", errors)
        return values
