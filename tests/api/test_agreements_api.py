"""GET /api/v1/agreements (the picker) and /api/v1/agreements/{idcc}, on the fixture
corpus (agreements 0029, 2190 and 2216)."""

import pytest

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
