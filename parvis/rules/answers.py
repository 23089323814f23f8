"""Answers to a calculator's questions: parsed, validated, with French reasons."""

from __future__ import annotations

import json
from datetime import date, datetime

from parvis.rules.definitions import Question
from parvis.rules.salary import MonthSalary
from parvis.rules.seniority import ABSENCE_LABELS, Absence

MAX_AMOUNT = 10_000_000  # € a month: anything above is a typing error
MAX_ABSENCES = 200


class InvalidAnswer(ValueError):
    """A bad answer, with the reason in French (shown to the user, 400 in the API)."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name} : {reason}")
        self.name = name
        self.reason = reason


def parse_date(value) -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError("date attendue au format JJ/MM/AAAA")


def parse_number(value) -> float:
    if isinstance(value, bool):
        raise ValueError("nombre attendu")
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("\u202f", "").replace(" ", "").replace(",", ".")
    try:
        number = float(text)
    except ValueError as exc:
        raise ValueError("nombre attendu") from exc
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError("nombre attendu")
    return number


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().strip("'").lower()
    if text in ("oui", "true", "1", "yes"):
        return True
    if text in ("non", "false", "0", "no"):
        return False
    raise ValueError("oui ou non attendu")


def _list(value) -> list:
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else []
    if not isinstance(value, list):
        raise ValueError("liste attendue")
    return value


def parse_absences(value) -> list[Absence]:
    absences = []
    for item in _list(value)[: MAX_ABSENCES + 1]:
        if not isinstance(item, dict):
            raise ValueError("chaque absence a un motif et une durée en mois")
        motif = item.get("motif")
        motif = motif.get("key") if isinstance(motif, dict) else motif
        if motif not in ABSENCE_LABELS:
            raise ValueError(f"motif d'absence inconnu : {motif!r}")
        months = item.get("duree_mois", item.get("durationInMonth"))
        if months in (None, ""):
            continue  # an absence without a duration removes nothing
        months = parse_number(months)
        if months < 0 or months > 12 * 80:
            raise ValueError("durée d'absence impossible")
        absences.append(Absence(motif, months))
    if len(absences) > MAX_ABSENCES:
        raise ValueError(f"au plus {MAX_ABSENCES} absences")
    return absences


def parse_salaries(value) -> list[MonthSalary]:
    months = []
    for item in _list(value)[:24]:
        if isinstance(item, dict):
            amount = parse_number(item.get("value", item.get("montant", 0)))
            bonus = parse_number(item.get("prime", 0) or 0)
        else:
            amount, bonus = parse_number(item), 0.0
        if amount < 0 or bonus < 0:
            raise ValueError("un salaire ne peut pas être négatif")
        if amount > MAX_AMOUNT:
            raise ValueError("salaire invraisemblable")
        months.append(MonthSalary(amount, bonus))
    return months


def parse_answer(question: Question, value):
    """The typed value of one answer; InvalidAnswer with the reason when it is bad."""
    try:
        if question.type == "choice":
            text = str(value).strip()
            if len(text) >= 2 and text[0] == text[-1] == "'":
                text = text[1:-1]
            if text not in question.choices:
                raise ValueError("valeurs possibles : " + ", ".join(question.choices))
            return text
        if question.type == "bool":
            return parse_bool(value)
        if question.type in ("number", "integer"):
            number = parse_number(value)
            if question.type == "integer" and number != int(number):
                raise ValueError("nombre entier attendu")
            if question.minimum is not None and number < question.minimum:
                raise ValueError(f"au moins {question.minimum:g}")
            if question.maximum is not None and number > question.maximum:
                raise ValueError(f"au plus {question.maximum:g}")
            return int(number) if question.type == "integer" else number
        if question.type == "date":
            day = parse_date(value)
            if not date(1900, 1, 1) <= day <= date(2200, 1, 1):
                raise ValueError("date invraisemblable")
            return day
        if question.type == "absences":
            return parse_absences(value)
        if question.type == "salaries":
            return parse_salaries(value)
    except (ValueError, TypeError, json.JSONDecodeError) as exc:
        raise InvalidAnswer(question.name, str(exc)) from exc
    raise InvalidAnswer(question.name, "type de question inconnu")
