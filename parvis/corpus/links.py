"""Our readable URLs for each kind of document, in one place.

URLs are never stored (not in the database, not in a search index build):
pages, search results and the API build them when they render, from a
document's kind, slug and IDCC, through the URL names of parvis/www/urls.py.
"""

import re
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

from parvis.corpus.enums import Kind
from parvis.corpus.text import slugify

# The page of each kind of document (named URL patterns of parvis/www/urls.py).
URL_NAMES = {
    Kind.CODE_DU_TRAVAIL: "www:code_du_travail",
    Kind.CODE_SECURITE_SOCIALE: "www:code_securite_sociale",
    Kind.CONVENTION_COLLECTIVE: "www:agreement",
    Kind.ARTICLE_CONVENTION: "www:agreement_article",
    Kind.FICHE_SERVICE_PUBLIC: "www:fiche_service_public",
    Kind.FICHE_MINISTERE_TRAVAIL: "www:fiche_ministere_travail",
    Kind.CONTRIBUTION: "www:contribution",
}


def document_url(kind: str, slug: str, idcc: str = "") -> str:
    """The page of a document, e.g. `/code-du-travail/l1234-1`."""
    if kind == Kind.ARTICLE_CONVENTION:
        kwargs = (("idcc", idcc), ("slug", slug))
    elif kind == Kind.CONVENTION_COLLECTIVE:
        # An agreement's slug is `<idcc>-<title words>`; its page names both parts.
        _, _, words = slug.partition("-")
        kwargs = (("idcc", idcc), ("slug", words)) if words else (("idcc", idcc),)
    else:
        kwargs = (("slug", slug),)
    return _reverse(URL_NAMES[kind], kwargs, get_urlconf(), get_script_prefix())


@lru_cache(maxsize=100_000)
def _reverse(name: str, kwargs: tuple, urlconf, prefix: str) -> str:
    """reverse() costs about 70 µs, ten times per page of results: remembered,
    per URL configuration and script prefix (both part of the answer)."""
    return reverse(name, urlconf=urlconf, kwargs=dict(kwargs))


def page_url_prefixes() -> set[str]:
    """The first path segment of every kind of document page ("code-du-travail",
    "convention-collective"...), read from the URL configuration."""
    samples = {kind: document_url(kind, "x", "0000") for kind in URL_NAMES}
    return {url.strip("/").split("/", 1)[0] for url in samples.values()}


# What the article URL patterns accept (parvis/www/urls.py mirrors it).
SLUG_PATTERN = r"[a-z0-9][a-z0-9.-]{0,200}"
_SLUG = re.compile(SLUG_PATTERN)


def article_slug(number: str) -> str:
    """The article page slug: `L1234-5` -> `l1234-5`.

    Légifrance's star (`R*3231-1`, a decree taken in Conseil des ministres) is
    dropped: citations and searches write `R3231-1`. A number that is a name
    (`Annexe I à l'article R4312-1`) is slugified (`annexe-i-a-l-article-r4312-1`).
    """
    slug = number.replace("*", "").replace(" ", "").strip().lower()
    return slug if _SLUG.fullmatch(slug) else slugify(number.replace("*", ""), 200)


KEY_LINK = re.compile(r"/document/([a-z]+:[A-Za-z0-9_.-]{1,100})")


def linked_keys(html: str) -> list[str]:
    """The keys of the documents a stored HTML fragment links to, in order, unique."""
    return list(dict.fromkeys(KEY_LINK.findall(html or "")))


def key_href(key: str) -> str:
    """The link stored in a document's HTML to another document we hold.

    Stored HTML names documents by key, never by page URL: pages turn these
    links into the current page URLs when they render (and `/document/<key>`
    redirects there anyway), so a change of URL scheme never needs a re-ingestion.
    """
    return f"/document/{key}"
