"""Our readable URLs for each kind of document, in one place.

Loaders use these to rewrite internal links; pages and the API use them to
link results. The URL patterns in parvis/www/urls.py mirror PREFIXES.
"""

PREFIXES = {
    "code_du_travail": "code-du-travail",
    "code_securite_sociale": "code-de-la-securite-sociale",
    "convention_collective": "convention-collective",
    "fiche_service_public": "fiche-service-public",
    "fiche_ministere_travail": "fiche-ministere-travail",
    "contribution": "contribution",
}


def document_url(kind: str, slug: str, idcc: str = "") -> str:
    if kind == "article_convention":
        return f"/convention-collective/{idcc}/article/{slug}"
    return f"/{PREFIXES[kind]}/{slug}"


def article_slug(number: str) -> str:
    """`L1234-5` -> `l1234-5` (the article page slug)."""
    return number.strip().lower().replace(" ", "")
