"""Back-office fixtures: agents with a confirmed TOTP device, clients signed in with
or without the second factor, dossiers from the case engine's factories."""

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.cases.factories import make_dossier, make_procedure, make_user


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def make_agent(name=None, **extra):
    user = make_user(name, **extra)
    user.set_password("mot-de-passe-agent")
    user.save()
    TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user


def verified_client(user, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get().persistent_id
    session.save()
    return client


@pytest.fixture
def agent(db):
    return make_agent("agent")


@pytest.fixture
def other_agent(db):
    return make_agent("autre")


@pytest.fixture
def procedure(agent):
    return make_procedure(instructors=[agent])


@pytest.fixture
def other_procedure(other_agent):
    return make_procedure(instructors=[other_agent])


@pytest.fixture
def dossier(procedure):
    return make_dossier(procedure, file=True)


@pytest.fixture
def foreign_dossier(other_procedure):
    return make_dossier(
        other_procedure, answers={"nom": "Étrangère", "commune": "13055"}, file=True
    )


@pytest.fixture
def client_agent(agent):
    return verified_client(agent)
