"""The answers of a dossier as people read them (review page, attestations, the
agents' dossier page): one item per visible question, in the form's order, each
value written the French way."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from parvis.cases.answers import check_answers
from parvis.cases.fields import (
    Country,
    Date,
    Explanation,
    File,
    LinkedChoice,
    MultipleChoice,
    PostalAddress,
    RepeatedBlock,
    SectionHeading,
    YesNo,
)
from parvis.cases.fields import Decimal as DecimalField
from parvis.cases.fields.places import country_name


@dataclass
class Item:
    kind: str  # "section", "answer", "block"
    label: str
    id: str = ""
    text: str = ""
    file: dict | None = None
    rows: list[list["Item"]] = field(default_factory=list)


def _french_number(value: str) -> str:
    number = Decimal(value)
    whole, _, decimals = format(number, "f").partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    grouped = f"{int(digits):,}".replace(",", "\u202f")
    return f"{sign}{grouped}" + (f",{decimals}" if decimals else "")


def display(definition, value) -> str:
    """A normalised answer as text."""
    if value is None:
        return "Non renseigné"
    if isinstance(definition, YesNo):
        return "Oui" if value else "Non"
    if isinstance(definition, Date):
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
    if isinstance(definition, DecimalField):
        return _french_number(value)
    if isinstance(definition, Country):  # and nationality
        return country_name(value)
    if isinstance(definition, MultipleChoice):
        return ", ".join(value)
    if isinstance(definition, LinkedChoice):
        return " / ".join(part for part in (value["primary"], value["secondary"]) if part)
    if isinstance(definition, PostalAddress):
        lines = [
            value["street"],
            value.get("complement", ""),
            f"{value['postal_code']} {value['city']}",
        ]
        return ", ".join(line for line in lines if line)
    if isinstance(definition, File):
        size = value["size"]
        shown = (
            f"{size / 1024 / 1024:.1f} Mo" if size >= 1024 * 1024 else f"{max(1, size // 1024)} Ko"
        )
        return f"{value['name']} ({shown.replace('.', ',')})"
    return str(value)


def _items(fields, values: dict, visible: set[str]) -> list[Item]:
    items = []
    for definition in fields:
        if definition.id not in visible:
            continue
        if isinstance(definition, SectionHeading):
            items.append(Item("section", definition.label, definition.id))
        elif isinstance(definition, Explanation):
            continue
        elif isinstance(definition, RepeatedBlock):
            rows = []
            for row in values.get(definition.id) or []:
                checked = check_answers(definition.children, row, complete=False)
                rows.append(_items(definition.children, checked.values, set(checked.visible)))
            items.append(Item("block", definition.label, definition.id, rows=rows))
        else:
            value = values.get(definition.id)
            items.append(
                Item(
                    "answer",
                    definition.label,
                    definition.id,
                    text=display(definition, value),
                    file=value if isinstance(definition, File) and value else None,
                )
            )
    return items


def summarise(form, answers: dict) -> list[Item]:
    """The visible questions of `form` with the answers of `answers` (raw or normalised)."""
    checked = form.check(answers, complete=False)
    return _items(form.root, checked.values, set(checked.visible))
