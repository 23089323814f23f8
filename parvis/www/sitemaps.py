"""sitemap.xml: every document page, with the date of its last change, and the
site's browsing pages. An index (`/sitemap.xml`) lists one sitemap per kind of
document, each cut into pages of SITEMAP_PAGE_SIZE addresses (the protocol's
limit is 50,000)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from parvis.corpus.enums import Kind
from parvis.corpus.models import Document
from parvis.corpus.plan import code_plan
from parvis.corpus.themes import THEMES
from parvis.letters.definitions import letters
from parvis.rules.definitions import calculators

SITEMAP_PAGE_SIZE = 10_000


class DocumentSitemap(Sitemap):
    limit = SITEMAP_PAGE_SIZE

    def __init__(self, kind: str):
        self.kind = kind

    def items(self):
        return (
            Document.objects.of_kind(self.kind)
            .order_by("id")
            .only("kind", "slug", "idcc", "modified", "ingested_at")
        )

    def lastmod(self, document):
        """The source's date of last change; for a document whose source gives none
        (the Q&A), the day our copy last changed."""
        return document.modified or document.ingested_at.date()


class BrowsingSitemap(Sitemap):
    """Home, themes, the codes' tables of contents, the lists and the site's pages."""

    def items(self):
        names = [
            "www:home",
            "www:themes",
            "www:agreements",
            "www:questions",
            "www:outils",
            "www:modeles",
            "www:glossary",
            "www:site_map",
            "www:legal",
            "www:accessibility",
            "www:personal_data",
            "www:contact",
        ]
        urls = [reverse(name) for name in names]
        urls += [reverse("www:theme", args=[theme.slug]) for theme in THEMES]
        urls += [reverse("www:outil", args=[slug]) for slug in calculators()]
        urls += [reverse("www:modele", args=[slug]) for slug in letters()]
        for kind, name in (
            (Kind.CODE_DU_TRAVAIL, "www:code_du_travail_plan"),
            (Kind.CODE_SECURITE_SOCIALE, "www:code_securite_sociale_plan"),
        ):
            urls.append(reverse(name))
            urls += [
                reverse(name, kwargs={"path": section.path})
                for section in code_plan(kind).sections()
            ]
        return urls

    def location(self, item):
        return item


SITEMAPS = {
    "pages": BrowsingSitemap(),
    **{kind.value.replace("_", "-"): DocumentSitemap(kind) for kind in Kind},
}
