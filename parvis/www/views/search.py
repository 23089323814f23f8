"""The search page: results with type badges, type filter, pagination, help."""

import logging
import time

from django.conf import settings
from django.shortcuts import redirect, render

from parvis.agreements.service import named_by
from parvis.feedback.capture import record_impression
from parvis.search.service import QueryError, get_engine
from parvis.www.components import breadcrumb, result_card
from parvis.www.forms import MAX_PAGES, SearchForm
from parvis.www.pagination import RankedResults, results_page
from parvis.www.tools_box import named_tools
from parvis.www.views.feedback import click_links
from parvis.www.visits import current_visit

TEMPLATE = "www/search.html"
log = logging.getLogger(__name__)


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
            "cards": recorded_cards(request, results.response.query, kind, page),
            # a search that names an agreement ("syntec"): the picker's box, first page
            "named_agreements": agreements_named_by(query) if number == 1 else [],
            # a search that names a calculator or a letter template: a box of links
            "named_tools": named_tools(query) if number == 1 else [],
        },
    )


def agreements_named_by(query: str) -> list:
    """The picker's box above the results. It reads the agreements from the
    database; search does not: while the database is unreachable the results
    are still shown, without the box."""
    try:
        return named_by(query)
    except Exception:  # noqa: BLE001 - an optional box never fails the page
        log.warning("Encadré des conventions collectives omis : base de données indisponible")
        return []


def recorded_cards(request, query: str, kind: str, page) -> list[dict]:
    """The page's result cards, the impression recorded: each link records its
    click on the way to the document (a beacon does it when JavaScript runs)."""
    cards = [result_card(result) for result in page]
    if not cards or not settings.FEEDBACK_CAPTURE:
        return cards
    visit = current_visit(request)
    offset = page.start_index() - 1
    impression = record_impression(
        visit.id,
        query,
        kind or "",
        offset,
        [result.key for result in page],
        visit.previous_search(time.time()),
    )
    if impression is None:  # past the visit's cap: plain links
        return cards
    visit.last_search = impression
    links = click_links(impression, offset, [card["link"] for card in cards])
    for card, link in zip(cards, links, strict=True):
        card["link"] = link
    return cards
