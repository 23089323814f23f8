"""What a loader yields: plain records, independent of the database.

Loaders turn source files into DocumentRecord objects; `ingest` compares
their content hash with what is stored and writes only what changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date

from parvis.corpus.enums import RelationType


class SourceError(Exception):
    """A source file is missing or malformed; names the file and the reason."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass
class PassageRecord:
    anchor: str
    title: str
    text: str
    idcc: str = ""  # set when the passage answers for one collective agreement only


@dataclass(frozen=True, order=True)
class RelationRecord:
    """A typed link from the record's document to another document's key."""

    type: str  # a RelationType value
    target: str


def relations_from_references(references: list[dict], source_key: str) -> list[RelationRecord]:
    """CITES relations for the resolved keys of a document's references, sorted, unique."""
    targets = {key for ref in references for key in ref.get("keys") or [] if key != source_key}
    return [RelationRecord(RelationType.CITES, key) for key in sorted(targets)]


@dataclass
class DocumentRecord:
    key: str
    kind: str
    slug: str
    title: str
    text: str = ""
    html: str = ""
    breadcrumb: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)
    official_url: str = ""
    number: str = ""
    idcc: str = ""
    parent_key: str = ""
    position: int = 0
    modified: date | None = None
    passages: list[PassageRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)

    @property
    def source(self) -> str:
        return self.key.split(":", 1)[0]

    def content_hash(self) -> str:
        payload = json.dumps(_plain(self), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()


def _plain(value):
    """The JSON payload `dataclasses.asdict` would give, without its deep copy of
    every nested dict (a third of the ingestion's time): records only nest
    dataclasses in lists, and their `data` is already plain JSON."""
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def modification_date(value: date | None) -> date | None:
    """A source's date as a "last modification" date, or None when it cannot be one:
    a date after today is an end-of-validity sentinel (Légifrance writes 2999-01-01)
    or a change not yet in force, never the date of the text shown."""
    return value if value is not None and value <= date.today() else None


def read_json(path):
    """Load a source JSON file, turning any failure into a SourceError."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise SourceError(path, "file not found (is `npm ci --ignore-scripts` done?)") from None
    except json.JSONDecodeError as exc:
        raise SourceError(path, f"invalid JSON at line {exc.lineno}, column {exc.colno}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(path, f"unreadable: {exc}") from None


def expect(condition: bool, path, reason: str) -> None:
    """Raise a SourceError unless the file has the structure a loader relies on."""
    if not condition:
        raise SourceError(path, reason)
