"""What every field type shares: its definition (label, help, required, condition)
and the contract `clean(raw) -> normalised value` raising `FieldError` in French.

Normalised values are JSON-friendly (a decimal as a string, a date as ISO text)
because they are stored in the dossier's JSON; `comparable()` turns them back
into Python values for conditions and sorting.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from parvis.cases.conditions import Condition, FieldId

ALL_OPERATORS = frozenset(
    {"equals", "not_equals", "less_than", "greater_than", "contains", "is_empty", "is_not_empty"}
)
UNORDERED_OPERATORS = ALL_OPERATORS - {"less_than", "greater_than"}


class FieldError(ValueError):
    """A raw value a field refuses. `message` is French; `errors` holds the messages of
    nested fields (a repeated block's rows), keyed by their path under this field."""

    def __init__(self, message: str, errors: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


def is_empty(raw: Any) -> bool:
    """No answer: nothing, blank text, or a list / mapping holding only empty answers."""
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, list | tuple):
        return all(is_empty(item) for item in raw)
    if isinstance(raw, dict):
        return all(is_empty(item) for item in raw.values())
    return False


def text_of(raw: Any, message: str) -> str:
    """The stripped text of a raw answer; other JSON values are refused with `message`."""
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise FieldError(message)
    return str(raw).strip()


class FieldDefinition(BaseModel):
    """One question of a form. `id` is stable across revisions: answers are keyed by it,
    so a dossier filled in on an older revision still maps onto the new one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: FieldId
    label: str = Field(min_length=1, max_length=500)
    help_text: str = Field(default="", max_length=5000)
    required: bool = False
    condition: Condition | None = None

    # Layout blocks (headings, explanations) carry no answer.
    carries_value: ClassVar[bool] = True
    # The condition operators that make sense on this field's answers.
    operators: ClassVar[frozenset[str]] = UNORDERED_OPERATORS

    def clean(self, raw: Any) -> Any:
        """The normalised value of a non-empty raw answer, or FieldError."""
        raise NotImplementedError

    def clean_in_form(self, raw: Any, scope: dict[str, tuple[Any, Any]], *, complete: bool) -> Any:
        """As `clean`; a field whose answer holds sub-answers (a repeated block) also sees
        the answers before it (`scope`: id -> (field, value)) and whether the form is filed."""
        return self.clean(raw)

    def comparable(self, value: Any) -> Any:
        """The normalised value as conditions compare it."""
        return value

    def condition_literal(self, raw: Any) -> Any:
        """A condition's literal on this field, in comparable form (FieldError if impossible)."""
        return self.comparable(self.clean(raw))

    def routing_value(self, value: Any) -> str:
        """The text routing rules match (a commune routes by its département)."""
        return str(value)
