"""GET /api/v1/documents/{key}: one document of the corpus by its key."""

import re
from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from parvis.corpus.models import Document

router = Router(tags=["documents"])
KEY_RE = re.compile(r"^(legi|kali|vdd|travail|contribution):[A-Za-z0-9_.-]{1,100}$")


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
    modified: date | None
    text: str
    passages: list[PassageOut]


class ErrorOut(Schema):
    detail: str


@router.get(
    "/{key}",
    response={200: DocumentOut, 400: ErrorOut, 404: ErrorOut},
    summary="Un document du corpus par sa clé (ex. legi:LEGIARTI000006901112)",
)
def get_document(request: HttpRequest, key: str):
    if not KEY_RE.match(key):
        raise HttpError(
            400,
            "Clé de document invalide : attendu <source>:<identifiant>, "
            "source parmi legi, kali, vdd, travail, contribution.",
        )
    document = Document.objects.filter(key=key).first()
    if document is None:
        raise HttpError(404, f"Aucun document ne porte la clé {key}.")
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
        modified=document.modified,
        text=document.text,
        passages=passages,
    )
