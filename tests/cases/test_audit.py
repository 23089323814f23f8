"""The audit log's hash chain: append-only, and tampering is found."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from parvis.cases import audit_log, workflow
from parvis.cases.exceptions import AuditLogIsAppendOnly
from parvis.cases.models import AuditEntry
from tests.cases.factories import T0, instructor_of, make_dossier, make_procedure, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def history():
    """A few real operations: publication, filing, instruction, a message, a decision."""
    from parvis.cases import messaging

    dossier = make_dossier(make_procedure(instructors=[make_user()]), file=True)
    agent = instructor_of(dossier)
    workflow.apply("passer_en_instruction", dossier, actor=agent, now=T0)
    messaging.send_message(dossier, agent, "Votre dossier est en cours d'examen.", now=T0)
    workflow.apply("accepter", dossier, actor=agent, now=T0)
    return dossier


def _tamper(sql, params):
    """Change the table behind the ORM's back, as someone with database access could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE cases_auditentry DISABLE TRIGGER cases_auditentry_append_only"
            )
        else:
            cursor.execute("DROP TRIGGER cases_auditentry_append_only")
        cursor.execute(sql, params)


def test_every_operation_is_chained(history):
    entries = list(AuditEntry.objects.all())
    assert [e.action for e in entries] == [
        "demarche.publiee",
        "dossier.deposer",
        "dossier.passer_en_instruction",
        "dossier.message",
        "dossier.accepter",
    ]
    assert entries[0].previous_hash == audit_log.GENESIS_HASH
    for previous, entry in zip(entries, entries[1:], strict=False):
        assert entry.previous_hash == previous.hash
        assert entry.sequence == previous.sequence + 1
    result = audit_log.verify()
    assert result.ok and result.checked == 5 and result.last_hash == entries[-1].hash


def test_the_orm_refuses_changes_and_deletions(history):
    entry = AuditEntry.objects.first()
    entry.action = "autre"
    with pytest.raises(AuditLogIsAppendOnly, match="ajout seul"):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="autre")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_updates(history):
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE cases_auditentry SET action = 'x' WHERE sequence = 2")
    assert AuditEntry.objects.get(sequence=2).action == "dossier.deposer"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's trigger refuses deletes"
)
def test_postgresql_refuses_deletes(history):
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM cases_auditentry WHERE sequence = 2")


def test_command_reports_an_intact_log(history, capsys):
    call_command("verify_audit_log")
    assert "Journal d'audit intègre : 5 entrées" in capsys.readouterr().out


def test_command_finds_a_changed_entry(history):
    _tamper("UPDATE cases_auditentry SET payload = %s WHERE sequence = 3", ['{"to": "refuse"}'])
    with pytest.raises(CommandError, match="altéré à l'entrée n° 3 : le contenu"):
        call_command("verify_audit_log")


def test_command_finds_a_rewritten_entry_by_the_next_link(history):
    # Whoever rewrites entry 3 and its own hash still breaks entry 4's link.
    entry = AuditEntry.objects.get(sequence=3)
    entry.payload = {"to": "refuse"}
    forged = audit_log.entry_hash(entry)
    _tamper(
        "UPDATE cases_auditentry SET payload = %s, hash = %s WHERE sequence = 3",
        ['{"to": "refuse"}', forged],
    )
    with pytest.raises(CommandError, match="entrée n° 4 : l'empreinte de l'entrée précédente"):
        call_command("verify_audit_log")


def test_command_finds_a_deleted_entry(history):
    _tamper("DELETE FROM cases_auditentry WHERE sequence = %s", [2])
    with pytest.raises(CommandError, match="entrée n° 2 manquante"):
        call_command("verify_audit_log")
