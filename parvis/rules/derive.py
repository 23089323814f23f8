"""Quantities a rule reads but a person does not type: seniority from dates and
absences, the reference salary from the monthly salaries. Each rule derives them
with its own absence coefficients (an agreement may count absences differently)."""

from __future__ import annotations

from datetime import date

from parvis.rules.answers import InvalidAnswer
from parvis.rules.definitions import Rule
from parvis.rules.expressions import MissingInput, evaluate
from parvis.rules.salary import METHODS
from parvis.rules.seniority import seniority_years, whole_months

# The quantities each derivation fills, and the questions it needs, in asking order.
SOURCES = {
    "anciennete_annees": ("date_entree", "date_sortie"),
    "anciennete_requise_annees": ("date_entree", "date_notification"),
    "salaire_reference": ("salaires",),
}
# An agreement rule reads the same names; these answers, when given, are its own.
AGREEMENT_OVERRIDES = {
    "anciennete_annees": "anciennete_conventionnelle_annees",
    "anciennete_requise_annees": "anciennete_conventionnelle_requise_annees",
    "salaire_reference": "salaire_reference_conventionnel",
}


def check_dates(env: dict):
    """Exit before entry, notification after exit, absences longer than the contract."""
    entry, exit_, notified = (
        env.get("date_entree"),
        env.get("date_sortie"),
        env.get("date_notification"),
    )
    if entry and exit_ and exit_ < entry:
        raise InvalidAnswer("date_sortie", "la date de sortie précède la date d’entrée")
    if entry and notified and notified < entry:
        raise InvalidAnswer("date_notification", "la date de notification précède la date d’entrée")
    if notified and exit_ and notified > exit_:
        raise InvalidAnswer("date_notification", "la date de notification suit la date de sortie")
    absences = env.get("absences") or []
    if entry and exit_ and absences:
        total = sum(a.months for a in absences)
        if total > whole_months(entry, exit_) + 1:
            raise InvalidAnswer("absences", "les absences dépassent la durée du contrat")


def _years(env: dict, until: date | None, rule: Rule) -> float | None:
    entry = env.get("date_entree")
    if not entry or not until:
        return None
    return seniority_years(
        entry, until, env.get("absences") or [], rule.absences, rule.absence_limits
    )


def salary_method(rule: Rule, env: dict) -> str:
    """The rule's reference-salary method in this situation ("legal" until known)."""
    if isinstance(rule.reference_salary, str):
        return rule.reference_salary
    for case in rule.reference_salary:
        try:
            if evaluate(case["when"], env):
                return case["method"]
        except MissingInput:
            break
    return "legal"


def derive(env: dict, rule: Rule, legal: Rule | None) -> dict:
    """`env` with the derived quantities this rule needs, computed unless answered."""
    counting = rule if rule.absences or not legal else legal  # an agreement may count as the law
    out = dict(env)
    computed = {
        "anciennete_annees": lambda: _years(env, env.get("date_sortie"), counting),
        "anciennete_requise_annees": lambda: _years(env, env.get("date_notification"), counting),
        "salaire_reference": lambda: (
            METHODS[salary_method(rule, env)](env["salaires"], env.get("salaires_preavis") or [])
            if env.get("salaires") is not None
            else None
        ),
    }
    for name, compute in computed.items():
        override = AGREEMENT_OVERRIDES[name] if rule.scope == "agreement" else None
        if override and env.get(override) is not None:
            out[name] = env[override]
        elif env.get(name) is None or (rule.scope == "agreement" and override):
            value = compute()
            if value is not None:
                out[name] = value
    return out
