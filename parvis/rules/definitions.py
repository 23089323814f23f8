"""Rule definitions: declarative TOML files read once, validated, and indexed.

Layout: `definitions/<calculator slug>/calculator.toml` (the calculator's common
questions and how legal and agreement results combine), `legal.toml` (the Code du
travail's rule) and `idcc-<IDCC>.toml` (one agreement's rule). Adding an
agreement means adding a file; the evaluator (evaluator.py) reads them all.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from parvis.rules.expressions import ExpressionError, parse
from parvis.rules.salary import METHODS as SALARY_METHODS

DEFINITIONS_DIR = Path(__file__).parent / "definitions"
QUESTION_TYPES = {"choice", "bool", "number", "integer", "date", "absences", "salaries"}


class DefinitionError(ValueError):
    """A definition file is malformed (caught by the tests and the check command)."""


@dataclass(frozen=True)
class Reference:
    key: str  # legi:<LEGIARTI cid> or kali:<KALIARTI cid>
    label: str  # "Article L1234-9", as the definition's author read it


@dataclass(frozen=True)
class Question:
    name: str
    label: str
    question: str
    type: str
    choices: tuple[str, ...] = ()
    when: str = ""  # asked only when this holds
    unit: str = ""
    help: str = ""
    minimum: float | None = None
    maximum: float | None = None
    optional: bool = False  # may be left empty
    api_only: bool = False  # given directly through the API (a known seniority), never asked


@dataclass(frozen=True)
class Case:
    when: str
    value: object = None  # an expression, a number, or None for "no provision"
    unit: str = ""
    text: str = ""


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    formula: str | float | None = None
    cases: tuple[Case, ...] = ()
    unit: str = ""
    round: int | None = None  # decimals, half away from zero, as the ministry rounds


@dataclass(frozen=True)
class Rule:
    calculator: str
    scope: str  # "legal" or "agreement"
    idcc: str  # "" for the legal rule
    title: str
    path: Path
    references: tuple[Reference, ...] = ()
    questions: tuple[Question, ...] = ()
    ineligible: tuple[tuple[str, str], ...] = ()  # (condition, reason in French)
    steps: tuple[Step, ...] = ()
    result: str = ""  # the step whose value is the rule's result
    formula_text: str = ""
    notifications: tuple[tuple[str, str], ...] = ()  # (condition, text)
    absences: dict = field(default_factory=dict)  # absence motif -> seniority coefficient
    # {"motifs": [...], "counted_months": n} (presence up to n months in all) or
    # {"motifs": [...], "counted_if_shorter_than": n} (each absence under n months)
    absence_limits: tuple = ()
    parameters: dict = field(default_factory=dict)
    # How salaries make the reference salary (salary.METHODS): a method, or cases
    # ({when, method}, the first that holds) when it depends on the category.
    reference_salary: str | tuple = "legal"


@dataclass(frozen=True)
class Calculator:
    slug: str
    title: str
    summary: str
    kind: str  # "amount", "duration" or "text"
    combine: str  # "max", "legal-rule" (the legal rule combines) or "agreement-else-legal"
    questions: tuple[Question, ...]
    output: str = ""  # "best-unit": days shown in weeks, months or days as the ministry does
    # Values (expressions) for names a situation leaves unknown, e.g. no unfitness in
    # a rupture conventionnelle.
    defaults: dict = field(default_factory=dict)
    # An agreement with no rule here uses its rule of this other calculator.
    agreement_fallback: str = ""
    keywords: tuple[str, ...] = ()  # what a search names it by (the search page's tools box)
    legal: Rule | None = None
    agreements: dict[str, Rule] = field(default_factory=dict)


def _question(name: str, raw: dict, where: Path) -> Question:
    kind = raw.get("type", "choice")
    if kind not in QUESTION_TYPES:
        raise DefinitionError(f"{where}: question {name}: type inconnu {kind!r}")
    if kind == "choice" and not raw.get("choices"):
        raise DefinitionError(f"{where}: question {name}: choix manquants")
    if raw.get("when"):
        _check_expression(raw["when"], where)
    return Question(
        name=name,
        label=raw.get("label", name),
        question=raw["question"],
        type=kind,
        choices=tuple(raw.get("choices", ())),
        when=raw.get("when", ""),
        unit=raw.get("unit", ""),
        help=raw.get("help", ""),
        minimum=raw.get("min"),
        maximum=raw.get("max"),
        optional=raw.get("optional", False),
        api_only=raw.get("api_only", False),
    )


def _questions(raw: list, where: Path) -> tuple[Question, ...]:
    return tuple(_question(item["name"], item, where) for item in raw)


def _check_expression(source, where: Path):
    if isinstance(source, str):
        try:
            parse(source)
        except ExpressionError as exc:
            raise DefinitionError(f"{where}: {exc}") from exc


def _step(raw: dict, where: Path) -> Step:
    cases = []
    for case in raw.get("cases", ()):
        _check_expression(case["when"], where)
        _check_expression(case.get("value"), where)
        cases.append(
            Case(
                case["when"],
                case.get("value"),
                case.get("unit", raw.get("unit", "")),
                case.get("text", ""),
            )
        )
    _check_expression(raw.get("formula"), where)
    if "formula" not in raw and not cases:
        raise DefinitionError(f"{where}: étape {raw.get('name')}: ni formule ni cas")
    return Step(
        raw["name"],
        raw.get("label", raw["name"]),
        raw.get("formula"),
        tuple(cases),
        raw.get("unit", ""),
        raw.get("round"),
    )


def load_rule(path: Path, calculator: str) -> Rule:
    """One rule file, validated (expressions parse, the result names a step)."""
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    scope = "legal" if path.stem == "legal" else "agreement"
    idcc = raw.get("idcc", "") if scope == "agreement" else ""
    if scope == "agreement" and (not idcc or path.stem != f"idcc-{idcc}"):
        raise DefinitionError(f"{path}: l'IDCC {idcc!r} ne correspond pas au nom du fichier")
    steps = tuple(_step(s, path) for s in raw.get("steps", ()))
    result = raw.get("result", steps[-1].name if steps else "")
    if result and result not in {s.name for s in steps}:
        raise DefinitionError(f"{path}: le résultat {result!r} ne nomme aucune étape")
    for item in raw.get("ineligible", ()):
        _check_expression(item["when"], path)
    references = tuple(Reference(r["key"], r["label"]) for r in raw.get("references", ()))
    salary = raw.get("reference_salary", "legal")
    methods = [salary] if isinstance(salary, str) else [case["method"] for case in salary]
    if any(method not in SALARY_METHODS for method in methods):
        raise DefinitionError(f"{path}: méthode de salaire de référence inconnue")
    for case in [] if isinstance(salary, str) else salary:
        _check_expression(case["when"], path)
    for ref in references:
        if not ref.key.startswith(("legi:", "kali:")):
            raise DefinitionError(f"{path}: référence {ref.key!r} : clé legi: ou kali: attendue")
    return Rule(
        calculator=calculator,
        scope=scope,
        idcc=idcc,
        title=raw["title"],
        path=path,
        references=references,
        questions=_questions(raw.get("questions", ()), path),
        ineligible=tuple((i["when"], i["reason"]) for i in raw.get("ineligible", ())),
        steps=steps,
        result=result,
        formula_text=raw.get("formula_text", ""),
        notifications=tuple(
            (n.get("when", "True"), n["text"]) for n in raw.get("notifications", ())
        ),
        absences=raw.get("absences", {}),
        absence_limits=tuple(raw.get("absence_limits", ())),
        parameters=raw.get("parameters", {}),
        reference_salary=salary if isinstance(salary, str) else tuple(salary),
    )


def load_calculator(folder: Path) -> Calculator:
    with (folder / "calculator.toml").open("rb") as handle:
        raw = tomllib.load(handle)
    slug = folder.name
    legal = load_rule(folder / "legal.toml", slug) if (folder / "legal.toml").exists() else None
    agreements = {}
    for path in sorted(folder.glob("idcc-*.toml")):
        rule = load_rule(path, slug)
        agreements[rule.idcc] = rule
    return Calculator(
        slug=slug,
        title=raw["title"],
        summary=raw.get("summary", ""),
        kind=raw["kind"],
        combine=raw.get("combine", "max"),
        questions=_questions(raw.get("questions", ()), folder / "calculator.toml"),
        output=raw.get("output", ""),
        defaults=raw.get("defaults", {}),
        agreement_fallback=raw.get("agreement_fallback", ""),
        keywords=tuple(raw.get("keywords", ())),
        legal=legal,
        agreements=agreements,
    )


@cache
def calculators(root: Path = DEFINITIONS_DIR) -> dict[str, Calculator]:
    """Every calculator, by slug, in the order of their `order` file."""
    order = (root / "order.txt").read_text().split()
    found = {slug: load_calculator(root / slug) for slug in order}
    for calculator in found.values():
        source = found.get(calculator.agreement_fallback)
        for idcc, rule in (source.agreements if source else {}).items():
            calculator.agreements.setdefault(idcc, replace(rule, calculator=calculator.slug))
    return found


def all_rules(root: Path = DEFINITIONS_DIR):
    """Every rule file once (an agreement's rule reused by a fallback is not repeated)."""
    for calculator in calculators(root).values():
        if calculator.legal:
            yield calculator.legal
        for rule in calculator.agreements.values():
            if rule.path.parent.name == calculator.slug:
                yield rule
