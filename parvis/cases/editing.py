"""Starting a dossier and changing its answers: freely while it is a draft, with a
full check and an audit entry once filed (en construction, or when a correction is
asked). State changes are not made here but in workflow.py."""

import hashlib
import json

from django.db import transaction
from django.utils import timezone

from parvis.cases import audit_log
from parvis.cases.answers import Answers
from parvis.cases.enums import EDITABLE_AFTER_FILING, DossierState, PublicationState
from parvis.cases.exceptions import (
    InvalidDossier,
    ProcedureNotReady,
    RoleNotAllowed,
    TransitionNotAllowed,
)
from parvis.cases.models import Dossier


def start_dossier(procedure, applicant) -> Dossier:
    """A new draft on the procedure's published revision."""
    revision = procedure.published_revision
    if procedure.state != PublicationState.PUBLIEE or revision is None:
        raise ProcedureNotReady("Cette démarche n'accepte pas de dossiers pour l'instant.")
    return Dossier.objects.create(procedure=procedure, revision=revision, applicant=applicant)


def _known_answers(dossier: Dossier, raw: dict) -> dict:
    """Keep answers to the revision's top-level fields only."""
    ids = {definition.id for definition in dossier.revision.form.root}
    return {field_id: value for field_id, value in raw.items() if field_id in ids}


def _check_applicant(dossier: Dossier, user) -> None:
    if user is None or dossier.applicant_id != user.pk:
        raise RoleNotAllowed("Seul le demandeur peut modifier les réponses du dossier.")


def save_draft(dossier: Dossier, user, raw: dict) -> Answers:
    """Keep the applicant's answers as typed (nothing is lost on the way) and say what
    is wrong so far; required fields are only enforced at filing."""
    _check_applicant(dossier, user)
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.state != DossierState.BROUILLON:
            raise TransitionNotAllowed(
                "Ce dossier est déposé : ses réponses se modifient depuis le dossier déposé."
            )
        locked.answers = {**locked.answers, **_known_answers(locked, raw)}
        locked.save(update_fields=["answers", "updated_at"])
    dossier.answers = locked.answers
    return dossier.revision.form.check(locked.answers, complete=False)


def _answers_hash(value) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def update_filed_answers(dossier: Dossier, user, raw: dict, *, now=None) -> Dossier:
    """Change answers of a filed dossier, allowed while it is en construction or a
    correction is asked. The whole form must stay valid; the audit log records which
    fields changed and a hash of their new answers."""
    _check_applicant(dossier, user)
    now = now or timezone.now()
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().select_related("revision").get(pk=dossier.pk)
        if locked.state not in EDITABLE_AFTER_FILING:
            raise TransitionNotAllowed(
                "Le dossier ne peut plus être modifié : il est "
                f"« {DossierState(locked.state).label.lower()} »."
            )
        checked = locked.revision.form.check(
            {**locked.answers, **_known_answers(locked, raw)}, complete=True
        )
        if not checked.ok:
            raise InvalidDossier(checked.errors)
        changed = sorted(
            field_id
            for field_id in set(locked.answers) | set(checked.values)
            if locked.answers.get(field_id) != checked.values.get(field_id)
        )
        if not changed:
            return locked
        locked.answers = checked.values
        locked.save(update_fields=["answers", "updated_at"])
        audit_log.record(
            "dossier.modifie",
            actor=user,
            dossier=locked,
            payload={
                "fields": {
                    field_id: _answers_hash(checked.values.get(field_id)) for field_id in changed
                }
            },
            now=now,
        )
    return locked


def rebase_draft(dossier: Dossier, user) -> Dossier:
    """Move a draft onto the procedure's latest published revision. Answers are keyed
    by stable field id: an answer is kept when its field is still there with the same
    type, dropped otherwise. Filed dossiers stay on the revision they were filed on."""
    _check_applicant(dossier, user)
    with transaction.atomic():
        locked = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("revision", "procedure")
            .get(pk=dossier.pk)
        )
        if locked.state != DossierState.BROUILLON:
            raise TransitionNotAllowed(
                "Seul un brouillon passe sur la nouvelle version du formulaire."
            )
        latest = locked.procedure.published_revision
        if latest is None or latest.pk == locked.revision_id:
            return locked
        old_fields, new_fields = locked.revision.form.by_id, latest.form.by_id
        locked.answers = {
            field_id: value
            for field_id, value in locked.answers.items()
            if field_id in new_fields
            and field_id in old_fields
            and new_fields[field_id].type == old_fields[field_id].type
        }
        locked.revision = latest
        locked.save(update_fields=["answers", "revision", "updated_at"])
    return locked
