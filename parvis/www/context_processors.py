"""Site-wide template context, without a database query per page."""

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


def site(request):
    # The header search box shows the query being searched, on every page.
    return {
        "SITE_CONFIG": SITE_CONFIG,
        "skiplinks": SKIPLINKS,
        "query": request.GET.get("q", "")[:500],
    }
