"""PDF attestations (WeasyPrint, from HTML styled after the DSFR): the receipt of
filing (attestation de dépôt) and the decision. Made on request from the dossier's
data, so they always say what the database says."""

from django.template.loader import render_to_string
from django.utils import timezone

from parvis.cases.enums import DossierState
from parvis.cases.exceptions import CaseError
from parvis.cases.summary import summarise

DECIDED = {DossierState.ACCEPTE, DossierState.REFUSE, DossierState.SANS_SUITE}


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # loads pango: only when a PDF is asked

    html = render_to_string(template, {**context, "generated_at": timezone.now()})
    return HTML(string=html).write_pdf()


def filing_receipt(dossier) -> bytes:
    if dossier.filed_at is None:
        raise CaseError("Ce dossier n'est pas déposé : il n'a pas d'attestation de dépôt.")
    return _pdf(
        "cases/attestations/filing.html",
        {"dossier": dossier, "items": summarise(dossier.revision.form, dossier.answers)},
    )


def decision_transition(dossier):
    """The transition that decided the dossier, or None."""
    return (
        dossier.transitions.filter(to_state__in=DECIDED).select_related("author").last()
        if dossier.state in DECIDED
        else None
    )


def decision(dossier) -> bytes:
    transition = decision_transition(dossier)
    if transition is None:
        raise CaseError("Ce dossier n'a pas encore de décision.")
    return _pdf(
        "cases/attestations/decision.html",
        {"dossier": dossier, "transition": transition, "state": DossierState(dossier.state)},
    )
