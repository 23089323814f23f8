"""A small, safe expression language for rule definitions.

Formulas and conditions in the definitions are Python-like expressions
(`1/4 * sref * min(a, 10)`, `categorie == 'Cadres' and anciennete >= 2`),
parsed with `ast` and evaluated by walking a whitelist of node types: no
attribute access, no calls other than the functions below, no imports.
"""

from __future__ import annotations

import ast
import math
import operator
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache


class ExpressionError(ValueError):
    """A definition's expression cannot be parsed or evaluated."""


class MissingInput(ExpressionError):
    """An expression needs an input that was not given (the question to ask next)."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def round_half_up(value: float, digits: int = 2) -> float:
    """Round like the ministry's engine (half away from zero), e.g. 166.665 -> 166.67."""
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


FUNCTIONS = {
    "min": min,
    "max": max,
    "abs": abs,
    "round": round_half_up,
    "floor": math.floor,
    "ceil": math.ceil,
}

BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
COMPARE = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}


@lru_cache(maxsize=4096)
def parse(source: str) -> ast.expr:
    """Parse once; raise ExpressionError on anything outside the whitelist."""
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"expression invalide : {source!r} ({exc.msg})") from exc
    for node in ast.walk(tree):
        allowed = (
            ast.Expression,
            ast.BinOp,
            ast.UnaryOp,
            ast.BoolOp,
            ast.Compare,
            ast.IfExp,
            ast.Call,
            ast.Name,
            ast.Constant,
            ast.Load,
            ast.Tuple,
            ast.List,
            ast.And,
            ast.Or,
            ast.Not,
            ast.USub,
            ast.UAdd,
            *BINARY,
            *COMPARE,
        )
        if not isinstance(node, allowed):
            raise ExpressionError(f"élément interdit dans {source!r} : {type(node).__name__}")
        if isinstance(node, ast.Call) and not (
            isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS
        ):
            raise ExpressionError(f"fonction inconnue dans {source!r}")
    return tree.body


def names(source: str) -> set[str]:
    """The variables an expression reads (for checks and for the form's questions)."""
    return {
        node.id
        for node in ast.walk(parse(source))
        if isinstance(node, ast.Name) and node.id not in FUNCTIONS
    }


def evaluate(source: str | int | float | bool, env: dict):
    """The value of an expression in `env` (a literal number or bool is itself)."""
    if isinstance(source, bool | int | float):
        return source
    return _eval(parse(source), env)


def _eval(node, env):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in ("oui", "non"):
            return node.id == "oui"
        if node.id not in env or env[node.id] is None:
            raise MissingInput(node.id)
        return env[node.id]
    if isinstance(node, ast.BinOp):
        return BINARY[type(node.op)](_eval(node.left, env), _eval(node.right, env))
    if isinstance(node, ast.UnaryOp):
        value = _eval(node.operand, env)
        return (
            not value
            if isinstance(node.op, ast.Not)
            else (-value if isinstance(node.op, ast.USub) else value)
        )
    if isinstance(node, ast.BoolOp):
        if isinstance(node.op, ast.And):
            return all(_eval(v, env) for v in node.values)
        return any(_eval(v, env) for v in node.values)
    if isinstance(node, ast.Compare):
        left = _eval(node.left, env)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = _eval(comparator, env)
            if not COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.IfExp):
        return _eval(node.body, env) if _eval(node.test, env) else _eval(node.orelse, env)
    if isinstance(node, ast.Call):
        return FUNCTIONS[node.func.id](*(_eval(a, env) for a in node.args))
    if isinstance(node, ast.Tuple | ast.List):
        return tuple(_eval(e, env) for e in node.elts)
    raise ExpressionError(f"élément non évalué : {type(node).__name__}")
