"""The pages a French public site must have (mentions légales, accessibility
statement, site map, personal data, contact), the glossary, and robots.txt."""

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from parvis.corpus.currency import stale_after_months
from parvis.corpus.enums import Kind
from parvis.corpus.models import Document
from parvis.corpus.provenance import cached_source_summaries
from parvis.www import components, data_page
from parvis.www.glossary import GLOSSARY

# page name -> (template, title)
PAGES = {
    "legal": ("www/pages/legal.html", "Mentions légales"),
    "accessibility": ("www/pages/accessibility.html", "Déclaration d’accessibilité"),
    "personal_data": ("www/pages/personal_data.html", "Données personnelles"),
    "contact": ("www/pages/contact.html", "Contact"),
}


def page(request, name):
    template, title = PAGES[name]
    return render(
        request,
        template,
        {"title": title, "breadcrumb_data": components.breadcrumb((title, ""))},
    )


def site_map(request):
    counts = dict(Document.objects.order_by().values_list("kind").annotate(n=Count("id")))
    return render(
        request,
        "www/pages/site_map.html",
        {
            "title": "Plan du site",
            "theme_groups": components.theme_groups(),
            "counts": {kind.name: counts.get(kind.value, 0) for kind in Kind},
            "breadcrumb_data": components.breadcrumb(("Plan du site", "")),
        },
    )


def data_sources(request):
    """The "À propos des données" page: each source, its licence, version, dates, ages."""
    summaries = cached_source_summaries()
    title = "À propos des données"
    return render(
        request,
        "www/pages/data.html",
        {
            "title": title,
            "sources_table": data_page.sources_table(summaries),
            "age_table": data_page.age_table(summaries),
            "stale_months": stale_after_months(),
            "stale_count": data_page.number(Document.objects.stale().count()),
            "breadcrumb_data": components.breadcrumb((title, "")),
        },
    )


def glossary(request):
    held = set(
        Document.objects.of_kind(Kind.CODE_DU_TRAVAIL)
        .filter(slug__in=[term.article for term in GLOSSARY if term.article])
        .values_list("slug", flat=True)
    )
    terms = [
        {**term.__dict__, "article": term.article if term.article in held else ""}
        for term in GLOSSARY
    ]
    return render(
        request,
        "www/pages/glossary.html",
        {
            "title": "Glossaire",
            "terms": terms,
            "breadcrumb_data": components.breadcrumb(("Glossaire", "")),
        },
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap_index"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /recherche",
        "Disallow: /api/",
        "Disallow: /document/",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
