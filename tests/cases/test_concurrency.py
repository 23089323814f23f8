"""Two agents deciding the same dossier at once: exactly one decision.

Real threads with their own database connections, on committed data (transactional
tests). On PostgreSQL the second decision waits for the row lock and then sees the
first. SQLite's test database is in memory with a shared cache, where a second
writer fails at once ("database table is locked") instead of waiting as it does on
the server's file (WAL, BEGIN IMMEDIATE, 30 s timeout): the threaded test runs on
PostgreSQL only; the stale-copy test checks on both databases that a decision is
judged on the state read again from the database, not on the caller's copy."""

import threading

import pytest
from django.db import connection

from parvis.cases import audit_log, workflow
from parvis.cases.enums import DossierState
from parvis.cases.exceptions import TransitionNotAllowed
from parvis.cases.models import Dossier, DossierTransition
from tests.cases.factories import make_dossier, make_procedure, make_user

DECISIONS = {"accepte", "refuse", "sans_suite"}


def _instructed_dossiers(count):
    agents = [make_user(), make_user()]
    procedure = make_procedure(instructors=agents)
    dossiers = []
    for _ in range(count):
        dossier = make_dossier(procedure, file=True)
        dossiers.append(workflow.apply("passer_en_instruction", dossier, actor=agents[0]))
    return agents, dossiers


def _race(dossier, moves):
    barrier = threading.Barrier(len(moves))
    outcomes = [None] * len(moves)

    def decide(index, name, agent):
        try:
            barrier.wait(timeout=10)
            workflow.apply(name, dossier, actor=agent, reason="motif")
            outcomes[index] = "ok"
        except Exception as error:  # reported in the assertion below
            outcomes[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(index, name, agent))
        for index, (name, agent) in enumerate(moves)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's in-memory test database cannot wait"
)
@pytest.mark.django_db(transaction=True)
def test_two_agents_deciding_at_once_give_one_decision():
    (first, second), dossiers = _instructed_dossiers(5)
    for dossier in dossiers:
        outcomes = _race(dossier, [("accepter", first), ("refuser", second)])
        assert outcomes.count("ok") == 1, outcomes
        (refused,) = [outcome for outcome in outcomes if outcome != "ok"]
        assert isinstance(refused, TransitionNotAllowed), refused
        decided = Dossier.objects.get(pk=dossier.pk)
        assert decided.state in {DossierState.ACCEPTE, DossierState.REFUSE}
        decisions = DossierTransition.objects.filter(dossier=dossier, to_state__in=DECISIONS)
        assert decisions.count() == 1
        assert decisions.get().to_state == decided.state
    assert audit_log.verify().ok  # concurrent writers never fork the chain


@pytest.mark.django_db
def test_a_decision_on_a_stale_copy_is_refused():
    (first, second), (dossier,) = _instructed_dossiers(1)
    stale = Dossier.objects.get(pk=dossier.pk)  # the second agent's page, loaded earlier
    workflow.apply("accepter", dossier, actor=first)
    with pytest.raises(TransitionNotAllowed, match="le dossier est « accepté »"):
        workflow.apply("refuser", stale, actor=second, reason="motif")
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.ACCEPTE
