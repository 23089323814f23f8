"""Letter templates as data: one TOML file per letter in `definitions/`, read once
and validated (fields, placeholders, references), so adding a letter means adding
a file. `_common.toml` holds the field groups several letters share (the
employee's and the employer's names and addresses)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from parvis.rules.definitions import Reference, calculators

DEFINITIONS_DIR = Path(__file__).parent / "definitions"
FIELD_TYPES = {"text", "textarea", "date", "choice", "number", "checkbox"}
SENDERS = {"salarie": "Le salarié", "employeur": "L’employeur"}
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
# A paragraph kept only when a field is filled ("[motif] ...") or has a value
# ("[remise=main propre] ...").
CONDITION = re.compile(r"^\[([a-z_][a-z0-9_]*)(?:=([^\]]+))?\]\s*")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class DefinitionError(ValueError):
    """A letter definition is malformed (caught by the tests)."""


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    type: str = "text"
    help: str = ""
    required: bool = True
    choices: tuple[str, ...] = ()
    max_length: int = 200
    minimum: float | None = None
    maximum: float | None = None
    # Required when another field has a value: ("representants", "non").
    required_if: tuple[str, str] | None = None
    after: str = ""  # a date field: on or after this other date field


@dataclass(frozen=True)
class Letter:
    slug: str
    title: str
    summary: str
    sender: str  # "salarie" or "employeur"
    subject: str
    from_lines: tuple[str, ...]
    to_lines: tuple[str, ...]
    place_date: str
    how_sent: str  # the line above the subject saying how the letter is sent
    body: tuple[str, ...]  # paragraphs, each maybe "[condition] text"
    signature: str
    sending: tuple[str, ...]  # how to send it, deadlines
    references: tuple[Reference, ...]
    fields: tuple[Field, ...]
    keywords: tuple[str, ...] = ()  # words that name it in a search
    calculators: tuple[str, ...] = ()  # slugs of the calculators that help fill it

    @property
    def sender_label(self) -> str:
        return SENDERS[self.sender]

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


def _field(raw: dict, where: str) -> Field:
    kind = raw.get("type", "text")
    if kind not in FIELD_TYPES:
        raise DefinitionError(f"{where}: champ {raw.get('name')}: type inconnu {kind!r}")
    if kind == "choice" and not raw.get("choices"):
        raise DefinitionError(f"{where}: champ {raw['name']}: choix manquants")
    default_length = {"textarea": 3000, "date": 10, "number": 20}.get(kind, 200)
    required_if = None
    if raw.get("required_if"):
        name, _, value = raw["required_if"].partition("=")
        required_if = (name, value)
    return Field(
        name=raw["name"],
        label=raw["label"],
        type=kind,
        help=raw.get("help", ""),
        required=raw.get("required", True),
        choices=tuple(raw.get("choices", ())),
        max_length=raw.get("max_length", default_length),
        minimum=raw.get("min"),
        maximum=raw.get("max"),
        required_if=required_if,
        after=raw.get("after", ""),
    )


def _lines(value) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(p.strip() for p in value.strip().split("\n\n") if p.strip())
    return tuple(value)


@cache
def _common() -> dict[str, list[dict]]:
    with (DEFINITIONS_DIR / "_common.toml").open("rb") as handle:
        return tomllib.load(handle)


def load_letter(path: Path) -> Letter:
    """One letter file, validated: every placeholder and condition names a field."""
    where = path.name
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    fields_raw = []
    for group in raw.get("include", ()):
        if group not in _common():
            raise DefinitionError(f"{where}: groupe de champs inconnu {group!r}")
        fields_raw.extend(_common()[group])
    fields_raw.extend(raw.get("fields", ()))
    fields = tuple(_field(item, where) for item in fields_raw)
    names = [f.name for f in fields]
    if len(names) != len(set(names)):
        raise DefinitionError(f"{where}: un champ est défini deux fois")
    for field in fields:
        if field.required_if:
            other = next((f for f in fields if f.name == field.required_if[0]), None)
            if other is None or field.required_if[1] not in other.choices:
                raise DefinitionError(f"{where}: {field.name} : condition required_if invalide")
        if field.after:
            other = next((f for f in fields if f.name == field.after), None)
            if field.type != "date" or other is None or other.type != "date":
                raise DefinitionError(f"{where}: {field.name} : after doit nommer une date")
    if raw.get("sender") not in SENDERS:
        raise DefinitionError(f"{where}: expéditeur inconnu {raw.get('sender')!r}")
    references = tuple(Reference(r["key"], r["label"]) for r in raw.get("references", ()))
    if not references:
        raise DefinitionError(f"{where}: aucune référence juridique")
    for ref in references:
        if not ref.key.startswith(("legi:", "kali:")):
            raise DefinitionError(f"{where}: référence {ref.key!r} : clé legi: ou kali: attendue")
    letter = Letter(
        slug=path.stem,
        title=raw["title"],
        summary=raw["summary"],
        sender=raw["sender"],
        subject=raw["subject"],
        from_lines=tuple(raw["from"]),
        to_lines=tuple(raw["to"]),
        place_date=raw.get("place_date", "À {ville}, le {date_courrier}"),
        how_sent=raw.get("how_sent", "{envoi}" if "envoi" in names else ""),
        body=_lines(raw["body"]),
        signature=raw.get("signature", ""),
        sending=_lines(raw["sending"]),
        references=references,
        fields=fields,
        keywords=tuple(raw.get("keywords", ())),
        calculators=tuple(raw.get("calculators", ())),
    )
    unknown = set(letter.calculators) - set(calculators())
    if unknown:
        raise DefinitionError(f"{where}: simulateur inconnu {sorted(unknown)}")
    _check_placeholders(letter, set(names), where)
    return letter


def _check_placeholders(letter: Letter, names: set[str], where: str):
    texts = [
        letter.subject,
        *letter.from_lines,
        *letter.to_lines,
        letter.place_date,
        letter.how_sent,
        *letter.body,
        letter.signature,
    ]
    used = set()
    for text in texts:
        if match := CONDITION.match(text):
            field = letter.field(match.group(1))
            if field is None:
                raise DefinitionError(f"{where}: condition sur un champ inconnu {match.group(1)}")
            if match.group(2) and match.group(2) not in field.choices:
                choice = match.group(2)
                raise DefinitionError(f"{where}: {choice!r} n'est pas un choix de {field.name}")
            used.add(field.name)
        for name in PLACEHOLDER.findall(text):
            if name not in names:
                raise DefinitionError(f"{where}: le texte cite un champ inconnu {{{name}}}")
            used.add(name)
    if unused := names - used:
        raise DefinitionError(f"{where}: champs jamais utilisés dans le texte : {sorted(unused)}")


@cache
def letters() -> dict[str, Letter]:
    """Every letter, by slug, in title order."""
    found = []
    for path in sorted(DEFINITIONS_DIR.glob("*.toml")):
        if path.name.startswith("_"):
            continue
        if not SLUG.match(path.stem):
            raise DefinitionError(f"{path.name}: nom de fichier invalide")
        found.append(load_letter(path))
    return {letter.slug: letter for letter in sorted(found, key=lambda x: x.title)}


def get_letter(slug: str) -> Letter | None:
    return letters().get(slug)
