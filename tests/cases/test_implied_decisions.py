"""Silence vaut accord / rejet: the decision date, its suspension, and the job."""

import datetime as dt

import pytest
from django.core.management import call_command

from parvis.cases import workflow
from parvis.cases.enums import DossierState
from parvis.cases.exceptions import TransitionNotAllowed
from parvis.cases.implied_decisions import decide_due_dossiers
from parvis.cases.models import Dossier
from tests.cases.factories import T0, instructor_of, make_dossier, make_procedure, make_user

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.fixture
def sva():
    return make_procedure(
        instructors=[make_user()], implied_decision="accord", implied_decision_delay_days=60
    )


def test_deadline_runs_from_filing_and_the_decision_falls_at_it(sva):
    dossier = make_dossier(sva, file=True, now=T0)
    assert dossier.implied_decision_due_at == T0 + 60 * DAY
    assert decide_due_dossiers(now=T0 + 60 * DAY - dt.timedelta(seconds=1)) == []
    assert decide_due_dossiers(now=T0 + 60 * DAY) == [dossier.pk]
    decided = Dossier.objects.get(pk=dossier.pk)
    assert decided.state == DossierState.ACCEPTE and decided.closed_at == T0 + 60 * DAY
    log = decided.transitions.last()
    assert (log.name, log.role, log.author) == ("accepter_implicitement", "systeme", None)
    # Idempotent: a second run decides nothing more.
    assert decide_due_dossiers(now=T0 + 61 * DAY) == []
    assert decided.transitions.count() == 2


def test_silence_vaut_rejet_also_applies_during_instruction():
    svr = make_procedure(
        instructors=[make_user()], implied_decision="rejet", implied_decision_delay_days=30
    )
    dossier = make_dossier(svr, file=True, now=T0)
    workflow.apply("passer_en_instruction", dossier, actor=instructor_of(dossier), now=T0 + DAY)
    assert decide_due_dossiers(now=T0 + 30 * DAY) == [dossier.pk]
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.REFUSE


def test_an_explicit_decision_before_the_deadline_wins(sva):
    dossier = make_dossier(sva, file=True, now=T0)
    agent = instructor_of(dossier)
    workflow.apply("passer_en_instruction", dossier, actor=agent, now=T0 + DAY)
    workflow.apply("refuser", dossier, actor=agent, reason="Pièces fausses", now=T0 + 2 * DAY)
    assert decide_due_dossiers(now=T0 + 90 * DAY) == []
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.REFUSE


def test_not_before_the_deadline_and_only_by_the_system(sva):
    dossier = make_dossier(sva, file=True, now=T0)
    with pytest.raises(TransitionNotAllowed, match="n'est pas écoulé"):
        workflow.apply("accepter_implicitement", dossier, actor=None, now=T0 + 59 * DAY)
    with pytest.raises(TransitionNotAllowed, match="ne prévoit pas"):
        workflow.apply("refuser_implicitement", dossier, actor=None, now=T0 + 61 * DAY)
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.EN_CONSTRUCTION


def test_missing_pieces_restart_the_delay(sva):
    dossier = make_dossier(sva, file=True, now=T0)
    agent = instructor_of(dossier)
    workflow.apply("passer_en_instruction", dossier, actor=agent, now=T0 + DAY)
    workflow.apply(
        "demander_correction",
        dossier,
        actor=agent,
        reason="Justificatif de domicile manquant",
        incomplete=True,
        now=T0 + 10 * DAY,
    )
    # No decision while the applicant's answer is awaited.
    assert Dossier.objects.get(pk=dossier.pk).implied_decision_due_at is None
    assert decide_due_dossiers(now=T0 + 100 * DAY) == []
    corrected = workflow.apply("corriger", dossier, actor=dossier.applicant, now=T0 + 20 * DAY)
    assert corrected.implied_decision_due_at == T0 + 80 * DAY


def test_other_corrections_suspend_the_delay(sva):
    dossier = make_dossier(sva, file=True, now=T0)
    agent = instructor_of(dossier)
    workflow.apply("passer_en_instruction", dossier, actor=agent, now=T0 + DAY)
    workflow.apply(
        "demander_correction", dossier, actor=agent, reason="Coquille", now=T0 + 10 * DAY
    )
    corrected = workflow.apply("corriger", dossier, actor=dossier.applicant, now=T0 + 20 * DAY)
    # 50 days were left when the correction was asked; they resume at the answer.
    assert corrected.implied_decision_due_at == T0 + 70 * DAY


def test_changing_the_delay_later_does_not_move_running_dossiers(sva):
    dossier = make_dossier(sva, file=True, now=T0)
    sva.implied_decision_delay_days = 10
    sva.save()
    assert Dossier.objects.get(pk=dossier.pk).implied_decision_due_at == T0 + 60 * DAY
    assert decide_due_dossiers(now=T0 + 11 * DAY) == []


def test_command_runs_the_job(sva, capsys):
    make_dossier(sva, file=True, now=T0 - 61 * DAY)
    call_command("decide_due_dossiers")
    assert "Décisions implicites rendues : 1" in capsys.readouterr().out
