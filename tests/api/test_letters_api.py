"""POST /api/v1/modeles/{slug}: a letter template filled through the JSON API."""

import pytest

from parvis.letters.definitions import letters
from tests.letters.answers import sample_answers as answers_for

pytestmark = pytest.mark.django_db


def post(client, slug, champs):
    return client.post(
        f"/api/v1/modeles/{slug}", {"champs": champs}, content_type="application/json"
    )


def test_the_list_gives_every_letter_and_its_fields(client):
    body = client.get("/api/v1/modeles/").json()
    assert {item["modele"] for item in body} == set(letters())
    demission = next(item for item in body if item["modele"] == "lettre-de-demission")
    assert {
        "nom": "date_embauche",
        "libelle": "Date d’embauche",
        "type": "date",
        "obligatoire": True,
        "obligatoire_si": "",
        "choix": [],
        "aide": "",
    } in demission["champs"]


def test_a_filled_letter_with_its_references(client, corpus):
    answers, shown = answers_for(letters()["demande-de-conges-payes"])
    response = post(client, "demande-de-conges-payes", answers)
    assert response.status_code == 200
    body = response.json()
    assert (
        body["objet"] == f"Demande de congés payés du {shown['date_debut']} au {shown['date_fin']}"
    )
    assert shown["nombre_jours"] + " jours de congés payés" in body["texte"]
    assert [r["libelle"] for r in body["references"]] == [
        "Article L3141-3",
        "Article L3141-15",
        "Article L3141-16",
    ]
    assert body["envoi"] and body["paragraphes"][0] == "Madame, Monsieur,"


def test_bad_answers_are_a_400_naming_each_field(client):
    answers, _ = answers_for(letters()["demande-de-conges-payes"])
    response = post(
        client,
        "demande-de-conges-payes",
        {**answers, "date_debut": "demain", "nombre_jours": "-1", "salarie_nom": None},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["champs"] == {
        "salarie_nom": "ce champ est obligatoire",
        "nombre_jours": "nombre supérieur ou égal à 0,5 attendu",
        "date_debut": "date attendue au format JJ/MM/AAAA",
    }
    assert body["detail"].startswith("Champs invalides : ")


def test_an_unknown_letter_is_a_404(client):
    assert post(client, "inconnu", {}).status_code == 404


def test_a_field_required_by_another_answer_says_so(client):
    body = client.get("/api/v1/modeles/").json()
    convocation = next(
        x for x in body if x["modele"] == "convocation-entretien-prealable-licenciement"
    )
    mairie = next(field for field in convocation["champs"] if field["nom"] == "mairie")
    assert mairie["obligatoire"] is False and mairie["obligatoire_si"] == "representants=non"
