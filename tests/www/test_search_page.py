"""The search page: its form (DsfrBaseForm), status codes, redirects, the type
filter, the suggestion and django-dsfr's pagination, on the real fixture index."""

import re

import pytest

from parvis.www.forms import MAX_PAGES, SearchForm

pytestmark = pytest.mark.django_db


def get(client, params, status=200):
    response = client.get("/recherche", params)
    assert response.status_code == status, params
    return response.content.decode()


def current_page(html) -> str:
    return re.search(r'aria-current="page"\s+title="Page (\d+)"', html).group(1)


def card_links(html) -> list[str]:
    return re.findall(r'<h2 class="fr-card__title">\s*<a href="(/[^"]+)"', html)


def badges(html) -> set[str]:
    return {b.strip() for b in re.findall(r'class="fr-badge fr-badge--sm[^"]*">([^<]*)<', html)}


@pytest.mark.parametrize(
    ("data", "cleaned"),
    [
        ({"q": "  contrat   de\ttravail "}, {"q": "contrat de travail", "type": "", "page": 1}),
        ({"q": "x", "type": "contribution", "page": "3"}, {"type": "contribution", "page": 3}),
        # values that links carry and a hand may edit: defaults, as the page always did
        ({"q": "x", "type": "inconnu", "page": "abc"}, {"type": "", "page": 1}),
        ({"q": "x", "page": "0"}, {"page": 1}),
        ({"q": "x", "page": "999"}, {"page": MAX_PAGES}),
    ],
)
def test_search_form_cleans(data, cleaned):
    form = SearchForm(data)
    assert form.is_valid(), form.errors
    assert cleaned.items() <= form.cleaned_data.items()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Saisissez au moins un mot pour lancer la recherche."),
        (" \t ", "Saisissez au moins un mot pour lancer la recherche."),
        ("x" * 501, "La recherche est limitée à 500 caractères."),
        (
            "* ?! 🙂",
            "Saisissez au moins un mot ou un nombre : la recherche ne contient que des symboles.",
        ),
    ],
)
def test_search_form_refuses(query, message):
    form = SearchForm({"q": query})
    assert not form.is_valid()
    assert form.errors == {"q": [message]}


def test_page_without_query_shows_the_form(client, search_engine):
    html = get(client, {})
    assert 'name="q"' in html and 'role="alert"' not in html and "résultat" not in html
    # the home page's "Fiches pratiques" tile links here with a type chosen
    html = get(client, {"type": "fiche_service_public"})
    assert '<option value="fiche_service_public" selected>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [("", "Saisissez au moins un mot"), ("x" * 501, "limitée à 500 caractères")],
)
def test_bad_query_is_a_french_400_on_the_field(client, search_engine, query, message):
    html = get(client, {"q": query}, status=400)
    assert message in html and 'role="alert"' in html
    # the input points at its error message
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_q-desc-error"' in html
    assert 'id="id_q-desc-error"' in html


def test_no_index_is_a_503(client, db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    html = get(client, {"q": "préavis"}, status=503)
    assert "La recherche n’est pas encore disponible" in html


def test_results_cards_and_pagination(client, search_engine):
    html = get(client, {"q": "contrat de travail"})
    total = int(re.search(r"(\d+) résultats pour « contrat de travail »", html).group(1))
    assert total > 10
    cards = card_links(html)
    assert len(cards) == 10
    assert "<mark>" in html  # snippets keep their highlighting
    assert badges(html) and "Code du travail" in badges(html)
    # django-dsfr's pagination, from a Django Paginator
    assert 'class="fr-pagination"' in html and current_page(html) == "1"
    assert 'href="?q=contrat+de+travail&amp;page=2"' in html

    second = get(client, {"q": "contrat de travail", "page": 2})
    assert current_page(second) == "2"
    assert not set(cards) & set(card_links(second))

    last = (min(total, MAX_PAGES * 10) + 9) // 10
    for page in (last + 5, "abc"):  # past the last page: the last; not a number: the first
        html = get(client, {"q": "contrat de travail", "page": page})
        assert current_page(html) == str(last if page != "abc" else 1)
        assert card_links(html)


def test_type_filter_is_kept_by_pagination(client, search_engine):
    html = get(client, {"q": "contrat", "type": "code_du_travail"})
    assert badges(html) == {"Code du travail"}
    assert '<option value="code_du_travail" selected>' in html
    assert "type=code_du_travail&amp;page=2" in html
    # an unknown type searches every type, as before
    assert len(badges(get(client, {"q": "contrat", "type": "inconnu"}))) > 1


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("L1234-1", "/code-du-travail/l1234-1"),
        ("2216", "/convention-collective/2216-commerce-de-detail-et-de-gros-a-predominance-alim"),
    ],
)
def test_article_number_or_idcc_goes_straight_to_its_page(client, search_engine, query, target):
    response = client.get("/recherche", {"q": query})
    assert response.status_code == 302 and response["Location"].startswith(target)
    # not from a later page nor within a type: the results are shown
    get(client, {"q": query, "page": 2})
    get(client, {"q": query, "type": "contribution"})


def test_suggestion_keeps_the_type(client, search_engine):
    html = get(client, {"q": "licensiement", "type": "code_du_travail", "page": 2})
    assert "Vouliez-vous dire" in html
    assert 'href="?q=licenciement&amp;type=code_du_travail&amp;page=1">licenciement</a>' in html


def test_nothing_found_gets_help(client, search_engine):
    html = get(client, {"q": "xyzzyq", "type": "code_securite_sociale"})
    assert "Aucun résultat pour « xyzzyq »" in html and 'class="fr-callout' in html
    assert 'class="fr-pagination"' not in html


def test_query_is_escaped(client, search_engine):
    html = get(client, {"q": "<script>alert(1)</script> préavis"})
    assert "<script>alert(1)" not in html
