"""The agreement picker's pages, without JavaScript: a GET search, POST buttons to
choose and to remove, the choice remembered in the session and shown in the header
on every page, Q&A pages answering for it; unknown IDCCs are 404s with suggestions."""

import re

import pytest

from parvis.agreements.session import SESSION_KEY
from tests.agreements import companies_server


@pytest.fixture
def companies_api(settings):
    yield from companies_server.serve(settings)


pytestmark = pytest.mark.django_db

CONTRIBUTION = "contribution:4a6f1103-e955-45ff-a327-1bfa08f86fff"
PICKER = "/convention-collective/choisir"


def url_of(key):
    from parvis.corpus.models import Document

    return Document.objects.get(key=key).get_absolute_url()


def header(html: str) -> str:
    return html[html.index("<header") : html.index("</header>")]


def test_picker_page_searches_by_name_number_and_usual_name(client, corpus):
    html = client.get(PICKER).content.decode()
    assert 'name="q"' in html and 'method="get"' in html
    for query, idcc in (("missions locales", "2190"), ("29", "0029"), ("supermarche", "2216")):
        response = client.get(PICKER, {"q": query})
        assert response.status_code == 200
        html = response.content.decode()
        results = html[html.index('id="agreement-results"') :]
        first = re.search(r'name="idcc" value="(\d{4})"', results).group(1)
        assert first == idcc, query
        assert 'action="/convention-collective/choix"' in results  # a POST button


def test_picker_says_when_nothing_matches(client, corpus):
    html = client.get(PICKER, {"q": "zzzzzz"}).content.decode()
    assert "Aucune convention trouvée" in html


def test_picker_refuses_an_overlong_query_in_french(client, corpus):
    response = client.get(PICKER, {"q": "a" * 201})
    assert response.status_code == 400
    assert "Au plus 200 caractères" in response.content.decode()


def test_choice_is_remembered_shown_in_the_header_and_removed(client, corpus):
    assert "IDCC 2190" not in header(client.get("/").content.decode())
    response = client.post("/convention-collective/choix", {"idcc": "2190", "next": "/themes/"})
    assert response.status_code == 302 and response["Location"] == "/themes/"
    assert client.session[SESSION_KEY]["idcc"] == "2190"
    assert client.session.get_expire_at_browser_close()  # for the visit only
    for url in ("/", "/themes/", "/recherche?q=preavis", url_of(CONTRIBUTION)):
        top = header(client.get(url).content.decode())
        assert "IDCC 2190 · Changer" in top and "Retirer" in top, url
        assert "Ma convention collective : Missions locales et PAIO (IDCC 2190)" in top, url
    response = client.post("/convention-collective/retirer", {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert SESSION_KEY not in client.session
    assert "IDCC 2190" not in header(client.get("/").content.decode())


def test_choice_without_zeros_and_unsafe_next(client, corpus):
    response = client.post(
        "/convention-collective/choix", {"idcc": "29", "next": "https://x.example/"}
    )
    assert response["Location"] == PICKER
    assert client.session[SESSION_KEY]["idcc"] == "0029"


def test_choosing_needs_post(client, corpus):
    assert client.get("/convention-collective/choix?idcc=2190").status_code == 405
    assert SESSION_KEY not in client.session


def test_choosing_an_unknown_idcc_is_404_with_suggestions(client, corpus):
    response = client.post("/convention-collective/choix", {"idcc": "2217"})
    assert response.status_code == 404
    html = response.content.decode()
    assert "Aucune convention collective ne porte le numéro IDCC 2217" in html
    assert "IDCC 2216" in html[html.index('id="agreement-suggestions"') :]
    assert SESSION_KEY not in client.session


def test_unknown_agreement_page_is_404_with_suggestions(client, corpus):
    response = client.get("/convention-collective/2217")
    assert response.status_code == 404
    assert "IDCC 2216" in response.content.decode()


def test_contribution_answers_for_the_chosen_agreement(client, corpus):
    url = url_of(CONTRIBUTION)
    html = client.get(url).content.decode()
    assert "Ce que prévoit la convention collective" not in html
    picker = html[html.index('id="agreement-choice"') :]
    assert f'value="{url}"' in picker  # the picker brings the visitor back here
    client.post("/convention-collective/choix", {"idcc": "0029", "next": url})
    html = client.get(url).content.decode()
    assert "Ce que prévoit la convention collective 0029" in html
    assert "Changer de convention" in html
    # a link naming another agreement wins over the choice
    html = client.get(url + "?idcc=2190").content.decode()
    assert "pas de réponse propre à la convention 2190" in html


def test_company_lookup_is_off_by_default_and_checks_the_number_first(client, corpus, settings):
    assert settings.COMPANIES_API_URL == ""
    assert "Chercher par mon entreprise" not in client.get(PICKER).content.decode()
    response = client.get("/convention-collective/entreprise", {"entreprise": "123 456"})
    assert response.status_code == 400
    assert "vous en avez saisi 6" in response.content.decode()
    response = client.get("/convention-collective/entreprise", {"entreprise": "732 829 320 00074"})
    assert response.status_code == 503
    assert "n’est pas disponible sur ce site" in response.content.decode()


def test_company_lookup_offers_the_agreement_or_says_none(client, corpus, companies_api):
    html = client.get(PICKER).content.decode()
    assert "Chercher par mon entreprise" in html
    response = client.get(
        "/convention-collective/entreprise", {"entreprise": "732 829 320 00074", "next": "/"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "SOCIETE D&#x27;ETUDES EXEMPLE" in html and "SIRET 73282932000074" in html
    assert 'name="idcc" value="2216"' in html  # a button choosing the establishment's agreement
    html = client.get(
        "/convention-collective/entreprise", {"entreprise": "exemple"}
    ).content.decode()
    assert "Pas de convention collective : le Code du travail s’applique." in html
    assert "IDCC 0843 (convention que nous n’avons pas)" in html  # not in the fixture corpus


def test_company_service_down_is_a_clear_message_and_the_page_works(client, corpus, companies_api):
    companies_api.scenario = "down"
    response = client.get("/convention-collective/entreprise", {"entreprise": "732829320"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "ne répond pas" in html and 'name="entreprise"' in html


def test_agreement_page_offers_to_choose_it(client, corpus):
    url = url_of("kali:KALICONT000005635085")
    html = client.get(url).content.decode()
    assert 'id="agreement-pick"' in html
    idcc = re.search(r'id="agreement-pick".*?name="idcc" value="(\d{4})"', html, re.S).group(1)
    response = client.post("/convention-collective/choix", {"idcc": idcc, "next": url})
    assert response["Location"] == url
    html = client.get(url).content.decode()
    assert "C’est votre convention collective" in html and 'id="agreement-pick"' not in html


def test_replaced_agreement_notice_names_its_successor():
    from parvis.agreements.service import Found
    from parvis.www.components import replaced_notice

    successor = Found(
        "3248",
        "CCN de la métallurgie",
        "Métallurgie",
        "/convention-collective/3248-metallurgie",
        ("0054",),
        "1er janvier 2024",
    )
    notice = replaced_notice(successor)
    assert notice == (
        "Cette convention a été remplacée le 1er janvier 2024 par la convention "
        '<a href="/convention-collective/3248-metallurgie">Métallurgie (IDCC 3248)</a>.'
    )
    assert replaced_notice(None) == ""


def test_agreement_list_suggests_what_the_picker_finds_when_no_name_holds_the_words(client, corpus):
    html = client.get("/convention-collective/", {"q": "mision locale"}).content.decode()
    assert "Vouliez-vous dire" in html
    assert "IDCC 2190" in html[html.index('id="agreement-suggestions"') :]
    html = client.get("/convention-collective/", {"q": "zzzz"}).content.decode()
    assert "Vouliez-vous dire" not in html and "Aucune convention trouvée" in html


@pytest.mark.parametrize(
    ("query", "idcc"),
    [("fehap", "0029"), ("convention collective missions locales", "2190"), ("licenciement", None)],
)
def test_search_page_shows_the_agreements_a_search_names(client, search_engine, query, idcc):
    html = client.get("/recherche", {"q": query}).content.decode()
    if idcc is None:
        assert 'id="named-agreements-box"' not in html
        return
    box = html[html.index('id="named-agreements-box"') : html.index("</section>")]
    assert f"IDCC {idcc}" in box and 'action="/convention-collective/choix"' in box


def test_idcc_9999_means_no_agreement(client, corpus):
    html = client.get(PICKER, {"q": "9999"}).content.decode()
    assert "Pas de convention collective : le Code du travail s’applique." in html


def test_malformed_choice_is_a_french_400_on_the_picker(client, corpus):
    response = client.post("/convention-collective/choix", {"idcc": "abc"})
    assert response.status_code == 400
    assert "Un numéro IDCC s’écrit avec 1 à 4 chiffres." in response.content.decode()
    response = client.post("/convention-collective/choix", {})
    assert response.status_code == 400
    assert "Choisissez une convention collective." in response.content.decode()
    assert SESSION_KEY not in client.session


def test_company_page_without_a_query_is_the_empty_form(client, corpus):
    response = client.get("/convention-collective/entreprise")
    assert response.status_code == 200
    assert 'name="entreprise"' in response.content.decode()
