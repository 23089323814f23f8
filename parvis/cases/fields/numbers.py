"""Whole numbers and decimals, written the French way (1 234,50) or the machine way."""

import re
from decimal import Decimal as PyDecimal
from decimal import InvalidOperation
from typing import Literal

from pydantic import Field, model_validator

from parvis.cases.fields.base import ALL_OPERATORS, FieldDefinition, FieldError

# Thousands separators: space, no-break space, narrow no-break space.
_GROUPING = re.compile(r"[ \u00a0\u202f]")


def _french(number) -> str:
    if isinstance(number, int):  # format(10, "f") would say "10.000000"
        return str(number)
    return format(number, "f").replace(".", ",")


def _check_bounds(field, number) -> None:
    if field.min_value is not None and number < field.min_value:
        raise FieldError(f"La valeur doit être supérieure ou égale à {_french(field.min_value)}.")
    if field.max_value is not None and number > field.max_value:
        raise FieldError(f"La valeur doit être inférieure ou égale à {_french(field.max_value)}.")


class _Bounded(FieldDefinition):
    operators = ALL_OPERATORS

    @model_validator(mode="after")
    def _bounds_in_order(self):
        if self.min_value is not None and self.max_value is not None:
            if self.min_value > self.max_value:
                raise ValueError("min_value doit être inférieur ou égal à max_value")
        return self


class Integer(_Bounded):
    type: Literal["integer"] = "integer"
    min_value: int | None = None
    max_value: int | None = None

    def clean(self, raw):
        if isinstance(raw, bool):
            raise FieldError("Saisissez un nombre entier, par exemple 12.")
        if isinstance(raw, int):
            number = raw
        elif isinstance(raw, str) and re.fullmatch(r"[+-]?\d+", _GROUPING.sub("", raw.strip())):
            number = int(_GROUPING.sub("", raw.strip()))
        else:
            raise FieldError("Saisissez un nombre entier, par exemple 12.")
        _check_bounds(self, number)
        return number


class Decimal(_Bounded):
    """Stored as exact text ("1234.5"): money and areas must not go through floats."""

    type: Literal["decimal"] = "decimal"
    min_value: PyDecimal | None = None
    max_value: PyDecimal | None = None
    decimal_places: int = Field(default=2, ge=0, le=10)

    def clean(self, raw):
        message = "Saisissez un nombre, par exemple 12,5."
        if isinstance(raw, bool) or not isinstance(raw, str | int):
            raise FieldError(message)
        text = _GROUPING.sub("", str(raw).strip()).replace(",", ".")
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
            raise FieldError(message)
        try:
            number = PyDecimal(text).normalize()
        except InvalidOperation:
            raise FieldError(message) from None
        if number.as_tuple().exponent < -self.decimal_places:
            raise FieldError(
                f"Saisissez au plus {self.decimal_places} chiffres après la virgule."
                if self.decimal_places
                else "Saisissez un nombre sans décimales."
            )
        _check_bounds(self, number)
        return format(number, "f")

    def comparable(self, value):
        return PyDecimal(value)
