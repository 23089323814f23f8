"""GET /api/v1/modeles/ and POST /api/v1/modeles/{slug}: the letter templates
(parvis/letters), filled from the same answers as the page's form. The files
(PDF, DOCX) come from the template's page."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from parvis.letters.definitions import get_letter, letters
from parvis.letters.filling import InvalidLetterInput, fill
from parvis.rules.service import resolve_references

router = Router(tags=["modèles de courriers"])


class ChampOut(Schema):
    nom: str
    libelle: str
    type: str
    obligatoire: bool
    obligatoire_si: str = Field(
        description="Obligatoire quand un autre champ a cette valeur (champ=valeur), sinon vide."
    )
    choix: list[str]
    aide: str


class ModeleOut(Schema):
    modele: str
    titre: str
    resume: str
    expediteur: str
    champs: list[ChampOut]


class ModeleIn(Schema):
    champs: dict[str, object] = Field(
        default_factory=dict,
        description="Valeur de chaque champ du modèle, par nom (dates au format JJ/MM/AAAA).",
        examples=[{"salarie_nom": "Camille Durand", "date_courrier": "01/03/2026"}],
    )


class ReferenceOut(Schema):
    cle: str
    libelle: str
    url: str


class CourrierOut(Schema):
    modele: str
    titre: str
    objet: str
    texte: str
    paragraphes: list[str]
    envoi: list[str]
    references: list[ReferenceOut]


class ErreurOut(Schema):
    detail: str
    champs: dict[str, str] = Field(default_factory=dict, description="Raison, par champ refusé.")


def _letter_out(letter) -> dict:
    return {
        "modele": letter.slug,
        "titre": letter.title,
        "resume": letter.summary,
        "expediteur": letter.sender,
        "champs": [
            {
                "nom": f.name,
                "libelle": f.label,
                "type": f.type,
                "obligatoire": f.required,
                "obligatoire_si": "=".join(f.required_if) if f.required_if else "",
                "choix": list(f.choices),
                "aide": f.help,
            }
            for f in letter.fields
        ],
    }


@router.get("/", response=list[ModeleOut], summary="Les modèles de courriers et leurs champs")
def list_letters(request: HttpRequest):
    return [_letter_out(letter) for letter in letters().values()]


@router.post(
    "/{slug}",
    response={200: CourrierOut, 400: ErreurOut, 404: ErreurOut},
    summary="Un courrier rempli (le texte ; la page du modèle donne le PDF et le DOCX)",
)
def fill_letter(request: HttpRequest, slug: str, payload: ModeleIn):
    letter = get_letter(slug)
    if letter is None:
        raise HttpError(404, f"Aucun modèle de courrier ne s'appelle {slug[:60]}.")
    try:
        filled = fill(letter, payload.champs)
    except InvalidLetterInput as error:
        reasons = "; ".join(f"{name} : {reason}" for name, reason in error.errors.items())
        return Status(400, {"detail": f"Champs invalides : {reasons}.", "champs": error.errors})
    return Status(
        200,
        {
            "modele": slug,
            "titre": letter.title,
            "objet": filled.subject,
            "texte": filled.text,
            "paragraphes": list(filled.paragraphs),
            "envoi": list(letter.sending),
            "references": [
                {"cle": r.key, "libelle": r.label, "url": r.url} for r in resolve_references(letter)
            ],
        },
    )
