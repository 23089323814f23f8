"""Every page type renders from the ingested extracts; unknown ids get a French 404."""

import pytest

pytestmark = pytest.mark.django_db

CONTRIBUTION = "contribution:4a6f1103-e955-45ff-a327-1bfa08f86fff"


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def url_of(key):
    from parvis.corpus.models import Document

    return Document.objects.get(key=key).get_absolute_url()


def test_home(client, corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        html = page(client, "/")
    assert "Vos droits au travail" in html
    assert 'lang="fr"' in html
    assert 'name="q"' in html  # search box in the header
    assert "République" in html


def test_code_article_page(client, corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        html = page(client, "/code-du-travail/l1234-1")
    assert "<h1>Article L1234-1</h1>" in html
    assert "Chapitre IV : Conséquences du licenciement" in html  # section path
    assert "https://www.legifrance.gouv.fr/codes/article_lc/" in html
    assert 'href="/code-du-travail/l1234-2"' in html  # next article


def test_social_security_article_page(client, corpus):
    html = page(client, "/code-de-la-securite-sociale/l161-1-4")
    assert "Code de la sécurité sociale" in html
    assert 'href="/code-de-la-securite-sociale/l161-1"' in html  # previous article


def test_agreement_pages(client, corpus, django_assert_max_num_queries):
    html = page(client, "/convention-collective/")
    assert "2216" in html and "Commerce de détail et de gros" in html
    response = client.get("/convention-collective/2216")
    assert response.status_code == 301
    # the agreement, its articles, the Q&A questions and its answers' passages, the
    # agreements catalogue's freshness (successor and predecessors)
    with django_assert_max_num_queries(6):
        html = page(client, response["Location"])
    assert "IDCC 2216" in html and "Texte de base" in html
    article_url = url_of("kali:KALIARTI000046477340")
    assert f'href="{article_url}"' in html
    with django_assert_max_num_queries(4):
        article = page(client, article_url)
    assert "Sommaire de la convention" in article
    assert "https://www.legifrance.gouv.fr/conv_coll/article/" in article


def test_agreement_without_articles_points_to_legifrance(client, corpus):
    html = page(client, url_of("kali:KALICONT000005635091"))
    assert "ne sont pas encore intégrés" in html


def test_ministry_fiche_page(client, corpus, django_assert_max_num_queries):
    from parvis.corpus.models import Document

    fiche = max(
        Document.objects.filter(kind="fiche_ministere_travail"),
        key=lambda d: len(d.data["sections"]),
    )
    # every section given the key links of a real one: resolved in one query, not one per section
    linked = next(
        s["html"]
        for d in Document.objects.filter(kind="fiche_ministere_travail")
        for s in d.data["sections"]
        if 'href="/document/' in s["html"]
    )
    for section in fiche.data["sections"]:
        section["html"] += linked
    fiche.save()
    assert len(fiche.data["sections"]) > 3
    with django_assert_max_num_queries(5):
        html = page(client, fiche.get_absolute_url())
    assert "Sommaire" in html
    for section in fiche.data["sections"]:
        assert f'id="{section["anchor"]}"' in html
    assert fiche.official_url in html


def test_contribution_page_with_and_without_agreement(client, corpus):
    url = url_of(CONTRIBUTION)
    html = page(client, url)
    assert "Ce que prévoit le Code du travail" in html
    # the agreement picker's search, which comes back here (no list of 51 numbers)
    assert 'action="/convention-collective/choisir"' in html and "<option" not in html
    html = page(client, url + "?idcc=0029")
    assert "Ce que prévoit la convention collective 0029" in html
    html = page(client, url + "?idcc=9999")
    assert "pas de réponse propre à la convention 9999" in html
    # a link's malformed IDCC is a French 400, the page still shown
    html = page(client, url + "?idcc=abc", status=400)
    assert "Un numéro IDCC s’écrit avec 4 chiffres" in html
    assert "Ce que prévoit le Code du travail" in html


def test_document_key_redirects_to_its_page(client, corpus):
    response = client.get("/document/legi:LEGIARTI000006901112")
    assert response.status_code == 302 and response["Location"] == "/code-du-travail/l1234-1"


@pytest.mark.parametrize(
    "url",
    [
        "/code-du-travail/l9999-99",
        "/code-du-travail/<script>",
        "/convention-collective/9999-inconnue",
        "/convention-collective/2216/article/kaliarti000000000000",
        "/fiche-service-public/inconnue",
        "/fiche-ministere-travail/inconnue",
        "/contribution/inconnue",
        "/document/legi:LEGIARTI000000000000",
        "/nimporte-quoi",
    ],
)
def test_unknown_ids_get_a_french_404(client, corpus, url, settings):
    settings.DEBUG = False
    html = page(client, url, status=404)
    # an unknown agreement's 404 offers the nearest IDCCs (tests/www/test_agreement_picker.py)
    assert "Page non trouvée" in html or "Aucune convention collective ne porte" in html


def test_security_headers(client, corpus):
    response = client.get("/")
    assert "script-src 'self' 'nonce-" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_service_public_fiche_page(client, corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        html = page(client, url_of("vdd:F34857"))
    assert 'class="fr-tabs__list"' in html  # situations as tabs
    assert "https://www.service-public.fr/" in html  # official source
    assert "Vérifié le 19 août 2020" in html  # dc:date "modified 2020-08-19", under the title
    references = page(client, url_of("vdd:F803"))
    assert "Références juridiques" in references
    # "Code du travail : articles L1251-29 à L1251-34" links to our article pages
    assert 'href="/code-du-travail/l1251-29"' in references
    assert 'href="/code-du-travail/l1251-34"' in references


def test_service_public_dossier_page(client, corpus):
    html = page(client, url_of("vdd:N31343"))
    assert "<h1>" in html and "Fiche service-public.fr" in html
