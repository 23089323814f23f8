"""The dossier lifecycle: each transition by its role, refused ones change nothing."""

import datetime as dt

import pytest

from parvis.cases import editing, messaging, workflow
from parvis.cases.enums import DossierState
from parvis.cases.exceptions import (
    CaseError,
    InvalidDossier,
    RoleNotAllowed,
    TransitionNotAllowed,
)
from parvis.cases.models import AuditEntry, Dossier, DossierTransition
from tests.cases.factories import T0, make_dossier, make_procedure, make_user

pytestmark = pytest.mark.django_db
S = DossierState


@pytest.fixture
def people():
    return {"applicant": make_user("demandeur"), "agent": make_user("agent")}


@pytest.fixture
def procedure(people):
    return make_procedure(instructors=[people["agent"]])


def _in_state(procedure, applicant, agent, state):
    """A dossier brought to `state` through the workflow itself."""
    dossier = make_dossier(procedure, applicant)
    paths = {
        S.BROUILLON: [],
        S.EN_CONSTRUCTION: [("deposer", applicant)],
        S.EN_INSTRUCTION: [("deposer", applicant), ("passer_en_instruction", agent)],
        S.CORRECTION_DEMANDEE: [
            ("deposer", applicant),
            ("passer_en_instruction", agent),
            ("demander_correction", agent),
        ],
        S.ACCEPTE: [("deposer", applicant), ("passer_en_instruction", agent), ("accepter", agent)],
        S.REFUSE: [("deposer", applicant), ("passer_en_instruction", agent), ("refuser", agent)],
        S.SANS_SUITE: [
            ("deposer", applicant),
            ("passer_en_instruction", agent),
            ("classer_sans_suite", agent),
        ],
        S.RETIRE: [("deposer", applicant), ("retirer", applicant)],
    }
    for name, actor in paths[state]:
        dossier = workflow.apply(name, dossier, actor=actor, reason="motif", now=T0)
    assert dossier.state == state
    return dossier


HUMAN_TRANSITIONS = [t for t in workflow.TRANSITIONS.values() if t.role != "systeme"]


@pytest.mark.parametrize("transition", HUMAN_TRANSITIONS, ids=lambda t: t.name)
@pytest.mark.parametrize("state", list(S), ids=str)
def test_every_transition_from_every_state(procedure, people, transition, state):
    dossier = _in_state(procedure, people["applicant"], people["agent"], state)
    actor = people["applicant"] if transition.role == "demandeur" else people["agent"]
    before = (DossierTransition.objects.count(), AuditEntry.objects.count())
    if state in transition.sources:
        done = workflow.apply(transition.name, dossier, actor=actor, reason="motif", now=T0)
        assert done.state == transition.target
        log = done.transitions.last()
        assert (log.name, log.from_state, log.to_state, log.author, log.reason) == (
            transition.name,
            state,
            transition.target,
            actor,
            "motif",
        )
        assert AuditEntry.objects.count() == before[1] + 1
    else:
        # An agent has no role at all on a draft: refused for that reason first.
        no_role = state == S.BROUILLON and transition.role == "instructeur"
        expected = (
            (RoleNotAllowed, "^Vous ne pouvez pas")
            if no_role
            else (TransitionNotAllowed, "^Impossible d")
        )
        with pytest.raises(expected[0], match=expected[1]):
            workflow.apply(transition.name, dossier, actor=actor, reason="motif", now=T0)
        assert Dossier.objects.get(pk=dossier.pk).state == state
        assert (DossierTransition.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.parametrize("transition", HUMAN_TRANSITIONS, ids=lambda t: t.name)
def test_wrong_role_is_refused_and_nothing_changes(procedure, people, transition):
    state = next(iter(transition.sources))
    dossier = _in_state(procedure, people["applicant"], people["agent"], state)
    stranger, other_agent = make_user(), make_user()
    other_procedure = make_procedure(instructors=[other_agent])  # agent of another procedure
    assert other_procedure.pk != procedure.pk
    wrong = [stranger, other_agent, None]
    wrong.append(people["agent"] if transition.role == "demandeur" else people["applicant"])
    for actor in wrong:
        with pytest.raises(RoleNotAllowed, match="^Vous ne pouvez pas"):
            workflow.apply(transition.name, dossier, actor=actor, reason="motif", now=T0)
    assert Dossier.objects.get(pk=dossier.pk).state == state


def test_french_messages(procedure, people):
    dossier = _in_state(procedure, people["applicant"], people["agent"], S.ACCEPTE)
    with pytest.raises(TransitionNotAllowed) as error:
        workflow.apply("refuser", dossier, actor=people["agent"], reason="x")
    assert str(error.value) == "Impossible de refuser le dossier : le dossier est « accepté »."
    with pytest.raises(RoleNotAllowed) as error:
        workflow.apply("accepter", dossier, actor=people["applicant"])
    assert str(error.value) == (
        "Vous ne pouvez pas accepter le dossier : "
        "seul un instructeur du groupe chargé du dossier le peut."
    )


@pytest.mark.parametrize("name", ["refuser", "classer_sans_suite", "demander_correction"])
def test_decisions_against_the_applicant_need_a_reason(procedure, people, name):
    dossier = _in_state(procedure, people["applicant"], people["agent"], S.EN_INSTRUCTION)
    with pytest.raises(CaseError, match="Indiquez le motif"):
        workflow.apply(name, dossier, actor=people["agent"], reason="   ")
    assert Dossier.objects.get(pk=dossier.pk).state == S.EN_INSTRUCTION


def test_filing_checks_the_form_routes_and_dates(procedure, people):
    dossier = make_dossier(procedure, people["applicant"], {"nom": "", "a_un_employeur": "oui"})
    with pytest.raises(InvalidDossier) as error:
        workflow.apply("deposer", dossier, actor=people["applicant"], now=T0)
    assert error.value.errors == {
        "nom": "Ce champ est obligatoire.",
        "commune": "Ce champ est obligatoire.",
        "siret": "Ce champ est obligatoire.",
    }
    assert str(error.value) == "Le dossier contient 3 erreurs."
    assert Dossier.objects.get(pk=dossier.pk).filed_at is None

    editing.save_draft(
        dossier,
        people["applicant"],
        {"nom": " Dupont ", "commune": "69123", "siret": "73282932000074"},
    )
    filed = workflow.apply("deposer", dossier, actor=people["applicant"], now=T0)
    assert filed.filed_at == T0
    assert filed.group.is_default
    assert filed.answers == {
        "nom": "Dupont",
        "commune": "69123",
        "a_un_employeur": True,
        "siret": "73282932000074",
    }
    assert filed.implied_decision_due_at is None  # no implied decision on this procedure


def test_hidden_answers_are_dropped_at_filing(procedure, people):
    answers = {"nom": "Dupont", "commune": "69123", "a_un_employeur": "non", "siret": "faux"}
    dossier = make_dossier(procedure, people["applicant"], answers)
    filed = workflow.apply("deposer", dossier, actor=people["applicant"], now=T0)
    assert "siret" not in filed.answers


def test_draft_keeps_what_was_typed_even_if_wrong(procedure, people):
    dossier = make_dossier(procedure, people["applicant"], {})
    checked = editing.save_draft(dossier, people["applicant"], {"commune": "Lyon", "pirate": 1})
    assert checked.errors == {
        "commune": "Choisissez une commune dans la liste (code INSEE à 5 caractères)."
    }
    assert Dossier.objects.get(pk=dossier.pk).answers == {"commune": "Lyon"}
    with pytest.raises(RoleNotAllowed):
        editing.save_draft(dossier, make_user(), {"nom": "Intrus"})


def test_applicant_edits_a_filed_dossier_only_while_en_construction(procedure, people):
    applicant, agent = people["applicant"], people["agent"]
    dossier = _in_state(procedure, applicant, agent, S.EN_CONSTRUCTION)
    later = T0 + dt.timedelta(hours=1)
    edited = editing.update_filed_answers(dossier, applicant, {"nom": "Durand"}, now=later)
    assert edited.answers["nom"] == "Durand"
    entry = AuditEntry.objects.for_dossier(dossier).last()
    assert entry.action == "dossier.modifie" and list(entry.payload["fields"]) == ["nom"]
    assert "Durand" not in str(entry.payload)  # answers are logged by hash only

    with pytest.raises(InvalidDossier):
        editing.update_filed_answers(dossier, applicant, {"commune": "nulle part"})
    with pytest.raises(RoleNotAllowed):
        editing.update_filed_answers(dossier, agent, {"nom": "Agent"})
    instructed = workflow.apply("passer_en_instruction", dossier, actor=agent)
    with pytest.raises(TransitionNotAllowed, match="ne peut plus être modifié"):
        editing.update_filed_answers(instructed, applicant, {"nom": "Trop tard"})
    assert Dossier.objects.get(pk=dossier.pk).answers["nom"] == "Durand"


def test_correction_round_trip(procedure, people):
    applicant, agent = people["applicant"], people["agent"]
    dossier = _in_state(procedure, applicant, agent, S.EN_INSTRUCTION)
    asked = workflow.apply(
        "demander_correction", dossier, actor=agent, reason="Le nom est mal orthographié"
    )
    correction = asked.corrections.get()
    assert correction.reason == "Le nom est mal orthographié" and correction.resolved_at is None
    editing.update_filed_answers(asked, applicant, {"nom": "Dupond"})
    corrected = workflow.apply("corriger", asked, actor=applicant, now=T0 + dt.timedelta(days=1))
    assert corrected.state == S.EN_INSTRUCTION and corrected.answers["nom"] == "Dupond"
    correction.refresh_from_db()
    assert correction.resolved_at == T0 + dt.timedelta(days=1)


def test_withdrawal_before_instruction_only(procedure, people):
    applicant, agent = people["applicant"], people["agent"]
    dossier = _in_state(procedure, applicant, agent, S.EN_CONSTRUCTION)
    withdrawn = workflow.apply("retirer", dossier, actor=applicant, now=T0)
    assert withdrawn.state == S.RETIRE and withdrawn.closed_at == T0
    instructed = _in_state(procedure, applicant, agent, S.EN_INSTRUCTION)
    with pytest.raises(TransitionNotAllowed):
        workflow.apply("retirer", instructed, actor=applicant)


def test_available_transitions(procedure, people):
    dossier = _in_state(procedure, people["applicant"], people["agent"], S.EN_INSTRUCTION)
    assert {t.name for t in workflow.available(dossier, people["agent"])} == {
        "demander_correction",
        "accepter",
        "refuser",
        "classer_sans_suite",
    }
    assert workflow.available(dossier, people["applicant"]) == []
    assert workflow.available(dossier, make_user()) == []


def test_messages_between_applicant_and_agents(procedure, people):
    applicant, agent = people["applicant"], people["agent"]
    draft = make_dossier(procedure, applicant)
    with pytest.raises(RoleNotAllowed):
        messaging.send_message(draft, applicant, "Bonjour")
    dossier = _in_state(procedure, applicant, agent, S.EN_CONSTRUCTION)
    messaging.send_message(dossier, applicant, "Bonjour, une question.")
    reply = messaging.send_message(dossier, agent, "Bonjour, voici la réponse.")
    assert reply.role == "instructeur"
    assert [m.body for m in dossier.messages.all()] == [
        "Bonjour, une question.",
        "Bonjour, voici la réponse.",
    ]
    with pytest.raises(RoleNotAllowed):
        messaging.send_message(dossier, make_user(), "Intrus")
    with pytest.raises(CaseError, match="Écrivez un message"):
        messaging.send_message(dossier, applicant, "  ")
    assert AuditEntry.objects.for_dossier(dossier).filter(action="dossier.message").count() == 2
