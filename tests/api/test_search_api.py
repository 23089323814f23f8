"""GET /api/v1/search: contract and bad input."""

import pytest

pytestmark = pytest.mark.django_db


def test_contract(client, search_engine):
    response = client.get("/api/v1/search", {"q": "préavis de licenciement", "limit": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "préavis de licenciement"
    assert body["total"] >= len(body["results"]) > 0
    assert len(body["results"]) <= 5
    first = body["results"][0]
    assert set(first) == {"key", "type", "title", "url", "snippet", "score", "modified", "stale"}
    assert first["key"].split(":")[0] in {"legi", "kali", "vdd", "travail", "contribution"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "q : au moins 1 caractère"),
        ({}, "q : paramètre obligatoire"),
        ({"q": "   "}, "Saisissez au moins un mot"),
        ({"q": "*"}, "ne contient que des symboles"),
        ({"q": "🙂🙂"}, "ne contient que des symboles"),
        ({"q": "x" * 501}, "q : au plus 500 caractères"),
        ({"q": "x", "limit": 0}, "limit : au moins 1"),
        ({"q": "x", "limit": 51}, "limit : au plus 50"),
        ({"q": "x", "offset": -1}, "offset : au moins 0"),
        ({"q": "x", "offset": 100000}, "offset : au plus 500"),
        ({"q": "x", "type": "inconnu"}, "type : valeurs possibles : 'code_du_travail'"),
        ({"q": "x", "limit": "abc"}, "limit : un nombre entier est attendu"),
    ],
)
def test_bad_input_is_a_french_400(client, search_engine, params, message):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_script_query_is_escaped(client, search_engine):
    response = client.get("/api/v1/search", {"q": "<script>alert('x')</script> préavis"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    snippets = [r["snippet"] for r in response.json()["results"]]
    assert snippets and not any("<script" in s for s in snippets)


@pytest.mark.parametrize("query", ['"préavis', "préavis AND OR NOT -", "[préavis]*", "préavis\\"])
def test_query_syntax_is_searched_as_plain_words(client, search_engine, query):
    plain = client.get("/api/v1/search", {"q": "préavis"}).json()
    response = client.get("/api/v1/search", {"q": query})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == query and body["total"] > 0
    assert body["results"][0]["key"] == plain["results"][0]["key"]
    assert "<mark>préavis" in body["results"][0]["snippet"]


def test_schema_documents_search(client):
    schema = client.get("/api/v1/openapi.json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {"q", "type", "limit", "offset"} <= set(parameters)
    assert parameters["q"]["required"] is True
    assert parameters["q"]["schema"]["minLength"] == 1
    assert parameters["q"]["schema"]["maxLength"] == 500
    assert parameters["limit"]["schema"]["maximum"] == 50
    assert parameters["offset"]["schema"]["maximum"] == 500
