"""The append-only audit log: every transition, message and edit after filing.

Each entry stores the SHA-256 of its canonical content, which includes the hash of
the entry before it: changing or deleting an entry breaks the chain from there on,
and `verify_audit_log` finds it. The ORM refuses to update or delete entries and a
database trigger refuses updates (and deletes, on PostgreSQL; see the migration).
Actors and dossiers are kept as plain ids, not foreign keys: the log must outlive
what it speaks of. Answers are logged by field id and hash, never in clear, so that
the log does not become a second copy of personal data that cannot be erased.
"""

from django.db import models

from parvis.cases.exceptions import AuditLogIsAppendOnly

_REFUSED = (
    "Le journal d'audit est en ajout seul : une entrée ne peut être ni modifiée ni supprimée."
)


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly(_REFUSED)

    def delete(self):
        raise AuditLogIsAppendOnly(_REFUSED)

    def for_dossier(self, dossier):
        return self.filter(dossier_id=dossier.pk)


class AuditEntry(models.Model):
    sequence = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    action = models.CharField(max_length=60)
    actor_id = models.BigIntegerField(null=True, blank=True, help_text="Vide : le système")
    dossier_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    payload = models.JSONField(default=dict)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "entrée du journal d'audit"
        verbose_name_plural = "journal d'audit"
        ordering = ["sequence"]

    def __str__(self):
        return f"{self.sequence} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly(_REFUSED)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly(_REFUSED)
