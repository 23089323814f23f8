"""Field types, one class each (as démarches-simplifiées' champs): each is a typed
definition (pydantic) that validates itself when a revision is saved, and knows how to
clean an applicant's raw answer into a normalised value, or refuse it in French.

`AnyField` is the discriminated union a revision's JSON is read with (key `type`).
"""

from typing import Annotated

from pydantic import Field

from parvis.cases.fields.base import FieldDefinition, FieldError, is_empty
from parvis.cases.fields.choices import LinkedChoice, MultipleChoice, SingleChoice, YesNo
from parvis.cases.fields.dates import Date
from parvis.cases.fields.files import File, IdentityDocument
from parvis.cases.fields.identifiers import Iban, Siret
from parvis.cases.fields.layout import Explanation, SectionHeading
from parvis.cases.fields.numbers import Decimal, Integer
from parvis.cases.fields.places import Commune, Country, Nationality, PostalAddress
from parvis.cases.fields.repetition import ChildField, RepeatedBlock
from parvis.cases.fields.text import Email, LongText, Phone, ShortText

AnyField = Annotated[ChildField | RepeatedBlock, Field(discriminator="type")]

__all__ = [
    "AnyField",
    "ChildField",
    "Commune",
    "Country",
    "Date",
    "Decimal",
    "Email",
    "Explanation",
    "FieldDefinition",
    "FieldError",
    "File",
    "Iban",
    "IdentityDocument",
    "Integer",
    "LinkedChoice",
    "LongText",
    "MultipleChoice",
    "Nationality",
    "Phone",
    "PostalAddress",
    "RepeatedBlock",
    "SectionHeading",
    "ShortText",
    "SingleChoice",
    "Siret",
    "YesNo",
    "is_empty",
]
