"""Creating a procedure and publishing its draft revision.

Publishing freezes the draft (it becomes the revision new dossiers are filled in
on) and opens a new draft, a copy of it, for the next changes."""

from django.db import transaction
from django.utils import timezone

from parvis.cases import audit_log
from parvis.cases.enums import PublicationState
from parvis.cases.exceptions import ProcedureNotReady
from parvis.cases.models import Procedure, ProcedureRevision


def create_procedure(*, title: str, slug: str, definition=(), **attributes) -> Procedure:
    with transaction.atomic():
        procedure = Procedure(title=title, slug=slug, **attributes)
        procedure.full_clean()
        procedure.save()
        draft = ProcedureRevision(procedure=procedure, number=1)
        draft.set_definition(list(definition))
        draft.save()
    return procedure


def update_draft(procedure: Procedure, definition) -> ProcedureRevision:
    draft = procedure.draft_revision
    draft.set_definition(definition)
    draft.save()
    return draft


def publish(procedure: Procedure, *, actor=None, now=None) -> ProcedureRevision:
    """Freeze the draft and open the next one; returns the published revision."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Procedure.objects.select_for_update().get(pk=procedure.pk)
        draft = locked.draft_revision
        if not draft.form.root:
            raise ProcedureNotReady("Ajoutez au moins un champ avant de publier la démarche.")
        if not locked.groups.filter(is_default=True).exists():
            raise ProcedureNotReady(
                "Désignez un groupe instructeur par défaut avant de publier la démarche."
            )
        draft.published_at = now
        draft.save(update_fields=["published_at"])
        ProcedureRevision.objects.create(
            procedure=locked, number=draft.number + 1, definition=draft.definition
        )
        locked.state = PublicationState.PUBLIEE
        locked.published_at = locked.published_at or now
        locked.save(update_fields=["state", "published_at"])
        audit_log.record(
            "demarche.publiee",
            actor=actor,
            payload={"procedure": locked.pk, "revision": draft.number},
            now=now,
        )
    procedure.refresh_from_db()
    return draft
