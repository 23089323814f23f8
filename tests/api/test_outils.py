"""POST /api/v1/outils/{slug}: the calculators through the JSON API."""

import pytest

pytestmark = pytest.mark.django_db

NOTICE = {"anciennete_legale": "2 ans ou plus", "travailleur_handicape": "non"}


def post(client, slug, reponses, **extra):
    return client.post(
        f"/api/v1/outils/{slug}", {"reponses": reponses, **extra}, content_type="application/json"
    )


def test_a_calculation_with_its_steps_and_references(client, corpus):
    response = post(
        client,
        "indemnite-licenciement",
        {
            "type_contrat": "CDI",
            "faute_grave": "non",
            "inaptitude": "non",
            "date_entree": "01/01/2022",
            "date_notification": "01/11/2023",
            "date_sortie": "31/12/2023",
            "salaires": [{"value": 2000}] * 12,
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["valeur"], body["unite"], body["retenu"]) == (1000.0, "€", "legal")
    assert body["legal"]["donnees"] == {
        "anciennete_annees": 2.0,
        "anciennete_requise_annees": pytest.approx(22 / 12),
        "salaire_reference": 2000.0,
    }
    assert body["legal"]["lignes"][-1]["valeur"] == 1000.0
    l1234_9 = body["references"][0]
    assert l1234_9["libelle"] == "Article L1234-9"
    assert l1234_9["url"] == "/code-du-travail/l1234-9"  # held by the fixture corpus
    assert l1234_9["url_officielle"].startswith("https://www.legifrance.gouv.fr/")


def test_an_agreement_of_the_corpus_without_a_rule_of_ours_gets_the_law(client, corpus):
    body = post(client, "preavis-licenciement", NOTICE, idcc="2216").json()
    assert (body["valeur"], body["retenu"], body["conventionnel"]) == (2, "legal", None)


def test_an_agreement_rule_and_the_more_favourable_result(client, corpus):
    reponses = {**NOTICE, "categorie_professionnelle": "Cadres", "anciennete": "Plus de 1 an"}
    body = post(client, "preavis-licenciement", reponses, idcc="IDCC1351").json()
    assert (body["idcc"], body["valeur"], body["unite"], body["retenu"]) == (
        "1351",
        3,
        "mois",
        "conventionnel",
    )
    assert any(ref["cle"].startswith("kali:") for ref in body["references"])


@pytest.mark.parametrize(
    ("slug", "reponses", "extra", "message"),
    [
        (
            "indemnite-licenciement",
            {"salaire_reference": -1000},
            {},
            "salaire_reference : au moins 0",
        ),
        ("indemnite-licenciement", {"salaire_reference": 1e9}, {}, "salaire_reference : au plus"),
        (
            "indemnite-licenciement",
            {"date_entree": "01/01/2024", "date_sortie": "01/01/2020"},
            {},
            "la date de sortie précède la date d’entrée",
        ),
        (
            "indemnite-licenciement",
            {
                "date_entree": "01/01/2024",
                "date_sortie": "01/03/2024",
                "absences": [{"motif": "absenceGreve", "duree_mois": 12}],
            },
            {},
            "les absences dépassent la durée du contrat",
        ),
        (
            "preavis-licenciement",
            NOTICE,
            {"idcc": "9999"},
            "convention collective inconnue : IDCC 9999",
        ),
        ("preavis-licenciement", NOTICE, {"idcc": "abc"}, "convention collective inconnue"),
        ("preavis-licenciement", {"anciennete_legale": "10 ans"}, {}, "valeurs possibles"),
        (
            "preavis-licenciement",
            {"travailleur_handicape": "non"},
            {},
            "Réponse manquante : Quelle est l'ancienneté",
        ),
    ],
)
def test_bad_input_is_a_400_with_the_reason_in_french(
    client, corpus, slug, reponses, extra, message
):
    response = post(
        client,
        slug,
        {"type_contrat": "CDI", "faute_grave": "non", **reponses}
        if slug == "indemnite-licenciement"
        else reponses,
        **extra,
    )
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_unknown_calculator_is_404(client):
    response = post(client, "indemnite-imaginaire", {})
    assert response.status_code == 404
    assert "Aucun calculateur" in response.json()["detail"]


def test_the_calculators_are_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/outils/{slug}"]["post"]
    assert set(operation["responses"]) >= {"200", "400", "404"}
