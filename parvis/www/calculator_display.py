"""How a calculation reads on the result page: French numbers and units, the
sentence saying which rule applies, each rule's steps, the answers given."""

from datetime import date

from parvis.rules.evaluator import Calculation, Outcome, questions_of
from parvis.rules.seniority import ABSENCE_LABELS

NBSP = "\u202f"


def number(value: float, digits: int = 2) -> str:
    """1234.5 -> '1 234,50' (French grouping and decimal comma)."""
    text = f"{value:,.{digits}f}".replace(",", NBSP).replace(".", ",")
    return text


def quantity(value, unit: str) -> str:
    if value is None:
        return "aucune disposition"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, str):
        return value
    if unit in ("€", "€ par mois"):
        return f"{number(value)} €" + (" par mois" if unit == "€ par mois" else "")
    if unit == "an":
        return f"{number(value)} an" + ("s" if value >= 2 else "")
    if unit == "jours" and value != int(value):
        return f"{number(value, 1)} jours"
    if isinstance(value, float) and value == int(value):
        value = int(value)
    return f"{value} {unit}".strip()


def calculation_summary(calculation: Calculation) -> dict:
    """The headline: the result, or why there is none, and which rule gives it."""
    if calculation.ineligible:
        return {"ineligible": calculation.ineligible}
    if calculation.calculator.kind == "text":
        text = calculation.text or (
            "Aucune heure d’absence n'est prévue par le Code du travail"
            + (" ni par la convention collective." if calculation.agreement else ".")
        )
        return {"result": text, "chosen": _chosen(calculation)}
    return {"result": quantity(calculation.value, calculation.unit), "chosen": _chosen(calculation)}


def _chosen(calculation: Calculation) -> str:
    if calculation.calculator.combine == "legal-rule":
        return (
            "Le résultat combine les durées du Code du travail et de la convention "
            "collective selon qui met fin au contrat."
        )
    more_favourable = calculation.agreement is not None and calculation.agreement.applies
    legal = "Le Code du travail s’applique" + (
        " : il est plus favorable que la convention collective." if more_favourable else "."
    )
    return {
        "legal": legal,
        "agreement": "La convention collective s’applique : "
        "elle est plus favorable que le Code du travail.",
        "same": "Le Code du travail et la convention collective donnent le même résultat.",
        "none": "",
    }[calculation.chosen]


def outcome_view(outcome: Outcome) -> dict:
    return {
        "title": outcome.rule.title,
        "scope": "Code du travail" if outcome.rule.scope == "legal" else "Convention collective",
        "formula": outcome.rule.formula_text,
        "ineligible": outcome.ineligible,
        "result": quantity(outcome.value, outcome.unit) if not outcome.text else outcome.text,
        "table": {
            "header": ["Étape du calcul", "Valeur"],
            "content": [[line.label, quantity(line.value, line.unit)] for line in outcome.lines],
        },
        "notifications": outcome.notifications,
    }


def _answer_text(question, value) -> str:
    if question.type == "bool":
        return "oui" if value else "non"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if question.type == "absences":
        return (
            "; ".join(f"{ABSENCE_LABELS[a.motif]} : {number(a.months, 1)} mois" for a in value)
            or "aucune"
        )
    if question.type == "salaries":
        return "; ".join(number(m.value) + " €" for m in value)
    if isinstance(value, float):
        return quantity(value, question.unit)
    return str(value)


def answer_lines(calculator, idcc: str, raw: dict) -> list[list[str]]:
    """[question label, answer] for the answers given, in the questions' order."""
    from parvis.rules.evaluator import parse_answers

    env = parse_answers(calculator, idcc, raw)
    lines, seen = [], set()
    for question in questions_of(calculator, idcc):
        if question.name in env and question.name not in seen:
            seen.add(question.name)
            lines.append([question.label, _answer_text(question, env[question.name])])
    return lines
