"""The search page: results with type badges, type filter, pagination, help."""

from django.shortcuts import redirect, render

from parvis.agreements.service import named_by
from parvis.search.service import QueryError, get_engine
from parvis.www.components import breadcrumb, result_card
from parvis.www.forms import MAX_PAGES, SearchForm
from parvis.www.pagination import RankedResults, results_page

TEMPLATE = "www/search.html"


def search(request):
    context = {"title": "Rechercher", "breadcrumb_data": breadcrumb(("Rechercher", ""))}
    if "q" not in request.GET:  # nothing asked yet: the form, with the type a link chose
        form = SearchForm(initial={"type": request.GET.get("type", "")})
        return render(request, TEMPLATE, {**context, "form": form})
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, TEMPLATE, {**context, "form": form}, status=400)
    engine = get_engine()
    if engine is None:
        return render(request, TEMPLATE, {**context, "form": form, "unavailable": True}, status=503)
    query, kind, number = (form.cleaned_data[name] for name in ("q", "type", "page"))
    results = RankedResults(engine, query, kind or None, MAX_PAGES)
    try:
        response = results.fetch_page(number)
    except QueryError as error:
        form.add_error("q", str(error))
        return render(request, TEMPLATE, {**context, "form": form}, status=400)
    if response.direct is not None and number == 1 and not kind:
        return redirect(response.direct.url)
    page = results_page(results, number)  # the last page when past it: searched again
    return render(
        request,
        TEMPLATE,
        {
            **context,
            "form": form,
            "title": f"Recherche : {results.response.query}",
            "response": results.response,
            "page_obj": page,
            "cards": [result_card(result) for result in page],
            # a search that names an agreement ("syntec"): the picker's box, first page
            "named_agreements": named_by(query) if number == 1 else [],
        },
    )
