"""What instructors do besides changing states: private annotations and expert
opinions (avis). Both are logged in the audit chain by hash, not in clear."""

from hashlib import sha256

from django.db import transaction
from django.utils import timezone

from parvis.cases import audit_log
from parvis.cases.enums import FINAL_STATES, DossierState, Role
from parvis.cases.exceptions import CaseError, RoleNotAllowed, TransitionNotAllowed
from parvis.cases.models import ExpertOpinion, PrivateAnnotation
from parvis.cases.roles import roles_of


def _text(body: str, empty_message: str) -> str:
    body = body.strip()
    if not body:
        raise CaseError(empty_message)
    return body


def _check_instructor(dossier, user, action: str) -> None:
    if Role.INSTRUCTOR not in roles_of(user, dossier) or dossier.state == DossierState.BROUILLON:
        raise RoleNotAllowed(
            f"Vous ne pouvez pas {action} : "
            "seul un instructeur du groupe chargé du dossier le peut."
        )


def annotate(dossier, author, body: str, *, now=None) -> PrivateAnnotation:
    _check_instructor(dossier, author, "annoter ce dossier")
    body = _text(body, "Écrivez l'annotation.")
    now = now or timezone.now()
    with transaction.atomic():
        annotation = PrivateAnnotation.objects.create(
            dossier=dossier, author=author, body=body, created_at=now
        )
        audit_log.record(
            "dossier.annotation",
            actor=author,
            dossier=dossier,
            payload={"annotation": annotation.pk, "sha256": sha256(body.encode()).hexdigest()},
            now=now,
        )
    return annotation


def request_opinion(dossier, requested_by, expert, question: str, *, now=None) -> ExpertOpinion:
    _check_instructor(dossier, requested_by, "demander un avis sur ce dossier")
    if dossier.state in FINAL_STATES:
        raise TransitionNotAllowed(
            "Le dossier est clos : il n'est plus possible de demander un avis."
        )
    question = _text(question, "Écrivez la question posée à l'expert.")
    now = now or timezone.now()
    with transaction.atomic():
        opinion = ExpertOpinion.objects.create(
            dossier=dossier,
            requested_by=requested_by,
            expert=expert,
            question=question,
            requested_at=now,
        )
        audit_log.record(
            "dossier.avis_demande",
            actor=requested_by,
            dossier=dossier,
            payload={"opinion": opinion.pk, "expert": expert.pk},
            now=now,
        )
    return opinion


def give_opinion(opinion: ExpertOpinion, expert, answer: str, *, now=None) -> ExpertOpinion:
    """The invited expert answers, once."""
    if expert is None or opinion.expert_id != expert.pk:
        raise RoleNotAllowed("Seul l'expert sollicité peut donner cet avis.")
    answer = _text(answer, "Écrivez votre avis.")
    now = now or timezone.now()
    with transaction.atomic():
        updated = ExpertOpinion.objects.filter(pk=opinion.pk, answered_at__isnull=True).update(
            answer=answer, answered_at=now
        )
        if not updated:
            raise TransitionNotAllowed("Cet avis a déjà été donné.")
        audit_log.record(
            "dossier.avis_donne",
            actor=expert,
            dossier=opinion.dossier,
            payload={"opinion": opinion.pk, "sha256": sha256(answer.encode()).hexdigest()},
            now=now,
        )
    opinion.refresh_from_db()
    return opinion
