"""The search page: results with type badges, type filter, pagination, help."""

from django.shortcuts import redirect, render

from parvis.corpus.enums import Kind
from parvis.search.service import QueryError, get_engine

PAGE_SIZE = 10
MAX_PAGES = 20
TYPE_FILTERS = [
    ("", "Tous les contenus"),
    (Kind.FICHE_SERVICE_PUBLIC, "Fiches service-public.fr"),
    (Kind.FICHE_MINISTERE_TRAVAIL, "Fiches du ministère du Travail"),
    (Kind.CONTRIBUTION, "Questions-réponses"),
    (Kind.CODE_DU_TRAVAIL, "Code du travail"),
    (Kind.CODE_SECURITE_SOCIALE, "Code de la sécurité sociale"),
    (Kind.CONVENTION_COLLECTIVE, "Conventions collectives"),
    (Kind.ARTICLE_CONVENTION, "Articles de conventions collectives"),
]
KIND_LABELS = dict(Kind.choices)


def _page_number(raw: str) -> int:
    try:
        return max(1, min(int(raw), MAX_PAGES))
    except (TypeError, ValueError):
        return 1


def search(request):
    raw_query = request.GET.get("q", "")
    kind = request.GET.get("type", "")
    kind = kind if kind in KIND_LABELS else ""
    page_number = _page_number(request.GET.get("page", "1"))
    context = {
        "title": "Rechercher",
        "type_filters": TYPE_FILTERS,
        "kind": kind,
        "breadcrumb_data": {"links": [], "current": "Rechercher", "root_dir": "/"},
        "error": "",
        "response": None,
        "pages": [],
        "page_number": page_number,
    }
    if not raw_query.strip() and "q" not in request.GET:
        return render(request, "www/search.html", context)
    engine = get_engine()
    if engine is None:
        context["error"] = "La recherche n’est pas encore disponible : l’index est en construction."
        return render(request, "www/search.html", context, status=503)
    try:
        response = engine.search(raw_query, kind or None, PAGE_SIZE, (page_number - 1) * PAGE_SIZE)
    except QueryError as error:
        context["error"] = str(error)
        return render(request, "www/search.html", context, status=400)
    if response.direct is not None and page_number == 1 and not kind:
        return redirect(response.direct.url)
    page_count = min(MAX_PAGES, (response.total + PAGE_SIZE - 1) // PAGE_SIZE)
    context.update(
        {
            "title": f"Recherche : {response.query}",
            "response": response,
            "results": [
                {"result": r, "label": KIND_LABELS.get(r.type, r.type)} for r in response.results
            ],
            "pages": range(1, page_count + 1),
            "page_count": page_count,
        }
    )
    return render(request, "www/search.html", context)
