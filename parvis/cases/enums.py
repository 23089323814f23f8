"""The shared vocabulary of the case engine: states, roles, publication, implied decisions.

Stored values are short ASCII codes; labels are what users read, in French.
"""

from django.db import models


class DossierState(models.TextChoices):
    BROUILLON = "brouillon", "Brouillon"
    EN_CONSTRUCTION = "en_construction", "En construction"
    EN_INSTRUCTION = "en_instruction", "En instruction"
    CORRECTION_DEMANDEE = "correction_demandee", "Correction demandée"
    ACCEPTE = "accepte", "Accepté"
    REFUSE = "refuse", "Refusé"
    SANS_SUITE = "sans_suite", "Classé sans suite"
    RETIRE = "retire", "Retiré par le demandeur"


# A decision has been made (or the applicant gave up): nothing leaves these states.
FINAL_STATES = frozenset(
    {DossierState.ACCEPTE, DossierState.REFUSE, DossierState.SANS_SUITE, DossierState.RETIRE}
)
# The applicant may change the answers of a filed dossier in these states only.
EDITABLE_AFTER_FILING = frozenset({DossierState.EN_CONSTRUCTION, DossierState.CORRECTION_DEMANDEE})
# The silence of the administration runs in these states (not while a correction is awaited).
SILENCE_RUNS_IN = frozenset({DossierState.EN_CONSTRUCTION, DossierState.EN_INSTRUCTION})


class Role(models.TextChoices):
    """Who may fire a transition: the dossier's applicant, an agent of its instructor
    group, or the system itself (implied decisions)."""

    APPLICANT = "demandeur", "Demandeur"
    INSTRUCTOR = "instructeur", "Instructeur"
    SYSTEM = "systeme", "Système"


class PublicationState(models.TextChoices):
    BROUILLON = "brouillon", "En test (non publiée)"
    PUBLIEE = "publiee", "Publiée"
    CLOSE = "close", "Close"


class ImpliedDecision(models.TextChoices):
    """What the administration's silence means at the end of the delay (CRPA L231-1, L231-4)."""

    NONE = "aucune", "Pas de décision implicite"
    ACCEPTANCE = "accord", "Le silence vaut accord"
    REJECTION = "rejet", "Le silence vaut rejet"
