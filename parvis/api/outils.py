"""POST /api/v1/outils/{slug}: the labour calculators (rules in parvis/rules)."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from parvis.rules.answers import InvalidAnswer
from parvis.rules.evaluator import Calculation, MissingAnswer, Outcome, UnknownCalculator
from parvis.rules.service import UnknownAgreement, resolve_references, run

router = Router(tags=["outils"])
SCOPES = {"final": "final", "legal": "legal", "conventionnel": "agreement"}
SCOPE_NAMES = {"legal": "legal", "agreement": "conventionnel"}
CHOSEN = {"legal": "legal", "agreement": "conventionnel", "same": "identique", "none": "aucun"}


class CalculIn(Schema):
    reponses: dict[str, object] = Field(
        default_factory=dict,
        description="Réponses aux questions du calculateur, par nom de question "
        "(dates au format JJ/MM/AAAA, oui/non, nombres).",
        examples=[{"anciennete": "2 ans ou plus", "travailleur_handicape": "non"}],
    )
    idcc: str | None = Field(
        default=None, max_length=12, description="IDCC de la convention collective (ex. 0044)."
    )
    portee: Literal["final", "legal", "conventionnel"] = Field(
        default="final",
        description="final : le résultat qui s'applique ; "
        "legal ou conventionnel : l'une des règles seule.",
    )


class LigneOut(Schema):
    nom: str
    libelle: str
    valeur: object
    unite: str


class ResultatOut(Schema):
    regle: str
    valeur: float | int | None
    unite: str
    texte: str
    ineligibilite: str
    lignes: list[LigneOut]
    formule: str
    notifications: list[str]
    donnees: dict[str, float] = Field(
        description="Ancienneté (années) et salaire de référence (€) utilisés par la règle."
    )


class ReferenceOut(Schema):
    cle: str
    libelle: str
    url: str
    url_officielle: str


class CalculOut(Schema):
    outil: str
    idcc: str
    valeur: float | int | None
    unite: str
    texte: str
    retenu: str
    ineligibilite: str
    legal: ResultatOut | None
    conventionnel: ResultatOut | None
    references: list[ReferenceOut]


class ErrorOut(Schema):
    detail: str
    question: str | None = None
    donnees: dict[str, dict[str, float]] | None = Field(
        default=None,
        description="Réponse manquante : ancienneté et salaire de référence déjà calculés, "
        "par règle (legal, conventionnel).",
    )


def _outcome(outcome: Outcome | None) -> dict | None:
    if outcome is None:
        return None
    return {
        "regle": outcome.rule.title,
        "valeur": outcome.value,
        "unite": outcome.unit,
        "texte": outcome.text,
        "ineligibilite": outcome.ineligible,
        "lignes": [
            {"nom": line.name, "libelle": line.label, "valeur": line.value, "unite": line.unit}
            for line in outcome.lines
        ],
        "formule": outcome.rule.formula_text,
        "notifications": outcome.notifications,
        "donnees": outcome.derived,
    }


def calculation_out(calculation: Calculation) -> dict:
    rules = [o.rule for o in (calculation.legal, calculation.agreement) if o]
    return {
        "outil": calculation.calculator.slug,
        "idcc": calculation.idcc,
        "valeur": calculation.value,
        "unite": calculation.unit,
        "texte": calculation.text,
        "retenu": CHOSEN[calculation.chosen],
        "ineligibilite": calculation.ineligible,
        "legal": _outcome(calculation.legal),
        "conventionnel": _outcome(calculation.agreement),
        "references": [
            {"cle": r.key, "libelle": r.label, "url": r.url, "url_officielle": r.official_url}
            for r in resolve_references(*rules)
        ],
    }


@router.post(
    "/{slug}",
    response={200: CalculOut, 400: ErrorOut, 404: ErrorOut},
    summary="Un calcul : indemnité de licenciement, de rupture conventionnelle, de précarité, "
    "préavis de démission, de licenciement, de retraite, heures de recherche d'emploi",
)
def calculate(request: HttpRequest, slug: str, payload: CalculIn):
    try:
        calculation = run(slug, payload.reponses, payload.idcc, SCOPES[payload.portee])
    except UnknownCalculator:
        raise HttpError(404, f"Aucun calculateur ne s'appelle {slug[:60]}.") from None
    except UnknownAgreement as exc:
        return Status(400, {"detail": f"Réponse invalide : {exc.reason}.", "question": "idcc"})
    except InvalidAnswer as exc:
        return Status(
            400, {"detail": f"Réponse invalide : {exc.name} : {exc.reason}.", "question": exc.name}
        )
    except MissingAnswer as exc:
        question = exc.question
        donnees = {SCOPE_NAMES[scope]: values for scope, values in exc.derived.items()}
        return Status(
            400,
            {
                "detail": f"Réponse manquante : {question.question}",
                "question": question.name,
                "donnees": donnees,
            },
        )
    return Status(200, calculation_out(calculation))
