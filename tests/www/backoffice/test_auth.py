"""Agents' sign-in: password (throttled), then TOTP; every back-office view behind
the same gate."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.cases.factories import make_user
from tests.www.backoffice.conftest import current_code, make_agent

pytestmark = pytest.mark.django_db

LIST = "/instruction/"


def test_anonymous_is_sent_to_the_login_page(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/instruction/connexion/?next=")


def test_password_then_totp_code(client, procedure, agent):
    response = client.post(
        "/instruction/connexion/",
        {"username": "agent", "password": "mot-de-passe-agent", "next": LIST},
    )
    assert response.status_code == 302 and response["Location"] == LIST
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/instruction/verification/?next=")
    response = client.post("/instruction/verification/", {"otp_token": "000000", "next": LIST})
    assert response.status_code == 200
    assert "pas valide ou a expiré" in response.content.decode()
    device = agent.totpdevice_set.get()
    response = client.post(
        "/instruction/verification/", {"otp_token": current_code(device), "next": LIST}
    )
    assert "Trop de codes erronés" in response.content.decode()  # django-otp's delay
    device.throttle_reset()
    response = client.post(
        "/instruction/verification/", {"otp_token": current_code(device), "next": LIST}
    )
    assert response.status_code == 302 and response["Location"] == LIST
    assert client.get(LIST).status_code == 200


def test_first_sign_in_enrols_a_device(client, procedure):
    newcomer = make_user("nouvel-agent")
    newcomer.set_password("mot-de-passe-agent")
    newcomer.save()
    procedure.groups.get().members.add(newcomer)
    client.force_login(newcomer)
    response = client.get(LIST)
    assert response["Location"].startswith("/instruction/double-authentification/")
    page = client.get("/instruction/double-authentification/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "Clé secrète" in html
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    response = client.post(
        "/instruction/double-authentification/", {"otp_token": current_code(device), "next": LIST}
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(LIST).status_code == 200
    # Once a device is confirmed, enrolling another one is not possible from here.
    other = make_user("intrus")
    procedure.groups.get().members.add(other)
    TOTPDevice.objects.create(user=other, confirmed=True)
    client.force_login(other)
    response = client.get("/instruction/double-authentification/")
    assert response["Location"].startswith("/instruction/verification/")
    assert TOTPDevice.objects.filter(user=other).count() == 1


def test_login_without_next_goes_to_the_list(client, agent, procedure):
    response = client.post(
        "/instruction/connexion/", {"username": "agent", "password": "mot-de-passe-agent"}
    )
    assert response["Location"] == LIST


def test_an_applicant_never_reaches_the_back_office(client, dossier):
    applicant = dossier.applicant
    applicant.set_password("mot-de-passe-demandeur")
    applicant.save()
    response = client.post(
        "/instruction/connexion/",
        {"username": applicant.username, "password": "mot-de-passe-demandeur"},
    )
    assert response.status_code == 200
    assert "réservé aux agents" in response.content.decode()
    client.force_login(applicant)
    for url in (
        LIST,
        f"/instruction/dossiers/{dossier.pk}/",
        "/instruction/export.csv",
        "/instruction/verification/",
        "/instruction/double-authentification/",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "réservé aux agents instructeurs" in response.content.decode(), url


def test_login_is_throttled(client, agent):
    for _ in range(5):
        response = client.post(
            "/instruction/connexion/", {"username": "agent", "password": "mauvais"}
        )
        assert response.status_code == 200
    response = client.post(
        "/instruction/connexion/", {"username": "agent", "password": "mot-de-passe-agent"}
    )
    assert response.status_code == 429 and "Retry-After" in response


def test_pages_are_not_cached(client_agent, procedure):
    response = client_agent.get(LIST)
    assert "no-store" in response["Cache-Control"]


def test_logout(client_agent, procedure):
    response = client_agent.post(reverse("backoffice:logout"))
    assert response.status_code == 302
    assert client_agent.get(LIST).status_code == 302


def test_staff_agent_without_group_sees_an_empty_list(client):
    staff = make_agent("staff", is_staff=True)
    from tests.www.backoffice.conftest import verified_client

    response = verified_client(staff).get(LIST)
    assert response.status_code == 200 and "Aucun dossier" in response.content.decode()
