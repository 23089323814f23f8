"""Exports of a list of dossiers as CSV (stdlib) and XLSX (openpyxl, write-only mode:
rows are streamed to the file, not kept in memory).

Columns: number, state, dates, group, applicant, then every field that carries an
answer, in form order, over the revisions of the exported dossiers (a field known by
its stable id is one column even when several revisions carry it)."""

import csv
import io
from collections.abc import Iterable, Iterator

from django.utils import timezone
from openpyxl import Workbook

from parvis.cases.display import readable
from parvis.cases.enums import DossierState
from parvis.cases.models import ProcedureRevision

FIXED_HEADER = [
    "Numéro",
    "Démarche",
    "État",
    "Déposé le",
    "Instruction commencée le",
    "Décidé le",
    "Groupe instructeur",
    "Demandeur",
    "Instructeur attribué",
]
CHUNK = 500


def _date(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


def field_columns(revision_ids: Iterable[int]) -> list:
    """(field id, definition) of every top-level answer field, in order of first
    appearance over the revisions (ordered by procedure and number)."""
    columns = {}
    revisions = ProcedureRevision.objects.filter(pk__in=set(revision_ids)).order_by(
        "procedure_id", "number"
    )
    for revision in revisions:
        for definition in revision.form.root:
            if definition.carries_value and definition.id not in columns:
                columns[definition.id] = definition
    return list(columns.items())


def rows(dossiers) -> Iterator[list[str]]:
    """The header, then one row per dossier. `dossiers` is a queryset; it is read in
    chunks with its procedure, group, applicant and assignee joined."""
    dossiers = dossiers.select_related("procedure", "group", "applicant", "assignee").order_by("pk")
    columns = field_columns(dossiers.values_list("revision_id", flat=True).distinct())
    yield FIXED_HEADER + [definition.label for _id, definition in columns]
    for dossier in dossiers.iterator(chunk_size=CHUNK):
        answers = dossier.answers
        yield [
            str(dossier.pk),
            dossier.procedure.title,
            DossierState(dossier.state).label,
            _date(dossier.filed_at),
            _date(dossier.instruction_started_at),
            _date(dossier.closed_at),
            dossier.group.label if dossier.group else "",
            dossier.applicant.email,
            dossier.assignee.email if dossier.assignee else "",
        ] + [
            readable(definition, answers[field_id]) if field_id in answers else ""
            for field_id, definition in columns
        ]


class _Echo:
    def write(self, value):
        return value


def csv_lines(dossiers) -> Iterator[str]:
    """CSV lines (semicolon separated, as French spreadsheets expect), with a BOM."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for row in rows(dossiers):
        yield writer.writerow([_safe(cell) for cell in row])


def xlsx_bytes(dossiers) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Dossiers")
    for row in rows(dossiers):
        sheet.append([_safe(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _safe(cell: str) -> str:
    """A text a spreadsheet would run as a formula is kept as text (formula injection);
    a signed number (+33…, -12,5) is left as it is."""
    if cell[:1] in ("=", "@", "\t", "\r") or (cell[:1] in ("+", "-") and not cell[1:2].isdigit()):
        return f"'{cell}"
    return cell
