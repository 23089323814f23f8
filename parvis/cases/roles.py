"""Who someone is for a dossier: its applicant, an instructor of its group, or
nobody. The system (implied decisions) acts with no user."""

from parvis.cases.enums import Role


def roles_of(user, dossier) -> frozenset[Role]:
    if user is None:
        return frozenset({Role.SYSTEM})
    if not user.is_authenticated:
        return frozenset()
    roles = set()
    if dossier.applicant_id == user.pk:
        roles.add(Role.APPLICANT)
    if dossier.group_id is not None and dossier.group.members.filter(pk=user.pk).exists():
        roles.add(Role.INSTRUCTOR)
    return frozenset(roles)
