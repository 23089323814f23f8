"""The search page's "Outils et modèles" box: the calculators and letter templates
a search names, above the results, the ranking untouched."""

import pytest

from parvis.letters.definitions import letters
from parvis.rules.definitions import calculators
from parvis.www.tools_box import named_tools


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("lettre de démission modèle", "/modeles-de-courriers/lettre-de-demission"),
        ("indemnité licenciement calcul", "/outils/indemnite-licenciement/"),
        ("calcul indemnite rupture conventionnelle", "/outils/indemnite-rupture-conventionnelle/"),
        (
            "modèle lettre rupture conventionnelle",
            "/modeles-de-courriers/demande-de-rupture-conventionnelle",
        ),
        ("préavis de démission", "/outils/preavis-demission/"),
        ("contester un avertissement", "/modeles-de-courriers/contestation-avertissement"),
        ("attestation employeur", "/modeles-de-courriers/demande-de-documents-de-fin-de-contrat"),
    ],
)
def test_the_tool_a_search_names_comes_first(query, first):
    assert named_tools(query)[0].url == first


@pytest.mark.parametrize(
    "query", ["licenciement faute grave", "période d'essai durée", "calcul", "modèle", "13e mois"]
)
def test_searches_that_name_no_tool_get_no_box(query):
    assert named_tools(query) == []


def test_a_letter_search_does_not_offer_the_calculator_of_the_same_words():
    kinds = {tool.kind for tool in named_tools("modèle de lettre de démission")}
    assert kinds == {"letter"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "href", "label"),
    [
        (
            "lettre de démission modèle",
            "/modeles-de-courriers/lettre-de-demission",
            "Modèle de courrier",
        ),
        ("indemnité licenciement calcul", "/outils/indemnite-licenciement/", "Simulateur"),
    ],
)
def test_the_search_page_shows_the_box_above_the_results(client, search_engine, query, href, label):
    html = client.get("/recherche", {"q": query}).content.decode()
    start = html.index('id="named-tools-box"')
    box = html[start : html.index("</section>", start)]
    assert box.index(f'href="{href}"') == box.index('href="')  # the first link
    assert label in box
    if 'class="fr-raw-list"' in html:  # the results come after the box
        assert html.index('class="fr-raw-list"') > start


@pytest.mark.django_db
def test_no_box_when_the_search_names_no_tool(client, search_engine):
    html = client.get("/recherche", {"q": "licenciement faute grave"}).content.decode()
    assert 'id="named-tools-box"' not in html


@pytest.mark.parametrize("slug", sorted(letters()))
def test_every_letter_is_found_by_its_title_with_modele(slug):
    letter = letters()[slug]
    urls = [tool.url for tool in named_tools(f"modèle {letter.title}")]
    assert urls[0] == f"/modeles-de-courriers/{slug}"


@pytest.mark.parametrize("slug", sorted(calculators()))
def test_every_calculator_is_found_by_its_title_with_calcul(slug):
    urls = [tool.url for tool in named_tools(f"calcul {calculators()[slug].title}")]
    assert urls[0] == f"/outils/{slug}/"
