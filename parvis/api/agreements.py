"""GET /api/v1/agreements: find a collective agreement by IDCC, name or usual name."""

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from parvis.agreements import companies, service
from parvis.agreements.picker import MAX_QUERY_LENGTH, MAX_RESULTS

router = Router(tags=["agreements"])


class AgreementParams(Schema):
    q: str = Field(
        min_length=1,
        max_length=MAX_QUERY_LENGTH,
        description=(
            f"Numéro IDCC (avec ou sans zéros), nom, sigle ou nom usuel "
            f"(« 843 », « syntec », « BTP », « métallurgie ») ; 1 à {MAX_QUERY_LENGTH} caractères."
        ),
        examples=["boulangerie"],
    )
    limit: int = Field(10, ge=1, le=MAX_RESULTS, description="Nombre de résultats au plus.")


class AgreementOut(Schema):
    idcc: str = Field(description="Numéro IDCC, 4 chiffres.")
    title: str
    short_title: str
    url: str = Field(description="La page de la convention sur ce site.")
    replaces: list[str] = Field(
        description="Conventions fusionnées dans celle-ci que la recherche désignait "
        "(ex. 0054 pour 3248, métallurgie)."
    )


class AgreementsOut(Schema):
    results: list[AgreementOut] = Field(description="Les plus pertinentes d'abord.")


class IdccParam(Schema):
    idcc: str = Field(pattern=r"^\d{1,4}$", description="Numéro IDCC, 1 à 4 chiffres.")


class ErrorOut(Schema):
    detail: str


class NotFoundOut(Schema):
    detail: str
    suggestions: list[AgreementOut] = Field(description="Les numéros les plus proches.")


def _out(found: service.Found) -> AgreementOut:
    return AgreementOut(
        idcc=found.idcc,
        title=found.title,
        short_title=found.short_title,
        url=found.url,
        replaces=list(found.replaces),
    )


@router.get(
    "",
    response={200: AgreementsOut, 400: ErrorOut},
    summary="Trouver une convention collective (IDCC, nom, sigle, nom usuel ; fautes tolérées)",
)
def search_agreements(request: HttpRequest, params: Query[AgreementParams]):
    return AgreementsOut(results=[_out(f) for f in service.search(params.q, params.limit)])


@router.get(
    "/{idcc}",
    response={200: AgreementOut, 400: ErrorOut, 404: NotFoundOut},
    summary="Une convention collective par son IDCC (fusionnée : celle qui la remplace)",
)
def get_agreement(request: HttpRequest, params: Path[IdccParam]):
    found = service.get(params.idcc)
    if found is None:
        idcc = params.idcc.zfill(4)
        return Status(
            404,
            NotFoundOut(
                detail=f"Aucune convention collective ne porte le numéro IDCC {idcc}.",
                suggestions=[_out(f) for f in service.suggestions(idcc)],
            ),
        )
    return _out(found)


companies_router = Router(tags=["agreements"])


class CompanyParams(Schema):
    q: str = Field(
        min_length=1,
        max_length=200,
        description="SIRET (14 chiffres) ou SIREN (9), espaces permis, ou nom d'entreprise.",
        examples=["732 829 320 00074"],
    )


class CompanyOut(Schema):
    siren: str
    siret: str = Field(description="L'établissement demandé, quand un SIRET l'a été.")
    name: str
    idccs: list[str] = Field(description="Conventions déclarées (sans 9999).")
    agreements: list[AgreementOut] = Field(description="Celles que ce site contient.")
    message: str = Field(description="« Pas de convention collective… » quand aucune.")


class CompaniesOut(Schema):
    results: list[CompanyOut]


@companies_router.get(
    "",
    response={200: CompaniesOut, 400: ErrorOut, 503: ErrorOut},
    summary="Les conventions collectives d'une entreprise (SIRET, SIREN ou nom)",
)
def search_companies(request: HttpRequest, params: Query[CompanyParams]):
    try:
        found = companies.lookup(params.q)
    except companies.IdentifierError as error:
        return Status(400, ErrorOut(detail=str(error)))
    except companies.CompaniesError as error:
        return Status(503, ErrorOut(detail=str(error)))
    results = []
    for company in found:
        known = [f for f in (service.get(idcc) for idcc in company.idccs) if f is not None]
        results.append(
            CompanyOut(
                siren=company.siren,
                siret=company.siret,
                name=company.name,
                idccs=list(company.idccs),
                agreements=[_out(f) for f in known],
                message="" if company.has_agreement else companies.NO_AGREEMENT_MESSAGE,
            )
        )
    return CompaniesOut(results=results)
