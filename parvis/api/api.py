"""The JSON API (django-ninja): thin, it calls the corpus and search services."""

from ninja import NinjaAPI
from ninja.errors import ValidationError

from parvis.api.agreements import companies_router
from parvis.api.agreements import router as agreements_router
from parvis.api.documents import router as documents_router
from parvis.api.letters import router as letters_router
from parvis.api.outils import router as outils_router
from parvis.api.search import router as search_router

api = NinjaAPI(
    title="Parvis API",
    version="1",
    description="Textes officiels du droit du travail : Code du travail, conventions "
    "collectives, fiches service-public.fr, fiches du ministère du Travail, questions-réponses.",
    docs_url="/docs",
)
api.add_router("/documents", documents_router)
api.add_router("/search", search_router)
api.add_router("/agreements", agreements_router)
api.add_router("/companies", companies_router)
api.add_router("/outils", outils_router)
api.add_router("/modeles", letters_router)


ERROR_MESSAGES = {
    "string_too_short": "au moins {min_length} caractère(s)",
    "string_too_long": "au plus {max_length} caractères",
    "string_pattern_mismatch": "format invalide",
    "greater_than_equal": "au moins {ge}",
    "less_than_equal": "au plus {le}",
    "int_parsing": "un nombre entier est attendu",
    "enum": "valeurs possibles : {expected}",
    "missing": "paramètre obligatoire",
}


def describe_error(error: dict) -> str:
    """One parameter error in French: "q : au moins 1 caractère(s)"."""
    name = ".".join(str(part) for part in error["loc"][1:]) or "requête"
    template = ERROR_MESSAGES.get(error.get("type", ""))
    try:
        reason = template.format(**error.get("ctx", {})) if template else error.get("msg", "")
    except (KeyError, IndexError):
        reason = error.get("msg", "")
    return f"{name} : {reason}"


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    """Parameter errors in French, with the offending fields and why, as a 400."""
    reasons = " ; ".join(describe_error(error) for error in exc.errors)
    return api.create_response(
        request, {"detail": f"Paramètres invalides : {reasons}.", "errors": exc.errors}, status=400
    )
