"""The JSON API (django-ninja): thin, it calls the corpus and search services."""

from ninja import NinjaAPI

from parvis.api.documents import router as documents_router

api = NinjaAPI(
    title="Parvis API",
    version="1",
    description="Textes officiels du droit du travail : Code du travail, conventions "
    "collectives, fiches service-public.fr, fiches du ministère du Travail, questions-réponses.",
    docs_url="/docs",
)
api.add_router("/documents", documents_router)
