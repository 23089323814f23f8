"""Who may read what in the case engine: one place for pages, files and the API.

`can_read_dossier` is the single check every dossier page and every file of a
dossier goes through; `is_agent` tells whether someone belongs in the agents' back
office at all."""

from parvis.cases.models import Dossier, ExpertOpinion, InstructorGroup


def is_agent(user) -> bool:
    """Staff, a member of an instructor group, or an expert asked for an opinion."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return (
        user.is_staff
        or InstructorGroup.objects.filter(members=user).exists()
        or ExpertOpinion.objects.filter(expert=user).exists()
    )


def can_read_dossier(user, dossier) -> bool:
    """The applicant, an instructor of the dossier's group (once filed), or an expert
    asked for an opinion on it."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return Dossier.objects.visible_to(user).filter(pk=dossier.pk).exists()


def can_read_dossier_as_agent(user, dossier) -> bool:
    """As `can_read_dossier`, through the agents' side only (not as its applicant)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return Dossier.objects.for_agent(user).filter(pk=dossier.pk).exists()
