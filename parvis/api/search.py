"""GET /api/v1/search: ranked documents for a query."""

from datetime import date

from django.http import HttpRequest, JsonResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from parvis.corpus.currency import is_stale, parse_iso, shown_date
from parvis.corpus.enums import Kind
from parvis.search.service import (
    MAX_LIMIT,
    MAX_OFFSET,
    MAX_QUERY_LENGTH,
    QueryError,
    get_engine,
)

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = Field(
        min_length=1,
        max_length=MAX_QUERY_LENGTH,
        description=f"La recherche (1 à {MAX_QUERY_LENGTH} caractères).",
    )
    type: Kind | None = Field(None, description="Ne garder qu'un type de document.")
    limit: int = Field(10, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class ResultOut(Schema):
    key: str
    type: str
    title: str
    url: str
    snippet: str = Field(description="Extrait HTML échappé ; les termes trouvés sont dans <mark>.")
    score: float
    modified: date | None = Field(
        description="Dernière modification à la source (AAAA-MM-JJ) ; null si inconnue."
    )
    stale: bool = Field(
        description="Fiche plus ancienne que l'âge configuré : à vérifier sur la page officielle."
    )


class SearchOut(Schema):
    query: str
    total: int
    suggestion: str | None = None
    results: list[ResultOut]


class ErrorOut(Schema):
    detail: str


@router.get(
    "", response={200: SearchOut, 400: ErrorOut, 503: ErrorOut}, summary="Rechercher dans le corpus"
)
def search(request: HttpRequest, params: Query[SearchParams]):
    engine = get_engine()
    if engine is None:
        raise HttpError(503, "L'index de recherche n'est pas encore construit.")
    try:
        response = engine.search(params.q, params.type, params.limit, params.offset)
    except QueryError as error:
        raise HttpError(400, str(error)) from None
    # Built by hand rather than validated through SearchOut: this is the hot path
    # under load, and the schema test (schemathesis) checks the shape.
    return JsonResponse(
        {
            "query": response.query,
            "total": response.total,
            "suggestion": response.suggestion,
            "results": [
                {
                    "key": r.key,
                    "type": r.type,
                    "title": r.title,
                    "url": r.url,
                    "snippet": r.snippet,
                    "score": r.score,
                    "modified": modified.isoformat() if modified else None,
                    "stale": is_stale(r.type, modified),
                }
                for r in response.results
                for modified in [shown_date(parse_iso(r.modified))]
            ],
        },
        content_type="application/json; charset=utf-8",
    )
