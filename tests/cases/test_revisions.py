"""Procedures as versioned data: publishing freezes, dossiers keep their revision."""

import pytest

from parvis.cases import editing, publishing, workflow
from parvis.cases.enums import PublicationState
from parvis.cases.exceptions import (
    InvalidDossier,
    ProcedureNotReady,
    RevisionFrozen,
    TransitionNotAllowed,
)
from parvis.cases.models import Procedure, ProcedureRevision
from tests.cases.factories import ANSWERS, FORM, make_dossier, make_procedure, make_user

pytestmark = pytest.mark.django_db


def test_publishing_freezes_the_draft_and_opens_a_copy():
    procedure = make_procedure(publish=False)
    assert procedure.state == PublicationState.BROUILLON and procedure.published_revision is None
    published = publishing.publish(procedure)
    procedure.refresh_from_db()
    assert procedure.state == PublicationState.PUBLIEE
    assert procedure.published_revision == published
    assert published.number == 1 and published.published_at is not None
    draft = procedure.draft_revision
    assert draft.number == 2 and draft.definition == published.definition

    published.definition = []
    with pytest.raises(RevisionFrozen, match="ne peut plus être modifiée"):
        published.save()
    with pytest.raises(RevisionFrozen):
        published.delete()
    published.refresh_from_db()
    assert published.definition == draft.definition


def test_old_dossiers_keep_their_revision_after_a_new_publication():
    procedure = make_procedure()
    old = make_dossier(procedure, file=True)
    in_draft = make_dossier(procedure)

    publishing.update_draft(
        procedure,
        [*FORM, {"type": "email", "id": "courriel", "label": "Courriel", "required": True}],
    )
    publishing.publish(procedure)
    new = editing.start_dossier(procedure, make_user())

    assert old.revision.number == 1 and in_draft.revision.number == 1
    assert new.revision.number == 2
    # The draft started on revision 1 is filed against revision 1 (no e-mail asked).
    filed = workflow.apply("deposer", in_draft, actor=in_draft.applicant)
    assert filed.state == "en_construction"
    editing.save_draft(new, new.applicant, ANSWERS)
    with pytest.raises(InvalidDossier, match="Le dossier contient une erreur"):
        workflow.apply("deposer", new, actor=new.applicant)


def test_publishing_needs_fields_and_a_default_group():
    empty = publishing.create_procedure(title="Vide", slug="vide")
    with pytest.raises(ProcedureNotReady, match="au moins un champ"):
        publishing.publish(empty)
    no_group = publishing.create_procedure(title="Sans groupe", slug="sans-groupe", definition=FORM)
    with pytest.raises(ProcedureNotReady, match="groupe instructeur par défaut"):
        publishing.publish(no_group)
    assert not ProcedureRevision.objects.filter(procedure=no_group, published_at__isnull=False)


def test_no_dossier_on_an_unpublished_procedure():
    procedure = make_procedure(publish=False)
    with pytest.raises(ProcedureNotReady, match="n'accepte pas de dossiers"):
        editing.start_dossier(procedure, make_user())


def test_procedure_settings_are_checked():
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    with pytest.raises(ValidationError, match="vdd:F1234"):
        publishing.create_procedure(title="T", slug="t", service_public_keys=["F1234"])
    procedure = publishing.create_procedure(
        title="T", slug="t2", service_public_keys=["vdd:F1234", "vdd:R11"]
    )
    assert procedure.service_public_keys == ["vdd:F1234", "vdd:R11"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Procedure.objects.create(title="T", slug="t3", implied_decision="accord")


def test_a_procedure_has_one_draft_only():
    from django.db import IntegrityError, transaction

    procedure = make_procedure(publish=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcedureRevision.objects.create(procedure=procedure, number=5)


def test_a_draft_moves_to_the_new_revision_keeping_answers_by_stable_id():
    procedure = make_procedure()
    draft = make_dossier(procedure, answers={**ANSWERS, "siret": "73282932000074"})
    changed = [
        {"type": "short_text", "id": "nom", "label": "Nom de famille", "required": True},
        {"type": "short_text", "id": "commune", "label": "Commune (en toutes lettres)"},
        {"type": "email", "id": "courriel", "label": "Courriel"},
    ]
    publishing.update_draft(procedure, changed)
    publishing.publish(procedure)
    moved = editing.rebase_draft(draft, draft.applicant)
    assert moved.revision.number == 2
    # "nom" kept (same id, same type); "commune" changed type; the others are gone.
    assert moved.answers == {"nom": "Dupont"}
    filed = make_dossier(procedure, file=True)
    with pytest.raises(TransitionNotAllowed, match="Seul un brouillon"):
        editing.rebase_draft(filed, filed.applicant)
