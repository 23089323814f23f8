"""The service-public.fr fiche page: F fiches, N dossiers, R items (forms, online
services: a short page leading to the official one). The fiche is read through its
typed format (parvis/corpus/fiche/blocks.py); parvis/www/fiche_page.py prepares
what the template shows around the blocks."""

from django.shortcuts import get_object_or_404, render

from parvis.corpus.enums import Kind
from parvis.corpus.fiche.blocks import Fiche, Reference
from parvis.corpus.models import Document
from parvis.www.fiche_page import FichePage
from parvis.www.views.documents import document_page, linked_documents, theme_crumbs
from parvis.www.views.gone import gone_when_removed


def references_with_links(references: list[Reference]) -> list[dict]:
    """Each reference with our pages for its resolved keys (for www/_references.html)."""
    links = linked_documents(key for ref in references for key in ref.keys)
    return [
        {**ref.model_dump(), "links": [links[key] for key in ref.keys if key in links]}
        for ref in references
    ]


@gone_when_removed(Kind.FICHE_SERVICE_PUBLIC)
def fiche(request, slug):
    document = get_object_or_404(Document, kind=Kind.FICHE_SERVICE_PUBLIC, slug=slug)
    page = FichePage.of(Fiche.load(document.data))
    return render(
        request,
        "www/fiche_service_public.html",
        document_page(
            document,
            document.title,
            *theme_crumbs(document),
            (document.title, ""),
            page=page,
            references=references_with_links(page.fiche.references),
        ),
    )
