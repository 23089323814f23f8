"""The calculators' pages: one question per step, back button, no JavaScript,
the result with its calculation and references."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/outils/preavis-licenciement/"


def answer(client, step, value, url=URL):
    return client.post(url, {"step": step, "reponse": value, "action": "suivant"})


def test_the_list_links_every_calculator(client):
    page = client.get("/outils/").content.decode()
    for slug in ("indemnite-licenciement", "preavis-retraite", "heures-recherche-emploi"):
        assert f'href="/outils/{slug}/"' in page


def test_a_whole_calculation_step_by_step_with_the_agreement(client, corpus):
    first = client.get(URL)
    assert "Convention collective : numéro IDCC" in first.content.decode()
    assert client.post(URL, {"step": "idcc", "idcc": "1351"}).status_code == 302
    page = client.get(URL).content.decode()
    assert 'name="step" value="anciennete_legale"' in page
    assert answer(client, "anciennete_legale", "2 ans ou plus").status_code == 302
    assert answer(client, "travailleur_handicape", "non").status_code == 302
    assert answer(client, "categorie_professionnelle", "Cadres").status_code == 302
    # The back button returns to the previous question, its answer forgotten.
    client.post(URL, {"action": "precedent"})
    assert 'value="categorie_professionnelle"' in client.get(URL).content.decode()
    answer(client, "categorie_professionnelle", "Cadres")
    response = answer(client, "anciennete", "Plus de 1 an")
    assert response.status_code == 302 and response["Location"].endswith("/resultat")
    result = client.get(response["Location"]).content.decode()
    assert "3 mois" in result
    assert "La convention collective s’applique" in result
    assert 'href="/code-du-travail/l1234-1"' in result  # the article page we hold
    assert "Annexe VI, article 9" in result


def test_an_unknown_agreement_and_a_bad_answer_are_400_in_french(client, corpus):
    response = client.post(URL, {"step": "idcc", "idcc": "9999"})
    assert response.status_code == 400
    assert "Convention collective inconnue : IDCC 9999" in response.content.decode()
    client.post(URL, {"step": "idcc", "idcc": ""})
    response = answer(client, "anciennete_legale", "Dix ans")
    assert response.status_code == 400


def test_dates_out_of_order_send_back_to_the_question_with_the_reason(client, corpus):
    url = "/outils/indemnite-licenciement/"
    client.post(url, {"step": "idcc", "idcc": ""})
    answer(client, "type_contrat", "CDI", url)
    answer(client, "faute_grave", "non", url)
    answer(client, "inaptitude", "non", url)
    answer(client, "date_entree", "01/01/2024", url)
    answer(client, "date_notification", "01/02/2024", url)
    answer(client, "date_sortie", "01/01/2020", url)
    page = client.get(url)
    assert page.status_code == 400
    assert "La date de sortie précède la date d’entrée" in page.content.decode()


def test_negative_salary_is_refused(client, corpus):
    url = "/outils/indemnite-precarite/"
    client.post(url, {"step": "idcc", "idcc": ""})
    answer(client, "type_contrat", "Intérim", url)
    for name in (
        "mission_formation",
        "rupture_anticipee_mission",
        "cdi_entreprise_utilisatrice",
        "refus_souplesse",
    ):
        answer(client, name, "non", url)
    response = answer(client, "remuneration_totale", "-100", url)
    assert response.status_code == 400
    assert "Au moins 0" in response.content.decode()
    answer(client, "remuneration_totale", "20 000", url)
    result = client.get(url + "resultat").content.decode()
    assert "2\u202f000,00 €" in result


def test_a_dismissal_indemnity_with_absences_and_salaries(client, corpus):
    url = "/outils/indemnite-licenciement/"
    client.post(url, {"step": "idcc", "idcc": ""})
    for step, value in [
        ("type_contrat", "CDI"),
        ("faute_grave", "non"),
        ("inaptitude", "non"),
        ("date_entree", "01/01/2020"),
        ("date_notification", "01/11/2023"),
        ("date_sortie", "31/12/2023"),
    ]:
        assert answer(client, step, value, url).status_code == 302
    # An absence without its duration is refused, then given.
    bad = client.post(url, {"step": "absences", "motif_1": "absenceMaladieNonPro", "duree_1": ""})
    assert bad.status_code == 400
    assert "Indiquez la durée de cette absence" in bad.content.decode()
    ok = client.post(url, {"step": "absences", "motif_1": "absenceMaladieNonPro", "duree_1": "12"})
    assert ok.status_code == 302
    salaries = {f"salaire_{row}": "2 000" for row in range(1, 13)}
    response = client.post(url, {"step": "salaires", **salaries})
    assert response.status_code == 302 and response["Location"].endswith("/resultat")
    page = client.get(response["Location"]).content.decode()
    # 4 years less 1 of sickness: 3 years × 1/4 × 2,000 €
    assert "1\u202f500,00 €" in page
    assert "Absence pour maladie non professionnelle : 12,0 mois" in page


def test_the_agreement_chosen_in_the_picker_prefills_the_first_step(client, corpus):
    from parvis.agreements.session import SESSION_KEY

    session = client.session
    session[SESSION_KEY] = {"idcc": "1351", "short_title": "Prévention et sécurité", "url": "/"}
    session.save()
    page = client.get(URL).content.decode()
    assert 'value="1351"' in page
