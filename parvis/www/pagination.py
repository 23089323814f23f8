"""Search results paginated with Django's Paginator, for django-dsfr's `dsfr_pagination`."""

from django.core.paginator import Page, Paginator

from parvis.search.service import SearchResponse

PAGE_SIZE = 10


class RankedResults:
    """The engine's ranked results for one query, as a sequence that Django's Paginator
    can count and slice: the engine answers one page at a time with the total, and the
    last answer is kept, so the page the view has already asked for is not searched
    twice. At most `max_pages` pages are offered."""

    def __init__(self, engine, query: str, kind: str | None, max_pages: int):
        self.engine, self.query, self.kind = engine, query, kind
        self.max_results = max_pages * PAGE_SIZE
        self.offset: int | None = None
        self.response: SearchResponse | None = None

    def fetch_page(self, number: int) -> SearchResponse:
        """The engine's answer for page `number` (may raise QueryError)."""
        return self._fetch((number - 1) * PAGE_SIZE)

    def _fetch(self, offset: int) -> SearchResponse:
        if offset != self.offset:
            self.response = self.engine.search(self.query, self.kind, PAGE_SIZE, offset)
            self.offset = offset
        return self.response

    def __len__(self) -> int:
        response = self.response or self._fetch(0)
        return min(response.total, self.max_results)

    def __getitem__(self, window: slice) -> list:
        return self._fetch(window.start).results[: window.stop - window.start]


def results_page(results: RankedResults, number: int) -> Page:
    """Page `number` of the results (the last one when past it), with the page list
    that django-dsfr's pagination template shows: numbers, and "…" between far ones."""
    paginator = Paginator(results, PAGE_SIZE)
    page = paginator.get_page(number)
    page.pages_list = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    return page
