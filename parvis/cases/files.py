"""Receiving, storing and serving the files of a dossier.

- The type is sniffed from the bytes (`filetype` reads the magic numbers), never
  taken from the name or the browser's Content-Type: a program renamed `.pdf` is
  refused. The size is checked before anything is read.
- The bytes go to the "dossier_files" storage under a random key; a `StoredFile`
  row keeps the name, size, sniffed type, SHA-256 and the antivirus verdict.
- When clamd is configured the file is scanned at once: an infected file is refused
  and not kept; clamd unreachable leaves it "en attente" (never served) until
  `scan_pending_files` runs again.
- `readable_file(user, key)` is the one permission check for serving a file, for the
  applicant's pages and the agents' alike: the dossier must be visible to the user
  (`Dossier.objects.visible_to`) and the file servable (scanned clean or no antivirus).
"""

import hashlib
import logging
import secrets
from dataclasses import dataclass

import filetype
from django.core.files.base import File as DjangoFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from parvis.cases import antivirus, messaging
from parvis.cases.enums import DossierState, Role
from parvis.cases.exceptions import CaseError
from parvis.cases.fields.base import FieldError
from parvis.cases.fields.files import _TYPE_NAMES, MEGABYTE, File, _size_text
from parvis.cases.models import Dossier, ScanStatus, StoredFile
from parvis.cases.roles import roles_of

logger = logging.getLogger(__name__)

SNIFF_BYTES = 8192
# Attachments to messages: the usual document and image formats, 20 Mo at most.
MESSAGE_ATTACHMENT = File(
    id="piece_jointe",
    label="Pièce jointe",
    accepted_types=list(_TYPE_NAMES),
    max_size=20 * MEGABYTE,
)


def storage():
    return storages["dossier_files"]


def type_name(content_type: str) -> str:
    return _TYPE_NAMES.get(content_type, content_type)


def sniff(head: bytes) -> str | None:
    """The MIME type the bytes say, or None when they match no known format."""
    kind = filetype.guess(head)
    if kind is None:
        return None
    return "image/png" if kind.mime == "image/apng" else kind.mime


def _accepted_text(definition: File) -> str:
    return ", ".join(type_name(kind) for kind in definition.accepted_types)


@dataclass(frozen=True)
class Upload:
    """What the page received: the name the browser gave and a readable file."""

    name: str
    size: int
    file: object  # a Django UploadedFile or any binary file object


def _check(definition: File, upload: Upload) -> str:
    """The sniffed type of an acceptable upload, else FieldError (French)."""
    if upload.size <= 0:
        raise FieldError("Le fichier est vide.")
    if upload.size > definition.max_size:
        raise FieldError(
            f"Le fichier est trop volumineux ({_rounded_up(upload.size)}) : "
            f"la taille maximale est de {_size_text(definition.max_size)}."
        )
    upload.file.seek(0)
    head = upload.file.read(SNIFF_BYTES)
    upload.file.seek(0)
    content_type = sniff(head)
    if content_type not in definition.accepted_types:
        found = f"un fichier {type_name(content_type)}" if content_type else "un format inconnu"
        raise FieldError(
            f"Le contenu du fichier « {upload.name} » ne correspond pas à un format accepté "
            f"(nous y avons lu {found}, quelle que soit son extension). "
            f"Formats acceptés : {_accepted_text(definition)}."
        )
    return content_type


def _rounded_up(size: int) -> str:
    """A size in Mo, one decimal, rounded up: 5 Mo and 1 byte is « 5,1 Mo »."""
    tenths = -(-size * 10 // MEGABYTE)
    return f"{tenths // 10},{tenths % 10} Mo"


def _clean_name(name: str) -> str:
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip() or "fichier"
    return name[-200:]


def _chunks(upload: Upload):
    upload.file.seek(0)
    while chunk := upload.file.read(64 * 1024):
        yield chunk
    upload.file.seek(0)


def store_upload(dossier: Dossier, user, definition: File, upload: Upload, *, now=None):
    """Check, scan and store an upload for `dossier`; returns the StoredFile.
    Raises FieldError (French) when the file is refused; nothing is kept then."""
    if not roles_of(user, dossier) & {Role.APPLICANT, Role.INSTRUCTOR}:
        raise FieldError("Seuls le demandeur et les instructeurs peuvent joindre un fichier.")
    content_type = _check(definition, upload)
    digest = hashlib.sha256()
    for chunk in _chunks(upload):
        digest.update(chunk)
    status, detail = ScanStatus.NOT_SCANNED, ""
    if antivirus.configured():
        try:
            verdict = antivirus.scan(_chunks(upload))
        except antivirus.ScannerUnavailable as error:
            logger.warning("antivirus unavailable, file kept pending: %s", error)
            status, detail = ScanStatus.PENDING, str(error)[:255]
        else:
            if verdict.infected:
                logger.warning("infected upload refused: %s", verdict.signature)
                raise FieldError(
                    f"Le fichier « {upload.name} » contient un virus ({verdict.signature}) : "
                    "il a été refusé."
                )
            status = ScanStatus.CLEAN
    key = f"dossiers/{dossier.pk}/{secrets.token_hex(16)}"
    upload.file.seek(0)
    saved_key = storage().save(key, DjangoFile(upload.file))
    try:
        return StoredFile.objects.create(
            key=saved_key,
            dossier=dossier,
            uploaded_by=user,
            name=_clean_name(upload.name),
            size=upload.size,
            content_type=content_type,
            sha256=digest.hexdigest(),
            scan_status=status,
            scan_detail=detail,
            uploaded_at=now or timezone.now(),
        )
    except Exception:
        storage().delete(saved_key)
        raise


def readable_file(user, key: str) -> StoredFile | None:
    """The file `key` if `user` may read it now, else None (the page answers 404)."""
    visible = Dossier.objects.visible_to(user)
    return (
        StoredFile.objects.servable()
        .filter(key=key, dossier__in=visible)
        .select_related("dossier")
        .first()
    )


def open_file(stored: StoredFile):
    return storage().open(stored.key, "rb")


def send_message(dossier: Dossier, author, body: str, upload: Upload | None = None, *, now=None):
    """A message with an optional attachment, which goes through the same checks as
    any file of the dossier. Raises CaseError / FieldError; nothing is kept then."""
    now = now or timezone.now()
    stored = None
    if upload is not None:
        stored = store_upload(dossier, author, MESSAGE_ATTACHMENT, upload, now=now)
    try:
        with transaction.atomic():
            message = messaging.send_message(dossier, author, body, now=now)
            if stored is not None:
                stored.message = message
                stored.save(update_fields=["message"])
    except CaseError:
        if stored is not None:
            storage().delete(stored.key)
            stored.delete()
        raise
    return message


def scan_pending(now=None) -> dict[str, int]:
    """Scan again the files clamd could not scan at upload time."""
    counts = {"sain": 0, "infecte": 0, "en_attente": 0}
    if not antivirus.configured():
        return counts
    for stored in StoredFile.objects.pending_scan().iterator():
        try:
            with open_file(stored) as fh:
                verdict = antivirus.scan(iter(lambda: fh.read(64 * 1024), b""))
        except antivirus.ScannerUnavailable:
            counts["en_attente"] += 1
            continue
        stored.scan_status = ScanStatus.INFECTED if verdict.infected else ScanStatus.CLEAN
        stored.scan_detail = verdict.signature
        stored.save(update_fields=["scan_status", "scan_detail"])
        if verdict.infected:
            storage().delete(stored.key)
        counts[stored.scan_status] += 1
    return counts


def _keys_in(value) -> set[str]:
    if isinstance(value, dict):
        if isinstance(value.get("key"), str) and "sha256" in value:
            return {value["key"]}
        return set().union(*(_keys_in(item) for item in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_keys_in(item) for item in value)) if value else set()
    return set()


def discard_replaced(dossier: Dossier) -> int:
    """Delete the files of a draft that its answers no longer point at (replaced or
    removed before filing). A filed dossier keeps every file: it is part of what was
    sent to the administration. Returns how many were deleted."""
    if dossier.state != DossierState.BROUILLON:
        return 0
    kept = _keys_in(dossier.answers)
    stale = list(
        StoredFile.objects.filter(dossier=dossier, message__isnull=True).exclude(key__in=kept)
    )
    for stored in stale:
        storage().delete(stored.key)
        stored.delete()
    return len(stale)
