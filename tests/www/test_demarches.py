"""The applicant's pages: catalogue, filling step by step, files, filing, following a
dossier; permissions page by page and CSRF on every form."""

import io
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from parvis.cases import workflow
from parvis.cases.demo import SLUG, create_demo_procedure
from parvis.cases.enums import DossierState
from parvis.cases.models import Dossier, StoredFile
from tests.cases.factories import instructor_of, make_dossier, make_procedure, make_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def upload(name, content):
    file = io.BytesIO(content)
    file.name = name
    return file


@pytest.fixture
def demo():
    return create_demo_procedure()[0]


@pytest.fixture
def applicant():
    return make_user()


@pytest.fixture
def client_of(applicant):
    client = Client()
    client.force_login(applicant)
    return client


def step_url(dossier, step):
    return reverse("www:dossier_step", kwargs={"pk": dossier.pk, "step": step})


IDENTITY = {
    "f_nom": "Dupont",
    "f_prenom": "Marie",
    "f_naissance": "1990-05-17",
    "f_nationalite": "FR",
    "f_courriel": "marie@example.fr",
    "f_telephone": "06 12 34 56 78",
    "f_adresse__street": "20 avenue de Ségur",
    "f_adresse__complement": "",
    "f_adresse__postal_code": "75007",
    "f_adresse__city": "Paris",
    "action": "suivant",
}
REQUEST = {
    "f_motif": "Première demande",
    "f_salarie": "non",
    "f_revenus": "1 234,50",
    "f_enfants__rows": "1",
    "f_enfants__0__enfant_prenom": "Léa",
    "f_enfants__0__enfant_naissance": "2015-01-02",
    "action": "suivant",
}


def start(client_of, demo) -> Dossier:
    response = client_of.post(reverse("www:procedure_start", kwargs={"slug": SLUG}))
    assert response.status_code == 302
    return Dossier.objects.get(procedure=demo)


def test_catalogue_and_procedure_page(client, demo):
    response = client.get("/demarches/")
    assert response.status_code == 200
    assert "Demande de démonstration" in response.content.decode()
    page = client.get(f"/demarches/{SLUG}/").content.decode()
    assert "Se connecter" in page and "Commencer la démarche" not in page
    assert "60 jours après le dépôt de votre dossier, votre demande est réputée rejetée" in page
    from parvis.corpus.models import Document

    fiche = Document.objects.get(key="vdd:F34857")
    assert f'href="{fiche.get_absolute_url()}"' in page


def test_fill_step_by_step_file_and_download_receipt(
    client_of, demo, applicant, django_capture_on_commit_callbacks
):
    dossier = start(client_of, demo)
    assert client_of.get(step_url(dossier, 1)).status_code == 200

    response = client_of.post(step_url(dossier, 1), IDENTITY)
    assert response.status_code == 302 and response.url == step_url(dossier, 2)
    dossier.refresh_from_db()
    assert dossier.answers["nom"] == "Dupont"  # draft saved at each step

    response = client_of.post(step_url(dossier, 2), REQUEST)
    assert response.status_code == 302, response.content.decode()[:3000]

    response = client_of.post(
        step_url(dossier, 3),
        {"f_piece_identite": upload("carte.png", PNG), "action": "suivant"},
    )
    assert response.status_code == 302
    assert response.url == reverse("www:dossier_review", kwargs={"pk": dossier.pk})
    stored = StoredFile.objects.get(dossier=dossier)
    assert stored.content_type == "image/png"

    review = client_of.get(response.url).content.decode()
    assert "1\u202f234,5" in review and "Léa" in review

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of.post(response.url)
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == DossierState.EN_CONSTRUCTION
    assert len(mail.outbox) == 1 and f"n° {dossier.pk}" in mail.outbox[0].subject

    receipt = client_of.get(reverse("www:dossier_receipt", kwargs={"pk": dossier.pk}))
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    assert receipt.content.startswith(b"%PDF")

    page = client_of.get(reverse("www:dossier", kwargs={"pk": dossier.pk})).content.decode()
    assert "En construction" in page and "Décision implicite" in page

    file = client_of.get(reverse("www:dossier_file", kwargs={"key": stored.key}))
    assert file.status_code == 200 and b"".join(file.streaming_content) == PNG


def test_condition_shows_a_question_after_the_step_is_submitted(client_of, demo):
    dossier = start(client_of, demo)
    client_of.post(step_url(dossier, 1), IDENTITY)
    assert "f_siret" not in client_of.get(step_url(dossier, 2)).content.decode()
    response = client_of.post(step_url(dossier, 2), {**REQUEST, "f_salarie": "oui"})
    assert response.status_code == 200  # stays on the step: a new question appeared
    page = response.content.decode()
    assert 'name="f_siret"' in page and "De nouvelles questions" in page
    response = client_of.post(
        step_url(dossier, 2), {**REQUEST, "f_salarie": "oui", "f_siret": "732 829 320 00075"}
    )
    assert response.status_code == 200
    assert "Ce numéro SIRET n&#x27;est pas valide" in response.content.decode()
    response = client_of.post(
        step_url(dossier, 2), {**REQUEST, "f_salarie": "oui", "f_siret": "732 829 320 00074"}
    )
    assert response.status_code == 302


def test_repeated_block_rows_added_and_removed_without_javascript(client_of, demo):
    dossier = start(client_of, demo)
    response = client_of.post(step_url(dossier, 2), {**REQUEST, "action": "ajouter:enfants"})
    assert response.status_code == 200
    assert 'name="f_enfants__1__enfant_prenom"' in response.content.decode()
    response = client_of.post(
        step_url(dossier, 2),
        {
            **REQUEST,
            "f_enfants__rows": "2",
            "f_enfants__1__enfant_prenom": "Tom",
            "action": "retirer:enfants:0",
        },
    )
    dossier.refresh_from_db()
    assert [row["enfant_prenom"] for row in dossier.answers["enfants"]] == ["Tom"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programme.pdf", EXE, "ne correspond pas à un format accepté"),
        ("vide.pdf", b"", "Le fichier est vide."),
    ],
)
def test_refused_files(client_of, demo, name, content, message):
    dossier = start(client_of, demo)
    response = client_of.post(
        step_url(dossier, 3), {"f_piece_identite": upload(name, content), "action": "suivant"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StoredFile.objects.filter(dossier=dossier).exists()


def test_oversized_file_refused(client_of, demo):
    dossier = start(client_of, demo)
    big = PDF + b"0" * (5 * 1024 * 1024)
    response = client_of.post(
        step_url(dossier, 3), {"f_justificatif": upload("gros.pdf", big), "action": "enregistrer"}
    )
    assert (
        "Le fichier est trop volumineux (5,1 Mo) : la taille maximale est de 5 Mo."
        in response.content.decode()
    )
    assert not StoredFile.objects.exists()


def test_review_lists_errors_in_french(client_of, demo):
    dossier = start(client_of, demo)
    response = client_of.post(reverse("www:dossier_review", kwargs={"pk": dossier.pk}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ce champ est obligatoire." in page
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.BROUILLON


def filed_dossier(applicant):
    procedure = make_procedure(instructors=[make_user()])
    return make_dossier(procedure, applicant, file=True)


def test_edit_withdraw_and_message(client_of, applicant):
    dossier = filed_dossier(applicant)
    url = step_url(dossier, 1)
    response = client_of.post(
        url,
        {"f_nom": "Martin", "f_commune": "69123", "f_a_un_employeur": "non", "action": "suivant"},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.answers["nom"] == "Martin" and dossier.state == DossierState.EN_CONSTRUCTION

    response = client_of.post(
        reverse("www:dossier_message", kwargs={"pk": dossier.pk}),
        {"message": "Bonjour", "piece_jointe": upload("note.pdf", PDF)},
    )
    assert response.status_code == 302
    message = dossier.messages.get()
    assert message.attachments.get().content_type == "application/pdf"
    response = client_of.post(
        reverse("www:dossier_message", kwargs={"pk": dossier.pk}),
        {"message": "Encore", "piece_jointe": upload("x.pdf", EXE)},
    )
    assert response.status_code == 400 and dossier.messages.count() == 1

    client_of.post(reverse("www:dossier_withdraw", kwargs={"pk": dossier.pk}), {"motif": "Erreur"})
    dossier.refresh_from_db()
    assert dossier.state == DossierState.RETIRE


def test_correction_then_resubmit_and_decision_attestation(client_of, applicant):
    dossier = filed_dossier(applicant)
    agent = instructor_of(dossier)
    workflow.apply("passer_en_instruction", dossier, actor=agent)
    workflow.apply("demander_correction", dossier, actor=agent, reason="Nom mal orthographié")
    page = client_of.get(reverse("www:dossier", kwargs={"pk": dossier.pk})).content.decode()
    assert "Nom mal orthographié" in page and "Renvoyer le dossier corrigé" in page
    client_of.post(
        step_url(dossier, 1),
        {"f_nom": "Dupond", "f_commune": "69123", "f_a_un_employeur": "non", "action": "suivant"},
    )
    client_of.post(reverse("www:dossier_resubmit", kwargs={"pk": dossier.pk}))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.EN_INSTRUCTION and dossier.answers["nom"] == "Dupond"
    workflow.apply("refuser", dossier, actor=agent, reason="Pièces insuffisantes")
    response = client_of.get(reverse("www:dossier_decision", kwargs={"pk": dossier.pk}))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    page = client_of.get(reverse("www:dossier", kwargs={"pk": dossier.pk})).content.decode()
    assert "Pièces insuffisantes" in page and "Refusé" in page


# Permissions


def applicant_urls(dossier, key="dossiers/0/none"):
    return [
        reverse("www:my_dossiers"),
        reverse("www:dossier", kwargs={"pk": dossier.pk}),
        step_url(dossier, 1),
        reverse("www:dossier_review", kwargs={"pk": dossier.pk}),
        reverse("www:dossier_receipt", kwargs={"pk": dossier.pk}),
        reverse("www:dossier_decision", kwargs={"pk": dossier.pk}),
        reverse("www:dossier_file", kwargs={"key": key}),
    ]


POST_URLS = [
    ("www:procedure_start", "slug"),
    ("www:dossier_message", "pk"),
    ("www:dossier_withdraw", "pk"),
    ("www:dossier_resubmit", "pk"),
    ("www:dossier_review", "pk"),
    ("www:dossier_step", "pk_step"),
]


def test_anonymous_users_are_sent_to_login(client, applicant):
    dossier = filed_dossier(applicant)
    for url in applicant_urls(dossier):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), url


def test_another_applicants_dossier_and_files_are_not_found(client_of, applicant):
    other = make_user()
    dossier = filed_dossier(other)
    stored = StoredFile.objects.create(
        key=f"dossiers/{dossier.pk}/secret",
        dossier=dossier,
        uploaded_by=other,
        name="a.pdf",
        size=3,
        content_type="application/pdf",
        sha256="0" * 64,
        uploaded_at=dossier.filed_at,
    )
    for url in applicant_urls(dossier, stored.key)[1:]:
        assert client_of.get(url).status_code == 404, url
    for name, kind in POST_URLS[1:]:
        kwargs = {"pk": dossier.pk, "step": 1} if kind == "pk_step" else {"pk": dossier.pk}
        assert client_of.post(reverse(name, kwargs=kwargs), {"message": "x"}).status_code == 404
    assert f"N° {dossier.pk}<" not in client_of.get(reverse("www:my_dossiers")).content.decode()


def test_csrf_is_enforced_on_every_applicant_form(applicant, demo):
    dossier = make_dossier(demo, applicant)
    client = Client(enforce_csrf_checks=True)
    client.force_login(applicant)
    for name, kind in POST_URLS:
        kwargs = {
            "slug": {"slug": SLUG},
            "pk": {"pk": dossier.pk},
            "pk_step": {"pk": dossier.pk, "step": 1},
        }[kind]
        assert client.post(reverse(name, kwargs=kwargs), {}).status_code == 403, name
    for url in [
        "/comptes/login/",
        "/comptes/signup/",
        "/comptes/password/reset/",
        "/comptes/logout/",
    ]:
        assert client.post(url, {}).status_code == 403, url


def test_a_pending_or_infected_file_is_never_served(client_of, applicant):
    dossier = filed_dossier(applicant)
    for status in ("en_attente", "infecte"):
        stored = StoredFile.objects.create(
            key=f"dossiers/{dossier.pk}/{status}",
            dossier=dossier,
            uploaded_by=applicant,
            name="a.pdf",
            size=3,
            content_type="application/pdf",
            sha256="0" * 64,
            scan_status=status,
            uploaded_at=dossier.filed_at,
        )
        url = reverse("www:dossier_file", kwargs={"key": stored.key})
        assert client_of.get(url).status_code == 404


def test_sign_up_needs_a_verified_email(client):
    response = client.post(
        "/comptes/signup/",
        {
            "email": "nouveau@example.fr",
            "password1": "Un-mot-de-passe-solide-42",
            "password2": "Un-mot-de-passe-solide-42",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/comptes/confirm-email/\S+", mail.outbox[0].body)
    assert link
    # Not verified yet: no login.
    response = client.post(
        "/comptes/login/", {"login": "nouveau@example.fr", "password": "Un-mot-de-passe-solide-42"}
    )
    assert response.status_code == 302 and "confirm" in response.url
    assert client.get(reverse("www:my_dossiers")).status_code == 302
    path = link.group(0).split("testserver", 1)[-1]
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert client.get(reverse("www:my_dossiers")).status_code == 200


def test_login_pages_are_french_and_dsfr(client):
    page = client.get("/comptes/login/").content.decode()
    assert "Connexion" in page and "fr-input" in page and "fr-btn" in page
    page = client.get("/comptes/signup/").content.decode()
    assert "Création de compte" in page and "fr-input-group" in page


def test_login_failures_are_rate_limited(client):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("u", "u@example.fr", "bon-mot-de-passe-42")
    for _ in range(6):
        response = client.post("/comptes/login/", {"login": "u@example.fr", "password": "faux"})
    assert "Trop de tentatives de connexion échouées" in response.content.decode()
    # Even the right password is refused meanwhile.
    response = client.post(
        "/comptes/login/", {"login": "u@example.fr", "password": "bon-mot-de-passe-42"}
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_pages_read_a_bounded_number_of_queries(
    client_of, applicant, django_assert_max_num_queries
):
    dossiers = [filed_dossier(applicant) for _ in range(3)]
    for dossier in dossiers:
        for text in ("Un", "Deux", "Trois"):
            client_of.post(
                reverse("www:dossier_message", kwargs={"pk": dossier.pk}),
                {"message": text, "piece_jointe": upload("n.pdf", PDF)},
            )
    with django_assert_max_num_queries(6):
        listing = client_of.get(reverse("www:my_dossiers"))
    with django_assert_max_num_queries(14):
        page = client_of.get(reverse("www:dossier", kwargs={"pk": dossiers[0].pk}))
    assert listing.status_code == 200 and page.status_code == 200
    listed = listing.content.decode()
    assert all(reverse("www:dossier", kwargs={"pk": d.pk}) in listed for d in dossiers)
    shown = page.content.decode()
    assert all(text in shown for text in ("Un", "Deux", "Trois"))


def test_a_step_posted_after_filing_from_another_tab_changes_nothing(client_of, applicant):
    dossier = filed_dossier(applicant)
    agent = instructor_of(dossier)
    workflow.apply("passer_en_instruction", dossier, actor=agent)
    response = client_of.post(step_url(dossier, 1), {"f_nom": "Autre", "action": "suivant"})
    assert response.status_code == 302
    assert response.url == reverse("www:dossier", kwargs={"pk": dossier.pk})
    dossier.refresh_from_db()
    assert dossier.answers["nom"] == "Dupont"


def test_a_replaced_or_removed_draft_file_is_deleted(client_of, demo):
    from django.core.files.storage import storages

    dossier = start(client_of, demo)
    url = step_url(dossier, 3)
    client_of.post(url, {"f_justificatif": upload("a.pdf", PDF), "action": "enregistrer"})
    first = StoredFile.objects.get(dossier=dossier)
    client_of.post(url, {"f_justificatif": upload("b.pdf", PDF), "action": "enregistrer"})
    second = StoredFile.objects.get(dossier=dossier)
    assert second.name == "b.pdf" and not storages["dossier_files"].exists(first.key)
    client_of.post(url, {"f_justificatif__remove": "on", "action": "enregistrer"})
    assert not StoredFile.objects.filter(dossier=dossier).exists()
    assert not storages["dossier_files"].exists(second.key)
