"""Instructor groups and routing rules, managed by a procedure's administrators
(staff with the `cases.change_instructorgroup` permission). Every change is logged
in the audit chain."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from parvis.cases import audit_log
from parvis.cases.exceptions import CaseError, RoleNotAllowed
from parvis.cases.models import InstructorGroup, RoutingRule

PERMISSION = "cases.change_instructorgroup"


def can_manage(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(PERMISSION)
    )


def _check(user) -> None:
    if not can_manage(user):
        raise RoleNotAllowed("Seuls les administrateurs des démarches gèrent les groupes.")


def _log(action, by, payload):
    audit_log.record(f"groupe.{action}", actor=by, payload=payload, now=timezone.now())


def find_user(email: str):
    """The active account with this e-mail (case-insensitive), or a French CaseError."""
    users = list(get_user_model().objects.filter(email__iexact=email.strip(), is_active=True)[:2])
    if len(users) != 1:
        raise CaseError(
            f"Aucun compte actif n'a l'adresse « {email.strip()} »."
            if not users
            else f"Plusieurs comptes ont l'adresse « {email.strip()} » : voyez l'administration."
        )
    return users[0]


def create_group(procedure, label: str, *, by) -> InstructorGroup:
    _check(by)
    label = " ".join(label.split())
    if not label:
        raise CaseError("Indiquez le libellé du groupe.")
    try:
        with transaction.atomic():
            group = InstructorGroup.objects.create(procedure=procedure, label=label)
            _log("creation", by, {"group": group.pk, "procedure": procedure.pk})
    except IntegrityError:
        raise CaseError(f"Un groupe « {label} » existe déjà pour cette démarche.") from None
    return group


def add_member(group, user, *, by) -> None:
    _check(by)
    with transaction.atomic():
        group.members.add(user)
        _log("ajout_agent", by, {"group": group.pk, "agent": user.pk})


def remove_member(group, user, *, by) -> None:
    _check(by)
    if not group.members.filter(pk=user.pk).exists():
        raise CaseError("Cet agent ne fait pas partie du groupe.")
    with transaction.atomic():
        group.members.remove(user)
        _log("retrait_agent", by, {"group": group.pk, "agent": user.pk})


def routable_fields(procedure) -> list[tuple[str, str]]:
    """(field id, label) of the top-level answer fields of the published revision."""
    revision = procedure.published_revision or procedure.draft_revision
    return [
        (definition.id, definition.label)
        for definition in revision.form.root
        if definition.carries_value and definition.type not in {"file", "identity_document"}
    ]


def add_rule(procedure, field_id: str, value: str, group, *, by) -> RoutingRule:
    _check(by)
    if field_id not in dict(routable_fields(procedure)):
        raise CaseError("Choisissez un champ du formulaire de la démarche.")
    if group.procedure_id != procedure.pk:
        raise CaseError("Le groupe doit appartenir à la même démarche.")
    value = value.strip()
    if not value:
        raise CaseError("Indiquez la valeur qui envoie les dossiers vers ce groupe.")
    with transaction.atomic():
        last = procedure.routing_rules.order_by("-position").first()
        rule = RoutingRule.objects.create(
            procedure=procedure,
            position=(last.position + 1) if last else 0,
            field_id=field_id,
            value=value,
            group=group,
        )
        _log("regle_ajoutee", by, {"rule": rule.pk, "procedure": procedure.pk})
    return rule


def delete_rule(rule, *, by) -> None:
    _check(by)
    with transaction.atomic():
        _log("regle_supprimee", by, {"rule": rule.pk, "procedure": rule.procedure_id})
        rule.delete()
