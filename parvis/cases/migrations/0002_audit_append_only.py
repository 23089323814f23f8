"""Database guard of the append-only audit log (the ORM refuses too, see models/audit.py).

PostgreSQL: a trigger refuses UPDATE and DELETE (TRUNCATE, an owner's operation,
stays possible: the test suite empties tables with it). SQLite: a trigger refuses
UPDATE; DELETE is left to the ORM's refusal because Django's test flush deletes rows,
and a deleted entry shows up anyway as a gap in the sequence when verifying."""

from django.db import migrations

POSTGRESQL_UP = """
CREATE FUNCTION cases_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'cases_auditentry is append-only: UPDATE and DELETE are refused';
END;
$$;
CREATE TRIGGER cases_auditentry_append_only BEFORE UPDATE OR DELETE ON cases_auditentry
    FOR EACH ROW EXECUTE FUNCTION cases_audit_append_only();
"""
POSTGRESQL_DOWN = """
DROP TRIGGER cases_auditentry_append_only ON cases_auditentry;
DROP FUNCTION cases_audit_append_only();
"""
SQLITE_UP = """
CREATE TRIGGER cases_auditentry_append_only BEFORE UPDATE ON cases_auditentry
BEGIN
    SELECT RAISE(ABORT, 'cases_auditentry is append-only (UPDATE refused)');
END;
"""
SQLITE_DOWN = "DROP TRIGGER cases_auditentry_append_only;"


def _run(statements):
    def run(apps, schema_editor):
        sql = statements.get(schema_editor.connection.vendor)
        if sql:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": POSTGRESQL_DOWN, "sqlite": SQLITE_DOWN}),
        )
    ]
