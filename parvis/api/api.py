"""The JSON API (django-ninja): thin, it calls the corpus and search services."""

from ninja import NinjaAPI
from ninja.errors import ValidationError

from parvis.api.documents import router as documents_router
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


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    """Parameter errors in French, with the offending fields, as a 400."""
    fields = ", ".join(".".join(str(p) for p in e["loc"][1:]) or "requête" for e in exc.errors)
    return api.create_response(
        request, {"detail": f"Paramètres invalides : {fields}.", "errors": exc.errors}, status=400
    )
