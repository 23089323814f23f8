"""Writing and verifying the hash chain of the audit log (see models/audit.py)."""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from parvis.cases.models import AuditEntry

GENESIS_HASH = "0" * 64
# Any constant: PostgreSQL serialises writers of the chain on this advisory lock.
# SQLite needs none: its transactions take the write lock when they begin
# (transaction_mode IMMEDIATE in settings).
_CHAIN_LOCK = 0x70617276


def canonical_content(
    *, sequence, at, action, actor_id, dossier_id, payload, previous_hash
) -> bytes:
    """The bytes an entry's hash covers: sorted keys, no spaces, UTC time to the
    microsecond, so that any database gives back the same bytes."""
    content = {
        "sequence": sequence,
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "action": action,
        "actor_id": actor_id,
        "dossier_id": dossier_id,
        "payload": payload,
        "previous_hash": previous_hash,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(
        canonical_content(
            sequence=entry.sequence,
            at=entry.at,
            action=entry.action,
            actor_id=entry.actor_id,
            dossier_id=entry.dossier_id,
            payload=entry.payload,
            previous_hash=entry.previous_hash,
        )
    ).hexdigest()


def record(action: str, *, actor=None, dossier=None, payload=None, now=None) -> AuditEntry:
    """Append one entry, chained to the last one. Call it inside the transaction
    that makes the change it records: both are kept or neither."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
        last = AuditEntry.objects.order_by("-sequence").values("sequence", "hash").first()
        entry = AuditEntry(
            sequence=last["sequence"] + 1 if last else 1,
            at=now or timezone.now(),
            action=action,
            actor_id=actor.pk if actor is not None else None,
            dossier_id=dossier.pk if dossier is not None else None,
            payload=payload or {},
            previous_hash=last["hash"] if last else GENESIS_HASH,
        )
        entry.hash = entry_hash(entry)
        entry.save(force_insert=True)
        return entry


@dataclass(frozen=True)
class Verification:
    checked: int
    broken_sequence: int | None = None
    problem: str = ""
    last_hash: str = GENESIS_HASH

    @property
    def ok(self) -> bool:
        return self.broken_sequence is None


def verify() -> Verification:
    """Walk the chain in order; stop at the first entry that does not hold."""
    previous_hash, expected_sequence, checked = GENESIS_HASH, 1, 0
    for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=2000):
        if entry.sequence != expected_sequence:
            problem = f"entrée n° {expected_sequence} manquante (supprimée ?)"
            return Verification(checked, expected_sequence, problem, previous_hash)
        if entry.previous_hash != previous_hash:
            problem = "l'empreinte de l'entrée précédente ne correspond pas"
            return Verification(checked, entry.sequence, problem, previous_hash)
        if entry_hash(entry) != entry.hash:
            problem = "le contenu de l'entrée a été modifié (empreinte différente)"
            return Verification(checked, entry.sequence, problem, previous_hash)
        previous_hash, expected_sequence, checked = entry.hash, entry.sequence + 1, checked + 1
    return Verification(checked, last_hash=previous_hash)
