"""A small published procedure to try the applicant's pages (`python -m parvis
demo_procedure`) and to drive the browser tests: every kind of question, a
condition, a repeated block and two files."""

from django.db import transaction

from parvis.cases import publishing
from parvis.cases.models import InstructorGroup, Procedure

SLUG = "demande-de-demonstration"
DEFINITION = [
    {"type": "section", "id": "identite", "label": "Votre identité"},
    {"type": "short_text", "id": "nom", "label": "Nom", "required": True},
    {"type": "short_text", "id": "prenom", "label": "Prénom", "required": True},
    {"type": "date", "id": "naissance", "label": "Date de naissance", "required": True},
    {"type": "nationality", "id": "nationalite", "label": "Nationalité"},
    {"type": "email", "id": "courriel", "label": "Adresse électronique de contact"},
    {"type": "phone", "id": "telephone", "label": "Téléphone"},
    {"type": "postal_address", "id": "adresse", "label": "Adresse", "required": True},
    {"type": "section", "id": "demande", "label": "Votre demande"},
    {
        "type": "single_choice",
        "id": "motif",
        "label": "Motif de la demande",
        "options": ["Première demande", "Renouvellement", "Changement de situation"],
        "required": True,
    },
    {"type": "yes_no", "id": "salarie", "label": "Êtes-vous salarié ?", "required": True},
    {
        "type": "siret",
        "id": "siret",
        "label": "SIRET de votre employeur",
        "required": True,
        "condition": {"op": "equals", "field": "salarie", "value": True},
    },
    {"type": "decimal", "id": "revenus", "label": "Revenus mensuels (euros)", "min_value": "0"},
    {
        "type": "repeated_block",
        "id": "enfants",
        "label": "Enfants à charge",
        "children": [
            {"type": "short_text", "id": "enfant_prenom", "label": "Prénom", "required": True},
            {"type": "date", "id": "enfant_naissance", "label": "Date de naissance"},
        ],
    },
    {"type": "section", "id": "pieces", "label": "Pièces justificatives"},
    {
        "type": "explanation",
        "id": "aide_pieces",
        "label": "Vos documents",
        "text": "Joignez des documents lisibles, en PDF ou en photo (JPEG, PNG).",
    },
    {
        "type": "identity_document",
        "id": "piece_identite",
        "label": "Pièce d'identité",
        "required": True,
    },
    {
        "type": "file",
        "id": "justificatif",
        "label": "Justificatif de domicile",
        "accepted_types": ["application/pdf", "image/jpeg", "image/png"],
        "max_size": 5 * 1024 * 1024,
    },
]


def create_demo_procedure() -> tuple[Procedure, bool]:
    """The demo procedure, created and published once; (procedure, created)."""
    with transaction.atomic():
        existing = Procedure.objects.filter(slug=SLUG).first()
        if existing is not None:
            return existing, False
        procedure = publishing.create_procedure(
            title="Demande de démonstration",
            slug=SLUG,
            description=(
                "Une démarche d'exemple pour essayer le dépôt d'un dossier en ligne : "
                "identité, demande, pièces justificatives."
            ),
            definition=DEFINITION,
            service_public_keys=["vdd:F34857"],
            implied_decision="rejet",
            implied_decision_delay_days=60,
        )
        InstructorGroup.objects.create(
            procedure=procedure, label="Service instructeur", is_default=True
        )
        publishing.publish(procedure)
    return procedure, True
