"""GET /api/v1/documents/{key}: one document of the corpus by its key."""

from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from parvis.corpus.currency import shown_date
from parvis.corpus.enums import Source
from parvis.corpus.models import Document, RemovedDocument

router = Router(tags=["documents"])
KEY_PATTERN = rf"^({'|'.join(Source.values)}):[A-Za-z0-9_.-]{{1,100}}$"


class KeyParam(Schema):
    key: str = Field(
        pattern=KEY_PATTERN,
        max_length=120,
        description="Clé du document : <source>:<identifiant officiel>.",
        examples=["legi:LEGIARTI000006901112"],
    )


class PassageOut(Schema):
    anchor: str
    title: str
    text: str


class DocumentOut(Schema):
    key: str
    source: str
    type: str
    title: str
    url: str
    official_url: str
    breadcrumb: list[str]
    number: str
    idcc: str
    modified: date | None = Field(
        description="Dernière modification à la source ; null si inconnue ou après aujourd'hui."
    )
    date_label: str = Field(description="La date telle que la page l'affiche.")
    stale: bool = Field(
        description="Fiche plus ancienne que l'âge configuré : à vérifier sur la page officielle."
    )
    text: str
    passages: list[PassageOut]


class ErrorOut(Schema):
    detail: str


class GoneOut(Schema):
    detail: str
    removed_at: date
    replacement_key: str | None = Field(description="Le document qui le remplace, s'il y en a un.")
    replacement_url: str | None


@router.get(
    "/{key}",
    response={200: DocumentOut, 400: ErrorOut, 404: ErrorOut, 410: GoneOut},
    summary="Un document du corpus par sa clé (ex. legi:LEGIARTI000006901112)",
)
def get_document(request: HttpRequest, params: Path[KeyParam]):
    key = params.key
    document = Document.objects.filter(key=key).first()
    if document is None:
        removed = RemovedDocument.objects.filter(key=key).first()
        if removed is None:
            raise HttpError(404, f"Aucun document ne porte la clé {key}.")
        replacement = removed.replacement()
        return Status(
            410,
            GoneOut(
                detail=f"Le document {key} n'est plus publié par sa source.",
                removed_at=timezone.localdate(removed.removed_at),
                replacement_key=replacement.key if replacement else None,
                replacement_url=replacement.get_absolute_url() if replacement else None,
            ),
        )
    passages = [
        PassageOut(anchor=p.anchor, title=p.title, text=p.text) for p in document.passages.all()
    ]
    return DocumentOut(
        key=document.key,
        source=document.source,
        type=document.kind,
        title=document.title,
        url=document.get_absolute_url(),
        official_url=document.official_url,
        breadcrumb=document.breadcrumb,
        number=document.number,
        idcc=document.idcc,
        modified=shown_date(document.modified),
        date_label=document.date_line,
        stale=document.is_stale,
        text=document.text,
        passages=passages,
    )
