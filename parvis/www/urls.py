from django.urls import path, re_path

from parvis.corpus.enums import Kind
from parvis.www.views import documents, home, search

app_name = "www"
SLUG = r"(?P<slug>[a-z0-9][a-z0-9.-]{0,200})"
# Code article slugs come from their numbers, and some numbers are not plain:
# "R*1233-3-4", "Annexe à l'article R1422-4" (179 articles of the two codes).
ARTICLE_SLUG = r"(?P<slug>[^/]{1,200})"

urlpatterns = [
    path("", home.home, name="home"),
    path("recherche", search.search, name="search"),
    re_path(
        rf"^code-du-travail/{ARTICLE_SLUG}$",
        documents.code_article,
        {"kind": Kind.CODE_DU_TRAVAIL},
        name="code_du_travail",
    ),
    re_path(
        rf"^code-de-la-securite-sociale/{ARTICLE_SLUG}$",
        documents.code_article,
        {"kind": Kind.CODE_SECURITE_SOCIALE},
        name="code_securite_sociale",
    ),
    path("convention-collective/", documents.agreement_list, name="agreements"),
    re_path(
        r"^convention-collective/(?P<idcc>\d{4})/article/(?P<slug>[a-z0-9]{1,40})$",
        documents.agreement_article,
        name="agreement_article",
    ),
    re_path(
        r"^convention-collective/(?P<idcc>\d{4})(?:-(?P<slug>[a-z0-9-]{0,200}))?$",
        documents.agreement,
        name="agreement",
    ),
    re_path(
        rf"^fiche-service-public/{SLUG}$",
        documents.fiche,
        {"kind": Kind.FICHE_SERVICE_PUBLIC},
        name="fiche_service_public",
    ),
    re_path(
        rf"^fiche-ministere-travail/{SLUG}$",
        documents.fiche,
        {"kind": Kind.FICHE_MINISTERE_TRAVAIL},
        name="fiche_ministere_travail",
    ),
    re_path(rf"^contribution/{SLUG}$", documents.contribution, name="contribution"),
    re_path(r"^document/(?P<key>[a-z]+:[A-Za-z0-9_.-]{1,100})$", documents.by_key, name="by_key"),
]
