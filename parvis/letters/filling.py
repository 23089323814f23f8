"""Answers to a letter's form, validated with French reasons, and the letter they
fill. The page and the API call the same functions, so both refuse the same
answers for the same reasons."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from parvis.letters.definitions import CONDITION, PLACEHOLDER, Field, Letter
from parvis.rules.answers import parse_date, parse_number

MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MIN_YEAR, MAX_YEAR = 1950, 2100


class InvalidLetterInput(ValueError):
    """Answers refused: field name -> reason in French."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{name} : {reason}" for name, reason in errors.items()))
        self.errors = errors


def french_date(day: date) -> str:
    """'1er mars 2026', as a letter writes it."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def french_number(number: float) -> str:
    """'1 234,50' (two decimals unless whole)."""
    text = f"{number:,.0f}" if number == int(number) else f"{number:,.2f}"
    return text.replace(",", "\u202f").replace(".", ",")


def _bound(number: float) -> str:
    return f"{number:g}".replace(".", ",")


def clean_value(field: Field, raw) -> str:
    """The text the letter shows for one answer ('' when left empty); ValueError
    with the French reason when refused."""
    if field.type == "checkbox":
        return _checkbox(raw)
    text = "" if raw is None else str(raw)
    text = CONTROL.sub("", text).replace("\r\n", "\n").strip()
    if field.type != "textarea":
        text = " ".join(text.split())
    if not text:
        if field.required:
            raise ValueError("ce champ est obligatoire")
        return ""
    if len(text) > field.max_length:
        raise ValueError(f"{field.max_length} caractères au plus")
    if field.type == "date":
        try:
            day = parse_date(text)
        except ValueError:
            raise ValueError("date attendue au format JJ/MM/AAAA") from None
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise ValueError(f"date entre {MIN_YEAR} et {MAX_YEAR} attendue")
        return french_date(day)
    if field.type == "number":
        number = parse_number(text)
        if field.minimum is not None and number < field.minimum:
            raise ValueError(f"nombre supérieur ou égal à {_bound(field.minimum)} attendu")
        if field.maximum is not None and number > field.maximum:
            raise ValueError(f"nombre inférieur ou égal à {_bound(field.maximum)} attendu")
        return french_number(number)
    if field.type == "choice" and text not in field.choices:
        raise ValueError("choix inconnu ; choix possibles : " + ", ".join(field.choices))
    return text


def _text(raw) -> str:
    """A one-line answer as clean_value reads it."""
    return " ".join(CONTROL.sub("", str(raw)).split())


def _checkbox(raw) -> str:
    """'oui' when ticked, '' when not."""
    text = str(raw or "").strip().lower()
    if raw is True or text in ("oui", "on", "true", "1"):
        return "oui"
    if raw in (None, False) or text in ("", "non", "false", "0"):
        return ""
    raise ValueError("oui ou non attendu")


def clean_answers(letter: Letter, answers: dict) -> dict[str, str]:
    """Every field's text; InvalidLetterInput listing every refused answer."""
    unknown = sorted(set(answers) - {f.name for f in letter.fields})
    errors = {name: "champ inconnu de ce modèle" for name in unknown[:10]}
    values = {}
    for field in letter.fields:
        try:
            values[field.name] = clean_value(field, answers.get(field.name))
        except ValueError as error:
            errors[field.name] = str(error)
    for field in letter.fields:
        if field.after and values.get(field.name) and values.get(field.after):
            if parse_date(_text(answers[field.name])) < parse_date(_text(answers[field.after])):
                other = letter.field(field.after)
                errors[field.name] = f"date antérieure à « {other.label} »"
        if field.required_if and field.name in values and not values[field.name]:
            name, value = field.required_if
            if values.get(name) == value:
                other = letter.field(name)
                errors[field.name] = f"obligatoire quand « {other.label} » vaut « {value} »"
    if errors:
        raise InvalidLetterInput(errors)
    return values


@dataclass(frozen=True)
class FilledLetter:
    letter: Letter
    from_lines: tuple[str, ...]
    to_lines: tuple[str, ...]
    place_date: str
    how_sent: str
    subject: str
    paragraphs: tuple[str, ...]
    signature: str

    @property
    def text(self) -> str:
        """The whole letter as plain text (the API's, and what tests read)."""
        blocks = [
            "\n".join(self.from_lines),
            "\n".join(self.to_lines),
            self.place_date,
            self.how_sent,
            f"Objet : {self.subject}",
            *self.paragraphs,
            self.signature,
        ]
        return "\n\n".join(block for block in blocks if block)


def _fill(text: str, values: dict[str, str]) -> str | None:
    """The text with its placeholders filled; None when it names an empty field
    (an optional line or paragraph left out) or its condition does not hold."""
    if match := CONDITION.match(text):
        name, expected = match.groups()
        if (values[name] != expected) if expected else not values[name]:
            return None
        text = text[match.end() :]
    names = PLACEHOLDER.findall(text)
    if any(not values[name] for name in names):
        return None
    text = " ".join(line.strip() for line in text.split("\n"))
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def _all(texts, values) -> tuple[str, ...]:
    return tuple(filled for text in texts if (filled := _fill(text, values)))


def fill(letter: Letter, answers: dict) -> FilledLetter:
    """The letter filled from raw answers (InvalidLetterInput when refused)."""
    values = clean_answers(letter, answers)
    return FilledLetter(
        letter=letter,
        from_lines=_all(letter.from_lines, values),
        to_lines=_all(letter.to_lines, values),
        place_date=_fill(letter.place_date, values) or "",
        how_sent=_fill(letter.how_sent, values) or "",
        subject=_fill(letter.subject, values) or letter.title,
        paragraphs=_all(letter.body, values),
        signature=_fill(letter.signature, values) or "",
    )
