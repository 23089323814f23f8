"""GET /api/v1/agreements (the picker) and /api/v1/agreements/{idcc}, on the fixture
corpus (agreements 0029, 2190 and 2216)."""

import pytest

from tests.agreements import companies_server

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "idcc"),
    [
        ("2216", "2216"),
        ("29", "0029"),
        ("0029", "0029"),
        ("IDCC 2190", "2190"),
        ("missions locales", "2190"),
        ("Missions locales et PAIO", "2190"),
        ("mision locale", "2190"),
        ("supermarché", "2216"),
        ("fehap", "0029"),
        ("hospitalisation privee", "0029"),
    ],
)
def test_search_ranks_the_agreement_first(client, corpus, query, idcc):
    response = client.get("/api/v1/agreements", {"q": query})
    assert response.status_code == 200
    first = response.json()["results"][0]
    assert first["idcc"] == idcc
    assert set(first) == {"idcc", "title", "short_title", "url", "replaces"}
    assert first["url"].startswith(f"/convention-collective/{idcc}")
    assert client.get(first["url"]).status_code == 200


def test_search_answers_an_empty_list_when_nothing_matches(client, corpus):
    response = client.get("/api/v1/agreements", {"q": "zzzzzz"})
    assert response.status_code == 200 and response.json() == {"results": []}


@pytest.mark.parametrize(
    "params", [{}, {"q": ""}, {"q": "a" * 201}, {"q": "x", "limit": 0}, {"q": "x", "limit": 51}]
)
def test_bad_parameters_are_400_in_french(client, params):
    response = client.get("/api/v1/agreements", params)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Paramètres invalides : ")


def test_agreement_by_idcc(client, corpus):
    body = client.get("/api/v1/agreements/29").json()
    assert body["idcc"] == "0029" and body["replaces"] == []


def test_unknown_idcc_is_404_with_suggestions(client, corpus):
    response = client.get("/api/v1/agreements/2217")
    assert response.status_code == 404
    body = response.json()
    assert "2217" in body["detail"]
    assert body["suggestions"][0]["idcc"] == "2216"


def test_malformed_idcc_is_400(client):
    assert client.get("/api/v1/agreements/12345").status_code == 400
    assert client.get("/api/v1/agreements/abc").status_code == 400


def test_schema_documents_the_bounds(client):
    schema = client.get("/api/v1/openapi.json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/agreements"]["get"]["parameters"]}
    assert parameters["q"]["schema"]["maxLength"] == 200
    assert parameters["q"]["schema"]["minLength"] == 1
    assert parameters["limit"]["schema"]["maximum"] == 50


@pytest.fixture
def companies_api(settings):
    yield from companies_server.serve(settings)


def test_companies_by_siret_and_name(client, corpus, companies_api):
    body = client.get("/api/v1/companies", {"q": "732 829 320 00074"}).json()
    [company] = body["results"]
    assert company["siret"] == "73282932000074" and company["idccs"] == ["2216"]
    assert [a["idcc"] for a in company["agreements"]] == ["2216"] and company["message"] == ""
    results = client.get("/api/v1/companies", {"q": "exemple"}).json()["results"]
    assert results[0]["idccs"] == ["0843"] and results[0]["agreements"] == []  # not in the corpus
    assert results[1]["message"] == "Pas de convention collective : le Code du travail s’applique."


@pytest.mark.parametrize(
    ("q", "reason"),
    [("123 456", "vous en avez saisi 6"), ("73282932000075", "algorithme de Luhn")],
)
def test_malformed_siret_is_400_with_the_reason(client, q, reason):
    response = client.get("/api/v1/companies", {"q": q})
    assert response.status_code == 400 and reason in response.json()["detail"]


def test_companies_service_off_or_down_is_503_in_french(client, corpus, companies_api, settings):
    companies_api.scenario = "slow"
    response = client.get("/api/v1/companies", {"q": "732829320"})
    assert response.status_code == 503
    assert "met trop de temps à répondre" in response.json()["detail"]
    settings.COMPANIES_API_URL = ""
    response = client.get("/api/v1/companies", {"q": "732829320"})
    assert response.status_code == 503 and "pas disponible" in response.json()["detail"]
