"""The one evaluator: answers + definitions -> the legal result, the agreement's
result, and the one that applies, with every step of the calculation."""

from __future__ import annotations

from dataclasses import dataclass, field

from parvis.rules.answers import InvalidAnswer, parse_answer
from parvis.rules.definitions import Calculator, Question, Rule, calculators
from parvis.rules.derive import SOURCES, check_dates, derive
from parvis.rules.durations import best_unit, in_days
from parvis.rules.expressions import MissingInput, evaluate, round_half_up

DERIVED = tuple(SOURCES)


class UnknownCalculator(LookupError):
    pass


class MissingAnswer(LookupError):
    """The next question to ask: the calculation cannot go on without it."""

    def __init__(self, question: Question, derived: dict | None = None):
        super().__init__(question.name)
        self.question = question
        self.derived = derived or {}  # seniority and salary already computed, per rule


@dataclass
class Line:
    """One step of the detailed calculation, as shown to the user."""

    name: str
    label: str
    value: object
    unit: str = ""


@dataclass
class Outcome:
    rule: Rule
    value: object = None  # number, or None when the rule has no provision
    unit: str = ""
    text: str = ""
    days: float | None = None
    ineligible: str = ""
    lines: list[Line] = field(default_factory=list)
    notifications: list[str] = field(default_factory=list)
    derived: dict = field(default_factory=dict)  # seniority and salary the rule used

    @property
    def applies(self) -> bool:
        return not self.ineligible and (self.value is not None or bool(self.text))


@dataclass
class Calculation:
    calculator: Calculator
    idcc: str
    legal: Outcome | None
    agreement: Outcome | None
    chosen: str  # "legal", "agreement", "same" or "none"
    value: object = None
    unit: str = ""
    text: str = ""
    ineligible: str = ""
    answers: dict = field(default_factory=dict)

    @property
    def chosen_outcome(self) -> Outcome | None:
        return self.agreement if self.chosen == "agreement" else self.legal


def get_calculator(slug: str, catalogue: dict[str, Calculator] | None = None) -> Calculator:
    try:
        return (catalogue if catalogue is not None else calculators())[slug]
    except KeyError as exc:
        raise UnknownCalculator(slug) from exc


def questions_of(calculator: Calculator, idcc: str = "") -> list[Question]:
    """Every question of the calculator, its legal rule and the agreement's, in order."""
    found = list(calculator.questions)
    if calculator.legal:
        found += calculator.legal.questions
    agreement = calculator.agreements.get(idcc)
    for question in agreement.questions if agreement else ():
        # An agreement's question of the same name (its own choices) is asked instead.
        same = [
            i
            for i, q in enumerate(found)
            if q.name == question.name and q not in agreement.questions
        ]
        if same:
            found.insert(same[0], question)
        else:
            found.append(question)
    # A name the calculator sets itself (its defaults) is never asked.
    return [q for q in found if q.name not in calculator.defaults]


def _holds(condition: str, env: dict) -> bool | None:
    """True/False, or None while an earlier answer it needs is missing."""
    if not condition:
        return True
    try:
        return bool(evaluate(condition, env))
    except MissingInput:
        return None


def parse_answers(calculator: Calculator, idcc: str, raw: dict) -> dict:
    """Typed answers; a question whose condition is false is dropped, an unknown one refused."""
    questions = questions_of(calculator, idcc)
    known = {q.name for q in questions}
    for name in raw:
        if name not in known:
            raise InvalidAnswer(name, "question inconnue pour ce calculateur")
    env: dict = {}
    for question in questions:
        if question.name in env or raw.get(question.name) in (None, ""):
            continue
        if _holds(question.when, env) is False:
            continue
        env[question.name] = parse_answer(question, raw[question.name])
    check_dates(env)
    return env


def next_question(
    calculator: Calculator, idcc: str, env: dict, answered: set | frozenset = frozenset()
) -> Question | None:
    """The first question asked in this situation and not yet answered (for the form;
    `answered` holds the names answered, even left empty)."""
    for question in questions_of(calculator, idcc):
        if question.name in env or question.name in answered or question.api_only:
            continue
        if _holds(question.when, env):
            return question
    return None


def _question_for(calculator: Calculator, idcc: str, name: str, env: dict) -> Question:
    """The question behind a missing name (a derived quantity asks for its sources)."""
    by_name = {}
    for question in questions_of(calculator, idcc):
        if _holds(question.when, env) is not False:
            by_name.setdefault(question.name, question)
    for source in (*SOURCES.get(name, ()), name):
        if source in by_name and source not in env:
            return by_name[source]
    return Question(name=name, label=name, question=name, type="number")


def evaluate_rule(rule: Rule, env: dict) -> Outcome:
    """A rule's outcome: the first ineligibility that holds, else its steps in order."""
    derived = {name: env[name] for name in DERIVED if env.get(name) is not None}
    for condition, reason in rule.ineligible:
        if evaluate(condition, env):
            return Outcome(rule, ineligible=reason, derived=derived)
    env = dict(env)
    outcome = Outcome(rule, derived=derived)
    units: dict[str, str] = {}
    for step in rule.steps:
        value, unit, text = None, step.unit, ""
        if step.cases:
            for case in step.cases:
                if evaluate(case.when, env):
                    value = None if case.value is None else evaluate(case.value, env)
                    unit, text = case.unit or step.unit, case.text
                    break
        else:
            value = evaluate(step.formula, env)
        if step.round is not None and isinstance(value, int | float):
            value = round_half_up(value, step.round)
        env[step.name] = value
        units[step.name] = unit
        outcome.lines.append(Line(step.name, step.label, value if not text else text, unit))
        if step.name == rule.result:
            outcome.value, outcome.unit, outcome.text = value, unit, text
    if outcome.value is not None and rule.calculator and outcome.unit not in ("€", ""):
        outcome.days = in_days(outcome.value, outcome.unit)
    for condition, text in rule.notifications:
        if _holds(condition, env):
            outcome.notifications.append(text)
    return outcome


def _comparable(outcome: Outcome) -> float:
    return outcome.days if outcome.days is not None else float(outcome.value or 0)


def _choose(calculator: Calculator, legal: Outcome | None, agreement: Outcome | None):
    if calculator.combine == "legal-rule" or agreement is None or not agreement.applies:
        return "legal", legal
    if calculator.combine == "agreement-else-legal" or legal is None or not legal.applies:
        return "agreement", agreement
    a, b = _comparable(legal), _comparable(agreement)
    if abs(a - b) < 1e-9:
        return "same", legal
    return ("agreement", agreement) if b > a else ("legal", legal)


def _defaults(calculator: Calculator, env: dict) -> dict:
    """The calculator's defaults for the names this situation leaves unknown."""
    for name, source in calculator.defaults.items():
        if env.get(name) is None:
            try:
                env[name] = evaluate(source, env)
            except MissingInput:
                pass
    return env


def compute(
    slug: str, raw: dict, idcc: str = "", scope: str = "final", catalogue: dict | None = None
) -> Calculation:
    """Run a calculator. `scope`: "final" (the rule that applies), "legal" or "agreement"
    only; `catalogue`: other definitions than the shipped ones (tests)."""
    calculator = get_calculator(slug, catalogue)
    env = parse_answers(calculator, idcc, raw)
    rule_agreement = calculator.agreements.get(idcc)
    legal = agreement = None
    envs = {}
    if rule_agreement and scope in ("final", "agreement"):
        envs["agreement"] = _defaults(calculator, derive(env, rule_agreement, calculator.legal))
    if calculator.legal and scope in ("final", "legal"):
        envs["legal"] = _defaults(calculator, derive(env, calculator.legal, None))
    try:
        if "agreement" in envs:
            agreement = evaluate_rule(rule_agreement, envs["agreement"])
        if "legal" in envs:
            legal_env = envs["legal"]
            has_agreement = agreement is not None and agreement.applies
            legal_env["a_conventionnel"] = has_agreement
            legal_env["conventionnel_jours"] = (agreement.days or 0) if has_agreement else 0
            legal = evaluate_rule(calculator.legal, legal_env)
    except MissingInput as missing:
        derived = {
            scope_: {name: e[name] for name in DERIVED if e.get(name) is not None}
            for scope_, e in envs.items()
        }
        raise MissingAnswer(
            _question_for(calculator, idcc, missing.name, env), derived
        ) from missing
    chosen, outcome = _choose(calculator, legal, agreement)
    calculation = Calculation(calculator, idcc, legal, agreement, chosen, answers=env)
    if outcome is None or outcome.ineligible:
        calculation.chosen = "none"
        calculation.ineligible = outcome.ineligible if outcome else ""
        return calculation
    calculation.value, calculation.unit, calculation.text = (
        outcome.value,
        outcome.unit,
        outcome.text,
    )
    if calculator.output == "best-unit" and outcome.days is not None:
        calculation.value, calculation.unit = best_unit(round_half_up(outcome.days, 6))
    return calculation
