"""Assigning a dossier to one agent of its instructor group ("me l'attribuer")."""

from django.db import transaction
from django.utils import timezone

from parvis.cases import audit_log
from parvis.cases.enums import FINAL_STATES, Role
from parvis.cases.exceptions import RoleNotAllowed, TransitionNotAllowed
from parvis.cases.models import Dossier
from parvis.cases.roles import roles_of


def assign(dossier, agent, *, by=None, now=None) -> Dossier:
    """Assign the dossier to `agent` (an instructor of its group), as `by` (default:
    the agent themself). Refused on a dossier already decided."""
    by = by or agent
    for person in {by, agent}:
        if Role.INSTRUCTOR not in roles_of(person, dossier):
            raise RoleNotAllowed(
                "Seul un instructeur du groupe chargé du dossier peut se le voir attribuer."
            )
    if dossier.state in FINAL_STATES:
        raise TransitionNotAllowed("Le dossier est clos : il ne peut plus être attribué.")
    now = now or timezone.now()
    with transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).update(assignee=agent, updated_at=now)
        audit_log.record(
            "dossier.attribution",
            actor=by,
            dossier=dossier,
            payload={"assignee": agent.pk},
            now=now,
        )
    dossier.assignee = agent
    return dossier
