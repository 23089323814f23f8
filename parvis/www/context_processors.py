"""Site-wide template context, without a database query per page."""

from django.urls import reverse

from parvis.agreements.session import chosen

SITE_CONFIG = {
    "site_title": "Parvis — Code du travail numérique",
    "site_tagline": "Vos droits au travail, à partir des textes officiels",
    "header_brand_html": "République<br>Française",
    "footer_brand": "République française",
    "footer_brand_html": "République<br>Française",
    "footer_description": (
        "Parvis est un logiciel libre qui rend accessibles le Code du travail, "
        "les conventions collectives et les fiches officielles. Les textes viennent de "
        "Légifrance, de service-public.fr et du ministère du Travail ; la source "
        "officielle fait foi."
    ),
}
# django-dsfr's skip links (`dsfr_skiplinks`), the same on every page.
SKIPLINKS = [
    {"link": "#content", "label": "Contenu"},
    {"link": "#header-search-input", "label": "Recherche"},
    {"link": "#footer", "label": "Pied de page"},
]


# The main menu: (label, URL name); an entry is current on its page and below it.
NAV = [
    ("Accueil", "www:home"),
    ("Thèmes", "www:themes"),
    ("Code du travail", "www:code_du_travail_plan"),
    ("Conventions collectives", "www:agreements"),
    ("Questions-réponses", "www:questions"),
    ("Rechercher", "www:search"),
]


def nav_items(path: str) -> list[dict]:
    items = []
    for label, name in NAV:
        url = reverse(name)
        current = path == url if url == "/" else path.startswith(url)
        items.append({"label": label, "url": url, "current": current})
    return items


def site(request):
    # The header search box shows the query being searched, on every page.
    return {
        "SITE_CONFIG": SITE_CONFIG,
        "skiplinks": SKIPLINKS,
        "query": request.GET.get("q", "")[:500],
        "nav_items": nav_items(request.path),
        # the visitor's agreement, from their session (no query): shown in the header
        "chosen_agreement": chosen(request.session) if hasattr(request, "session") else None,
    }
