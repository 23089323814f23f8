from django.shortcuts import render

from parvis.corpus.enums import Kind
from parvis.corpus.models import Document
from parvis.www.components import home_tiles
from parvis.www.forms import SearchForm


def home(request):
    counts = dict(
        (kind, Document.objects.filter(kind=kind).count())
        for kind in (
            Kind.CODE_DU_TRAVAIL,
            Kind.CONVENTION_COLLECTIVE,
            Kind.FICHE_SERVICE_PUBLIC,
            Kind.FICHE_MINISTERE_TRAVAIL,
            Kind.CONTRIBUTION,
        )
    )
    return render(
        request,
        "www/home.html",
        {"form": SearchForm(), "tiles": home_tiles(counts), "title": "Accueil"},
    )
