"""Answers as people read them: one text per answer, whatever its field type, for
the agents' dossier page and the exports. Pages add the links (files) and layout."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from parvis.cases.fields import (
    Commune,
    Country,
    Date,
    Decimal,
    Explanation,
    File,
    LinkedChoice,
    MultipleChoice,
    PostalAddress,
    RepeatedBlock,
    SectionHeading,
    YesNo,
)
from parvis.cases.fields.files import _size_text
from parvis.cases.fields.places import country_name, departement_of

NOT_ANSWERED = "Non renseigné"


def readable(definition, value: Any) -> str:
    """The French text of one normalised answer."""
    if value is None or value == "" or value == []:
        return NOT_ANSWERED
    match definition:
        case YesNo():
            return "Oui" if value else "Non"
        case MultipleChoice():
            return ", ".join(value)
        case LinkedChoice():
            return " – ".join(part for part in (value["primary"], value["secondary"]) if part)
        case Date():
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        case Decimal():
            return value.replace(".", ",")
        case PostalAddress():
            city = f"{value['postal_code']} {value['city']}"
            return ", ".join(part for part in (value["street"], value["complement"], city) if part)
        case Commune():
            return f"{value} (département {departement_of(value)})"
        case Country():
            return country_name(value)
        case File():
            return f"{value['name']} ({_size_text(value['size'])})"
        case RepeatedBlock():
            return " ; ".join(
                ", ".join(
                    f"{child.label} : {readable(child, row.get(child.id))}"
                    for child in definition.children
                    if child.carries_value
                )
                for row in value
            )
    return str(value)


@dataclass
class AnswerRow:
    """One line of a dossier's answers: a heading, an explanation, or an answer; a file
    answer carries its `path` (field id, with the row for a repeated block's file);
    a repeated block carries its rows."""

    label: str
    kind: str  # "heading", "answer", "file", "block"
    text: str = ""
    path: str = ""
    rows: list[list["AnswerRow"]] = field(default_factory=list)


def _rows(fields, answers: dict, prefix: str = "") -> list[AnswerRow]:
    lines = []
    for definition in fields:
        if isinstance(definition, SectionHeading):
            lines.append(AnswerRow(definition.label, "heading"))
        elif isinstance(definition, Explanation):
            continue
        elif isinstance(definition, RepeatedBlock):
            rows = answers.get(definition.id) or []
            lines.append(
                AnswerRow(
                    definition.label,
                    "block",
                    text=NOT_ANSWERED if not rows else f"{len(rows)} ligne(s)",
                    rows=[
                        _rows(definition.children, row, f"{prefix}{definition.id}.{index}.")
                        for index, row in enumerate(rows)
                    ],
                )
            )
        elif definition.id in answers or definition.required:
            value = answers.get(definition.id)
            is_file = isinstance(definition, File) and value is not None
            lines.append(
                AnswerRow(
                    definition.label,
                    "file" if is_file else "answer",
                    text=readable(definition, value),
                    path=f"{prefix}{definition.id}" if is_file else "",
                )
            )
    return lines


def answer_rows(revision, answers: dict) -> list[AnswerRow]:
    """The dossier's answers in form order (a hidden, unanswered field is left out)."""
    return _rows(revision.form.root, answers)


def file_answer(answers: dict, path: str) -> dict | None:
    """The stored file description at `path` ("piece" or "enfants.0.piece"), or None."""
    value: Any = answers
    for part in path.split("."):
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return None
    if isinstance(value, dict) and isinstance(value.get("key"), str) and "sha256" in value:
        return value
    return None
