from django.db.models import Count
from django.shortcuts import render

from parvis.corpus.enums import Kind
from parvis.corpus.models import Document
from parvis.www.components import home_tiles, theme_tags
from parvis.www.forms import SearchForm

# The ministry's Q&A are its answers to the questions it is most often asked; the
# home page shows the first ones in the ministry's own order (no usage figures yet).
FREQUENT_QUESTIONS = 6


def home(request):
    counts = dict(Document.objects.order_by().values_list("kind").annotate(n=Count("id")))
    questions = (
        Document.objects.of_kind(Kind.CONTRIBUTION)
        .order_by("position")
        .only("kind", "slug", "idcc", "title")[:FREQUENT_QUESTIONS]
    )
    return render(
        request,
        "www/home.html",
        {
            "form": SearchForm(),
            "tiles": home_tiles({kind: counts.get(kind.value, 0) for kind in Kind}),
            "theme_groups": theme_tags(),
            "questions": questions,
            "title": "Accueil",
        },
    )
