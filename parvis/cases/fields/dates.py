"""Calendar dates, as the French write them (25/12/2024) or in ISO form (2024-12-25)."""

import datetime as dt
import re
from typing import Literal

from parvis.cases.fields.base import ALL_OPERATORS, FieldDefinition, FieldError, text_of

_FRENCH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class Date(FieldDefinition):
    """Stored in ISO form; a date that does not exist (31/02) is refused."""

    type: Literal["date"] = "date"
    min_date: dt.date | None = None
    max_date: dt.date | None = None

    operators = ALL_OPERATORS

    def clean(self, raw):
        text = text_of(raw, "Saisissez une date.")
        if match := _FRENCH.fullmatch(text):
            day, month, year = (int(part) for part in match.groups())
        elif match := _ISO.fullmatch(text):
            year, month, day = (int(part) for part in match.groups())
        else:
            raise FieldError("Saisissez une date au format JJ/MM/AAAA, par exemple 25/12/2024.")
        try:
            date = dt.date(year, month, day)
        except ValueError:
            raise FieldError(f"La date {day:02d}/{month:02d}/{year} n'existe pas.") from None
        if self.min_date and date < self.min_date:
            raise FieldError(f"La date doit être le {self.min_date:%d/%m/%Y} ou après.")
        if self.max_date and date > self.max_date:
            raise FieldError(f"La date doit être le {self.max_date:%d/%m/%Y} ou avant.")
        return date.isoformat()

    def comparable(self, value):
        return dt.date.fromisoformat(value)
