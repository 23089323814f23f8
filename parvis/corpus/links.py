"""Our readable URLs for each kind of document, in one place.

Loaders use these to rewrite internal links; pages and the API use them to
link results. The URL patterns in parvis/www/urls.py mirror PREFIXES.
"""

import re

from parvis.corpus.enums import Kind
from parvis.corpus.text import slugify

PREFIXES = {
    Kind.CODE_DU_TRAVAIL: "code-du-travail",
    Kind.CODE_SECURITE_SOCIALE: "code-de-la-securite-sociale",
    Kind.CONVENTION_COLLECTIVE: "convention-collective",
    Kind.FICHE_SERVICE_PUBLIC: "fiche-service-public",
    Kind.FICHE_MINISTERE_TRAVAIL: "fiche-ministere-travail",
    Kind.CONTRIBUTION: "contribution",
}


def document_url(kind: str, slug: str, idcc: str = "") -> str:
    if kind == Kind.ARTICLE_CONVENTION:
        return f"/convention-collective/{idcc}/article/{slug}"
    return f"/{PREFIXES[kind]}/{slug}"


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


def key_href(key: str) -> str:
    """The link stored in a document's HTML to another document we hold.

    Stored HTML names documents by key, never by page URL: pages turn these
    links into the current page URLs when they render (and `/document/<key>`
    redirects there anyway), so a change of URL scheme never needs a re-ingestion.
    """
    return f"/document/{key}"
