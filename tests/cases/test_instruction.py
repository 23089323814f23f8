"""Private annotations and expert opinions (avis)."""

import pytest

from parvis.cases import instruction, workflow
from parvis.cases.exceptions import CaseError, RoleNotAllowed, TransitionNotAllowed
from parvis.cases.models import AuditEntry, Dossier
from tests.cases.factories import instructor_of, make_dossier, make_procedure, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    return make_dossier(make_procedure(instructors=[make_user()]), file=True)


def test_only_instructors_annotate(dossier):
    agent = instructor_of(dossier)
    note = instruction.annotate(dossier, agent, "  Pièce à vérifier auprès de la mairie. ")
    assert note.body == "Pièce à vérifier auprès de la mairie."
    entry = AuditEntry.objects.for_dossier(dossier).last()
    assert entry.action == "dossier.annotation" and "mairie" not in str(entry.payload)
    for intruder in (dossier.applicant, make_user()):
        with pytest.raises(RoleNotAllowed, match="seul un instructeur"):
            instruction.annotate(dossier, intruder, "Note")
    with pytest.raises(CaseError, match="Écrivez l'annotation"):
        instruction.annotate(dossier, agent, " ")
    assert dossier.annotations.count() == 1


def test_expert_is_asked_sees_the_dossier_and_answers_once(dossier):
    agent, expert = instructor_of(dossier), make_user("expert")
    assert not Dossier.objects.visible_to(expert).exists()
    opinion = instruction.request_opinion(dossier, agent, expert, "Le logement est-il décent ?")
    assert list(Dossier.objects.visible_to(expert)) == [dossier]
    with pytest.raises(RoleNotAllowed, match="Seul l'expert sollicité"):
        instruction.give_opinion(opinion, agent, "Oui")
    answered = instruction.give_opinion(opinion, expert, "Oui, il l'est.")
    assert answered.answer == "Oui, il l'est." and answered.answered_at is not None
    with pytest.raises(TransitionNotAllowed, match="déjà été donné"):
        instruction.give_opinion(opinion, expert, "Finalement non.")
    assert [e.action for e in AuditEntry.objects.for_dossier(dossier)][-2:] == [
        "dossier.avis_demande",
        "dossier.avis_donne",
    ]


def test_no_opinion_asked_by_the_applicant_or_on_a_closed_dossier(dossier):
    agent = instructor_of(dossier)
    with pytest.raises(RoleNotAllowed):
        instruction.request_opinion(dossier, dossier.applicant, make_user(), "Question")
    workflow.apply("retirer", dossier, actor=dossier.applicant)
    closed = Dossier.objects.get(pk=dossier.pk)
    with pytest.raises(TransitionNotAllowed, match="Le dossier est clos"):
        instruction.request_opinion(closed, agent, make_user(), "Question")
