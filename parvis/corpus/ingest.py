"""Write loader records to the database: per source, atomic, idempotent, incremental.

Each source is synced inside one transaction: a failure leaves the previous
state of that source untouched and the other sources still load. A document
whose content hash is unchanged is not rewritten.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from parvis.corpus.loaders.base import LoadContext, Loader
from parvis.corpus.models import Document, IngestionRun, Passage, Relation, RemovedDocument
from parvis.corpus.records import DocumentRecord, SourceError
from parvis.corpus.windows import split_windows

BATCH = 1000


@dataclass
class SyncResult:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    counts: dict = field(default_factory=dict)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def package_version(packages_dir: Path, package: str) -> str:
    """The installed version of a data package, read at ingestion and kept on the
    run (the data page shows it): its package.json, else the project's
    package-lock.json (`<project>/node_modules/@socialgouv/<package>`)."""
    try:
        return json.loads((packages_dir / package / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    lock = packages_dir.parent.parent / "package-lock.json"
    try:
        entries = json.loads(lock.read_text())["packages"]
        return entries[f"{packages_dir.parent.name}/{packages_dir.name}/{package}"]["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def _to_models(record: DocumentRecord, content_hash: str):
    doc = Document(
        key=record.key,
        source=record.source,
        kind=record.kind,
        slug=record.slug,
        number=record.number,
        title=record.title,
        breadcrumb=record.breadcrumb,
        text=record.text,
        html=record.html,
        data=record.data,
        official_url=record.official_url,
        idcc=record.idcc,
        parent_key=record.parent_key,
        position=record.position,
        modified=record.modified,
        content_hash=content_hash,
    )
    crumb = " > ".join([*record.breadcrumb, record.title])
    passages = []
    for passage in record.passages:
        for window in split_windows(passage):
            title = f" > {window.title}" if window.title and window.title != record.title else ""
            passages.append((window, crumb + title))
    _check_lengths(doc)
    return doc, passages, sorted(set(record.relations))


def _check_lengths(doc: Document) -> None:
    """A value longer than its column is named here, not as a database error later
    (SQLite does not enforce lengths; PostgreSQL would abort the whole source)."""
    for model_field in Document._meta.concrete_fields:
        limit = getattr(model_field, "max_length", None)
        value = getattr(doc, model_field.attname)
        if limit and isinstance(value, str) and len(value) > limit:
            raise SourceError(
                doc.key, f"{model_field.name} has {len(value)} characters, more than {limit}"
            )


def _flush(pending: list) -> None:
    if not pending:
        return
    docs = Document.objects.bulk_create([doc for doc, _, _ in pending])
    passages, relations = [], []
    for doc, (_, windows, links) in zip(docs, pending, strict=True):
        for position, (window, crumb) in enumerate(windows):
            passages.append(
                Passage(
                    document_id=doc.pk,
                    anchor=window.anchor,
                    idcc=window.idcc,
                    position=position,
                    title=window.title,
                    breadcrumb=crumb,
                    text=window.text,
                )
            )
        relations.extend(
            Relation(document_id=doc.pk, type=link.type, target_key=link.target) for link in links
        )
    Passage.objects.bulk_create(passages, batch_size=BATCH)
    Relation.objects.bulk_create(relations, batch_size=BATCH)
    pending.clear()


def sync_source(loader: Loader, context: LoadContext, progress: bool = True) -> SyncResult:
    """Load one source in one transaction. Any failure (a malformed file, a
    value that does not fit, a database error) rolls the source back to its
    previous state, is recorded on the run with the file and document it
    happened at, and is returned: the caller goes on with the other sources."""
    result = SyncResult(source=loader.source)
    run = IngestionRun.objects.create(
        source=loader.source,
        package_version=package_version(context.packages_dir, loader.package),
    )
    position = _Position()
    try:
        with transaction.atomic():
            _sync(loader, context, result, progress, position, run.package_version)
    except SourceError as exc:
        result.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - any fault is recorded, the next source runs
        result.error = f"{position.describe(loader)}: {type(exc).__name__}: {exc}"
    finally:
        if result.error:
            result.created = result.updated = result.deleted = 0
        run.created, run.updated = result.created, result.updated
        run.unchanged, run.deleted = result.unchanged, result.deleted
        run.ok, run.error, run.finished_at = result.ok, result.error, timezone.now()
        run.save()
    return result


@dataclass
class _Position:
    """Where a sync is, for error messages: the last document read."""

    last_key: str = ""

    def describe(self, loader: Loader) -> str:
        where = loader.current_file or loader.package
        after = f"after document {self.last_key}" if self.last_key else "before the first document"
        return f"{where} ({after})"


def _sync(
    loader: Loader,
    context: LoadContext,
    result: SyncResult,
    progress: bool,
    position: _Position,
    version: str = "",
) -> None:
    existing = dict(
        Document.objects.filter(source=loader.source).values_list("key", "content_hash")
    )
    seen: set[str] = set()
    pending: list = []
    changed_keys: list[str] = []
    new_keys: list[str] = []
    bar = tqdm(
        total=loader.total(context),
        desc=f"{loader.label:<28}",
        unit=" fichiers",
        disable=not progress,
        leave=True,
    )
    with bar:
        for record in loader.records(context, bar.update):
            if record.key in seen:
                raise SourceError(loader.package, f"duplicate document key {record.key}")
            seen.add(record.key)
            position.last_key = record.key
            result.counts[record.kind] = result.counts.get(record.kind, 0) + 1
            digest = record.content_hash()
            previous = existing.get(record.key)
            if previous == digest:
                result.unchanged += 1
                continue
            if previous is None:
                result.created += 1
                new_keys.append(record.key)
            else:
                result.updated += 1
                changed_keys.append(record.key)
            pending.append(_to_models(record, digest))
            if len(pending) >= BATCH:
                _delete_keys(changed_keys)
                _flush(pending)
    _delete_keys(changed_keys)
    _flush(pending)
    gone = [key for key in existing if key not in seen]
    result.deleted = len(gone)
    _forget_removed(new_keys)
    _remember_removed(gone, version)
    _delete_keys(gone)


def _remember_removed(keys: list[str], version: str) -> None:
    """Keep what a reader needs of the documents gone from their source (their page
    then answers 410 with a pointer to a replacement)."""
    now = timezone.now()
    fields = ("key", "source", "kind", "slug", "idcc", "number", "title")
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        RemovedDocument.objects.filter(key__in=chunk).delete()
        RemovedDocument.objects.bulk_create(
            RemovedDocument(**row, removed_at=now, package_version=version)
            for row in Document.objects.filter(key__in=chunk).values(*fields)
        )


def _forget_removed(keys: list[str]) -> None:
    """A document its source publishes again is no longer gone."""
    for start in range(0, len(keys), 500):
        RemovedDocument.objects.filter(key__in=keys[start : start + 500]).delete()


def _delete_keys(keys: list[str]) -> None:
    for start in range(0, len(keys), 500):
        Document.objects.filter(key__in=keys[start : start + 500]).delete()
    keys.clear()
