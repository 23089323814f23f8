"""The dossier list and page of the back office, endpoint by endpoint: who sees what,
filters and search, bulk actions, exports, transitions, messages, annotations,
opinions, files; CSRF on every POST."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from parvis.cases import instruction, workflow
from parvis.cases.enums import DossierState
from parvis.cases.models import Dossier, DossierTransition
from tests.cases.factories import make_dossier, make_procedure, make_user
from tests.www.backoffice.conftest import make_agent, verified_client

pytestmark = pytest.mark.django_db

LIST = "/instruction/"
# Session, user, OTP device, agent check, groups, published revisions, count, page…:
# a fixed number whatever the number of dossiers, messages or opinions.
LIST_QUERIES = 8
PAGE_QUERIES = 12


def text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def post_urls(dossier, opinion_pk=1):
    pk = dossier.pk
    return [
        "/instruction/actions-groupees/",
        f"/instruction/dossiers/{pk}/attribuer/",
        f"/instruction/dossiers/{pk}/transitions/passer_en_instruction/",
        f"/instruction/dossiers/{pk}/messages/",
        f"/instruction/dossiers/{pk}/annotations/",
        f"/instruction/dossiers/{pk}/avis/",
        f"/instruction/dossiers/{pk}/avis/{opinion_pk}/reponse/",
    ]


def get_urls(dossier):
    pk = dossier.pk
    return [
        LIST,
        "/instruction/export.csv",
        "/instruction/export.xlsx",
        f"/instruction/dossiers/{pk}/",
        f"/instruction/dossiers/{pk}/fichiers/piece",
    ]


def test_every_view_needs_a_signed_in_verified_agent(client, dossier, agent):
    for url in get_urls(dossier) + post_urls(dossier):
        response = client.post(url) if url in post_urls(dossier) else client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/instruction/connexion/"), url
    client.force_login(agent)  # password only: the second factor is missing
    for url in get_urls(dossier) + post_urls(dossier):
        response = client.post(url) if url in post_urls(dossier) else client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/instruction/verification/"), url
    assert Dossier.objects.get(pk=dossier.pk).state == dossier.state


def test_csrf_is_enforced_on_every_post(agent, dossier):
    opinion = instruction.request_opinion(dossier, agent, make_user(), "Question ?")
    client = verified_client(agent, enforce_csrf_checks=True)
    for url in post_urls(dossier, opinion.pk) + ["/instruction/deconnexion/"]:
        assert client.post(url, {"body": "x", "reason": "x"}).status_code == 403, url
    anonymous = Client(enforce_csrf_checks=True)
    for url in ("/instruction/connexion/", "/instruction/verification/"):
        assert anonymous.post(url, {"username": "agent"}).status_code == 403, url
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.EN_CONSTRUCTION
    assert not dossier.messages.exists() and not dossier.annotations.exists()


def test_an_agent_never_sees_another_groups_dossier(client_agent, dossier, foreign_dossier):
    listing = text(client_agent.get(LIST))
    assert f"n° {dossier.pk}<" in listing and f"n° {foreign_dossier.pk}<" not in listing
    found = text(client_agent.get(LIST, {"q": "Étrangère"}))
    assert "Aucun dossier" in found
    found = text(client_agent.get(LIST, {"q": f"n° {foreign_dossier.pk}"}))
    assert "Aucun dossier" in found
    exported = text(client_agent.get("/instruction/export.csv"))
    assert "Étrangère" not in exported and foreign_dossier.applicant.email not in exported
    for url in get_urls(foreign_dossier)[3:] + post_urls(foreign_dossier)[1:6]:
        method = client_agent.post if url in post_urls(foreign_dossier) else client_agent.get
        assert method(url, {"body": "x", "question": "x", "expert": 1}).status_code == 404, url
    response = client_agent.post(
        "/instruction/actions-groupees/",
        {"action": "passer_en_instruction", "dossiers": [foreign_dossier.pk]},
    )
    assert response.status_code == 302
    foreign = Dossier.objects.get(pk=foreign_dossier.pk)
    assert foreign.state == DossierState.EN_CONSTRUCTION and not foreign.messages.exists()


def test_drafts_and_own_dossiers_are_not_in_the_back_office(client_agent, agent, procedure):
    draft = make_dossier(procedure)
    own = make_dossier(make_procedure(), applicant=agent, file=True)
    for dossier in (draft, own):
        assert client_agent.get(f"/instruction/dossiers/{dossier.pk}/").status_code == 404


def test_list_filters(client_agent, agent, procedure):
    first = make_dossier(procedure, answers={"nom": "Alpha", "commune": "69123"}, file=True)
    second = make_dossier(procedure, answers={"nom": "Bravo", "commune": "13055"}, file=True)
    workflow.apply("passer_en_instruction", second, actor=agent)

    def shown(**query):
        page = text(client_agent.get(LIST, query))
        return {d.pk for d in (first, second) if f"n° {d.pk}<" in page}

    assert shown() == {first.pk, second.pk}
    assert shown(state="en_instruction") == {second.pk}
    assert shown(q="bravo") == {second.pk}
    assert shown(field="nom", value="alp") == {first.pk}
    assert shown(field="commune", value="13055") == {second.pk}
    assert shown(procedure=procedure.pk) == {first.pk, second.pk}
    assert shown(group=procedure.groups.get().pk) == {first.pk, second.pk}
    assert shown(filed_from="2026-03-02", filed_to="2026-03-02") == {first.pk, second.pk}
    assert shown(filed_from="2026-03-03") == set()
    assert shown(mine="on") == set()
    # A value out of the choices is an error on the form, not a 500.
    response = client_agent.get(LIST, {"state": "inconnu", "procedure": "abc"})
    assert response.status_code == 200 and "fr-error-text" in text(response)
    response = client_agent.get(LIST, {"filed_from": "2026-03-05", "filed_to": "2026-03-01"})
    assert "La date de fin doit suivre" in text(response)


def test_list_query_count_is_bounded(client_agent, procedure, django_assert_max_num_queries):
    for _ in range(3):
        make_dossier(procedure, file=True)
    with django_assert_max_num_queries(LIST_QUERIES):
        client_agent.get(LIST)
    for _ in range(20):
        make_dossier(procedure, file=True)
    with django_assert_max_num_queries(LIST_QUERIES):
        assert client_agent.get(LIST, {"q": "Dupont"}).status_code == 200


def test_bulk_actions(client_agent, agent, procedure):
    dossiers = [make_dossier(procedure, file=True) for _ in range(3)]
    ids = [d.pk for d in dossiers]
    response = client_agent.post(
        "/instruction/actions-groupees/",
        {"action": "passer_en_instruction", "dossiers": ids[:2], "next": f"{LIST}?state="},
    )
    assert response.status_code == 302 and response["Location"] == f"{LIST}?state="
    states = dict(Dossier.objects.filter(pk__in=ids).values_list("pk", "state"))
    assert [states[pk] for pk in ids] == ["en_instruction", "en_instruction", "en_construction"]
    response = client_agent.post(
        "/instruction/actions-groupees/",
        {"action": "classer_sans_suite", "dossiers": ids},
        follow=True,
    )
    page = text(response)
    assert "Indiquez le motif" in page
    assert Dossier.objects.filter(pk__in=ids, state="sans_suite").count() == 0
    response = client_agent.post(
        "/instruction/actions-groupees/",
        {"action": "classer_sans_suite", "dossiers": ids, "reason": "Doublons"},
        follow=True,
    )
    page = text(response)
    assert "2 dossier(s) traité(s)" in page
    assert f"Dossier n° {ids[2]}" in page  # refused: still en construction
    assert Dossier.objects.filter(pk__in=ids, state="sans_suite").count() == 2
    assert DossierTransition.objects.filter(name="classer_sans_suite", reason="Doublons").count()
    response = client_agent.post(
        "/instruction/actions-groupees/", {"action": "attribuer", "dossiers": ids[2:]}
    )
    assert Dossier.objects.get(pk=ids[2]).assignee == agent
    response = client_agent.post(
        "/instruction/actions-groupees/", {"action": "refuser"}, follow=True
    )
    assert "Cochez au moins un dossier" in text(response)


def test_exports_of_the_filtered_list(client_agent, procedure):
    kept = make_dossier(procedure, answers={"nom": "Gardé", "commune": "69123"}, file=True)
    make_dossier(procedure, answers={"nom": "Écarté", "commune": "13055"}, file=True)
    response = client_agent.get("/instruction/export.csv", {"q": "gard"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert len(rows) == 2 and rows[1][0] == str(kept.pk)
    header = rows[0]
    row = dict(zip(header, rows[1], strict=True))
    assert row["Nom"] == "Gardé" and row["Commune de résidence"] == "69123 (département 69)"
    assert row["Avez-vous un employeur ?"] == "" and row["SIRET de l'employeur"] == ""
    response = client_agent.get("/instruction/export.xlsx", {"q": "gard"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [[c or "" for c in r] for r in sheet.iter_rows(values_only=True)] == rows
    assert client_agent.get("/instruction/export.pdf").status_code == 404


def test_instructing_a_dossier_to_a_decision(client_agent, agent, dossier):
    url = f"/instruction/dossiers/{dossier.pk}/"
    page = text(client_agent.get(url))
    assert "Dupont" in page and "Passer le dossier en instruction" in page
    assert "Me l’attribuer" in page
    client_agent.post(f"{url}attribuer/")
    assert Dossier.objects.get(pk=dossier.pk).assignee == agent
    response = client_agent.post(f"{url}transitions/passer_en_instruction/", {"reason": ""})
    assert response.status_code == 302 and response["Location"] == url
    page = text(client_agent.get(url))
    assert "Refuser le dossier" in page and "Accepter le dossier" in page
    # A refusal without a reason is refused, nothing changed.
    page = text(client_agent.post(f"{url}transitions/refuser/", {"reason": " "}, follow=True))
    assert "Indiquez le motif pour refuser le dossier" in page and "fr-alert--error" in page
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.EN_INSTRUCTION
    client_agent.post(f"{url}transitions/accepter/", {"reason": "Conforme"})
    decided = Dossier.objects.get(pk=dossier.pk)
    assert decided.state == DossierState.ACCEPTE
    page = text(client_agent.get(url))
    assert "Conforme" in page and "Accepté" in page and "agent@example.fr" in page


def test_a_forbidden_transition_is_refused_with_nothing_changed(client_agent, dossier):
    url = f"/instruction/dossiers/{dossier.pk}/"
    for name in ("accepter", "deposer", "corriger"):
        page = text(client_agent.post(f"{url}transitions/{name}/", {"reason": "x"}, follow=True))
        assert "fr-alert--error" in page, name
    assert client_agent.post(f"{url}transitions/inconnue/").status_code == 404
    after = Dossier.objects.get(pk=dossier.pk)
    assert after.state == DossierState.EN_CONSTRUCTION and after.transitions.count() == 1


def test_messages_annotations_and_opinions(client_agent, agent, dossier, procedure):
    url = f"/instruction/dossiers/{dossier.pk}/"
    colleague = make_agent("collegue")
    procedure.groups.get().members.add(colleague)
    client_agent.post(f"{url}messages/", {"body": "Merci de préciser votre adresse."})
    client_agent.post(f"{url}annotations/", {"body": "Appeler la mairie."})
    page = text(client_agent.post(f"{url}messages/", {"body": "  "}, follow=True))
    assert "fr-alert--error" in page
    client_agent.post(f"{url}avis/", {"expert": colleague.pk, "question": "Logement décent ?"})
    assert dossier.messages.get().body == "Merci de préciser votre adresse."
    assert dossier.annotations.get().body == "Appeler la mairie."
    opinion = dossier.opinions.get()
    assert opinion.expert == colleague
    page = text(client_agent.get(url))
    assert "Appeler la mairie." in page and "En attente de réponse" in page
    expert = verified_client(colleague)
    page = text(expert.get(url))
    assert "Donner mon avis" in page
    expert.post(f"{url}avis/{opinion.pk}/reponse/", {"answer": "Oui, décent."})
    opinion.refresh_from_db()
    assert opinion.answer == "Oui, décent."
    page = text(expert.post(f"{url}avis/{opinion.pk}/reponse/", {"answer": "Non"}, follow=True))
    assert "déjà été donné" in page
    # The author of the request cannot answer in the expert's place.
    other = instruction.request_opinion(dossier, agent, colleague, "Autre question ?")
    page = text(client_agent.post(f"{url}avis/{other.pk}/reponse/", {"answer": "x"}, follow=True))
    assert "expert sollicité peut donner cet avis" in page, page[page.find("<main") :][:3000]


def test_an_expert_outside_the_group_reads_but_does_not_instruct(agent, dossier):
    outsider = make_agent("expert")
    instruction.request_opinion(dossier, agent, outsider, "Votre avis ?")
    client = verified_client(outsider)
    url = f"/instruction/dossiers/{dossier.pk}/"
    page = text(client.get(url))
    assert "Dupont" in page and "Annotations privées" not in page
    assert "Passer le dossier en instruction" not in page
    client.post(f"{url}transitions/passer_en_instruction/")
    client.post(f"{url}annotations/", {"body": "Note"})
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.EN_CONSTRUCTION
    assert not dossier.annotations.exists()


def test_implied_decision_countdown(client_agent, agent):
    procedure = make_procedure(
        instructors=[agent], implied_decision="accord", implied_decision_delay_days=60
    )
    dossier = make_dossier(procedure, file=True)
    page = text(client_agent.get(f"/instruction/dossiers/{dossier.pk}/"))
    assert "Décision implicite" in page and "01/05/2026" in page


def test_files_through_the_access_check(client_agent, agent):
    """A file the applicant uploaded (the applicant side's checked, private storage)."""
    from parvis.cases import editing
    from parvis.cases import files as case_files
    from parvis.cases.fields.files import File

    form = [
        {"type": "short_text", "id": "nom", "label": "Nom"},
        {"type": "file", "id": "piece", "label": "Pièce"},
    ]
    procedure = make_procedure(form, instructors=[agent])
    draft = make_dossier(procedure, answers={"nom": "X"})
    content = b"%PDF-1.4 test"
    definition = draft.revision.form.by_id["piece"]
    assert isinstance(definition, File)
    stored = case_files.store_upload(
        draft,
        draft.applicant,
        definition,
        case_files.Upload("justificatif.pdf", len(content), io.BytesIO(content)),
    )
    editing.save_draft(draft, draft.applicant, {"nom": "X", "piece": stored.description()})
    dossier = workflow.apply("deposer", draft, actor=draft.applicant)
    url = reverse("backoffice:file", kwargs={"pk": dossier.pk, "path": "piece"})
    assert url in text(client_agent.get(f"/instruction/dossiers/{dossier.pk}/"))
    response = client_agent.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert "justificatif.pdf" in response["Content-Disposition"]
    assert client_agent.get(url.replace("piece", "nom")).status_code == 404
    stranger = make_agent("autre-groupe")
    make_procedure(instructors=[stranger])
    assert verified_client(stranger).get(url).status_code == 404


def test_dossier_page_query_count_is_bounded(
    client_agent, agent, dossier, django_assert_max_num_queries
):
    url = f"/instruction/dossiers/{dossier.pk}/"
    with django_assert_max_num_queries(PAGE_QUERIES):
        client_agent.get(url)
    for number in range(5):
        client_agent.post(f"{url}messages/", {"body": f"Message {number}"})
        client_agent.post(f"{url}annotations/", {"body": f"Note {number}"})
        instruction.request_opinion(dossier, agent, make_user(), f"Question {number}")
    with django_assert_max_num_queries(PAGE_QUERIES):
        assert client_agent.get(url).status_code == 200


def test_correction_request_for_missing_pieces(client_agent, agent, dossier):
    url = f"/instruction/dossiers/{dossier.pk}/"
    assert "Dossier incomplet" not in text(client_agent.get(url))
    workflow.apply("passer_en_instruction", dossier, actor=agent)
    assert "Dossier incomplet" in text(client_agent.get(url))
    client_agent.post(
        f"{url}transitions/demander_correction/",
        {"reason": "Joignez le justificatif de domicile.", "incomplete": "on"},
    )
    after = Dossier.objects.get(pk=dossier.pk)
    assert after.state == DossierState.CORRECTION_DEMANDEE
    correction = after.corrections.get()
    assert correction.incomplete and correction.reason == "Joignez le justificatif de domicile."
