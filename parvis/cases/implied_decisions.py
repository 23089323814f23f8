"""Issuing the implied decisions that are due. Safe to run again and from several
workers at once: each dossier is decided under its row lock, and a dossier already
decided (or no longer due) is skipped."""

from django.utils import timezone

from parvis.cases import workflow
from parvis.cases.enums import ImpliedDecision
from parvis.cases.exceptions import TransitionNotAllowed
from parvis.cases.models import Dossier

_TRANSITION = {
    ImpliedDecision.ACCEPTANCE: "accepter_implicitement",
    ImpliedDecision.REJECTION: "refuser_implicitement",
}


def decide_due_dossiers(now=None) -> list[int]:
    """Decide every dossier whose delay has run out at `now`; returns their ids."""
    now = now or timezone.now()
    decided = []
    due = Dossier.objects.implied_decision_due(now).select_related("procedure").order_by("pk")
    for dossier in due.iterator(chunk_size=500):
        name = _TRANSITION.get(dossier.procedure.implied_decision)
        if name is None:
            continue
        try:
            workflow.apply(name, dossier, actor=None, now=now)
        except TransitionNotAllowed:
            continue  # decided by an agent or another run meanwhile
        decided.append(dossier.pk)
    return decided
