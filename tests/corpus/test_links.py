"""Page URLs are built from kind, slug and IDCC through the URL names (never stored)."""

import pytest
from django.urls import resolve

from parvis.corpus.enums import Kind
from parvis.corpus.links import article_slug, document_url


@pytest.mark.parametrize(
    ("kind", "slug", "idcc", "url"),
    [
        (Kind.CODE_DU_TRAVAIL, "l1234-1", "", "/code-du-travail/l1234-1"),
        (Kind.CODE_SECURITE_SOCIALE, "l161-1", "", "/code-de-la-securite-sociale/l161-1"),
        (
            Kind.CONVENTION_COLLECTIVE,
            "2216-commerce",
            "2216",
            "/convention-collective/2216-commerce",
        ),
        (Kind.CONVENTION_COLLECTIVE, "2216", "2216", "/convention-collective/2216"),
        (
            Kind.ARTICLE_CONVENTION,
            "kaliarti000046477340",
            "2216",
            "/convention-collective/2216/article/kaliarti000046477340",
        ),
        (Kind.FICHE_SERVICE_PUBLIC, "demission", "", "/fiche-service-public/demission"),
        (Kind.FICHE_MINISTERE_TRAVAIL, "le-preavis", "", "/fiche-ministere-travail/le-preavis"),
        (Kind.CONTRIBUTION, "la-periode-dessai", "", "/contribution/la-periode-dessai"),
    ],
)
def test_each_kind_has_its_page(kind, slug, idcc, url):
    assert document_url(kind, slug, idcc) == url


@pytest.mark.parametrize(
    ("number", "slug"),
    [("R*1233-3-4", "r1233-3-4"), ("Annexe à l'article R1422-4", "annexe-a-l-article-r1422-4")],
)
def test_articles_with_unusual_numbers_have_a_page(number, slug):
    assert article_slug(number) == slug
    match = resolve(document_url(Kind.CODE_DU_TRAVAIL, article_slug(number)))
    assert match.url_name == "code_du_travail" and match.kwargs["slug"] == slug
