"""GET /api/v1/documents/{key}."""

import pytest

pytestmark = pytest.mark.django_db


def test_document_by_key(client, corpus):
    response = client.get("/api/v1/documents/legi:LEGIARTI000006901112")
    assert response.status_code == 200
    body = response.json()
    assert body["key"] == "legi:LEGIARTI000006901112"
    assert body["type"] == "code_du_travail"
    assert body["title"] == "Article L1234-1"
    assert body["url"] == "/code-du-travail/l1234-1"
    assert body["official_url"].startswith("https://www.legifrance.gouv.fr/")
    assert body["passages"][0]["text"].startswith("Lorsque le licenciement")


@pytest.mark.parametrize(
    "key", ["bad", "legi:", "foo:LEGIARTI1", "legi:<script>", "legi:" + "A" * 200]
)
def test_malformed_key_is_400_with_french_message(client, key):
    response = client.get(f"/api/v1/documents/{key}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Paramètres invalides : key : ")


def test_unknown_key_is_404(client, corpus):
    response = client.get("/api/v1/documents/legi:LEGIARTI000000000000")
    assert response.status_code == 404
    assert "Aucun document" in response.json()["detail"]


def test_openapi_schema_states_the_key_pattern(client):
    import re

    schema = client.get("/api/v1/openapi.json").json()
    (key,) = schema["paths"]["/api/v1/documents/{key}"]["get"]["parameters"]
    pattern = re.compile(key["schema"]["pattern"])
    assert key["schema"]["maxLength"] == 120
    assert pattern.match("legi:LEGIARTI000006901112") and pattern.match("vdd:F2301")
    assert not pattern.match("foo:LEGIARTI1") and not pattern.match("legi:<script>")
