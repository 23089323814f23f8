"""Messages between a dossier's applicant and its instructors."""

from hashlib import sha256

from django.db import transaction
from django.utils import timezone

from parvis.cases import audit_log
from parvis.cases.enums import DossierState, Role
from parvis.cases.exceptions import CaseError, RoleNotAllowed
from parvis.cases.models import Message
from parvis.cases.roles import roles_of

MAX_LENGTH = 20_000


def send_message(dossier, author, body: str, *, now=None) -> Message:
    body = body.strip()
    if not body:
        raise CaseError("Écrivez un message.")
    if len(body) > MAX_LENGTH:
        raise CaseError(f"Le message ne doit pas dépasser {MAX_LENGTH} caractères.")
    roles = roles_of(author, dossier) & {Role.APPLICANT, Role.INSTRUCTOR}
    if not roles or dossier.state == DossierState.BROUILLON:
        raise RoleNotAllowed(
            "Seuls le demandeur et les instructeurs d'un dossier déposé peuvent y écrire."
        )
    role = Role.INSTRUCTOR if Role.INSTRUCTOR in roles else Role.APPLICANT
    now = now or timezone.now()
    with transaction.atomic():
        message = Message.objects.create(
            dossier=dossier, author=author, role=role, body=body, sent_at=now
        )
        audit_log.record(
            "dossier.message",
            actor=author,
            dossier=dossier,
            payload={
                "message": message.pk,
                "role": role,
                "sha256": sha256(body.encode()).hexdigest(),
            },
            now=now,
        )
    return message
