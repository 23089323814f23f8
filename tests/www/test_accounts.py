"""Accounts: FranceConnect (OpenID Connect) is off unless its three settings are given,
and then offered on the login page as the official button."""

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db

FRANCECONNECT = {
    "FRANCECONNECT_CLIENT_ID": "client",
    "FRANCECONNECT_SECRET": "secret",
    "FRANCECONNECT_SERVER_URL": "https://fc.example/api/v2",
}


def providers_with(env: dict) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.SOCIALACCOUNT_PROVIDERS))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FRANCECONNECT_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "parvis.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_franceconnect_is_off_by_default_and_on_with_its_settings():
    assert providers_with({}) == {}
    assert providers_with({"FRANCECONNECT_CLIENT_ID": "only-one"}) == {}
    app = providers_with(FRANCECONNECT)["openid_connect"]["APPS"][0]
    assert app["provider_id"] == "franceconnect" and app["client_id"] == "client"
    assert app["settings"]["server_url"] == "https://fc.example/api/v2"


def test_login_page_offers_franceconnect_only_when_configured(client, settings):
    assert "fr-connect" not in client.get("/comptes/login/").content.decode()
    settings.SOCIALACCOUNT_PROVIDERS = providers_with(FRANCECONNECT)
    page = client.get("/comptes/login/").content.decode()
    assert 'class="fr-connect"' in page and "S’identifier avec" in page
    assert 'action="/comptes/oidc/franceconnect/login/' in page


@pytest.mark.parametrize(
    "url",
    [
        "/comptes/logout/",
        "/comptes/email/",
        "/comptes/password/change/",
        "/comptes/password/reset/done/",
        "/comptes/confirm-email/",
    ],
)
def test_account_pages_render_in_the_site_layout(client, url):
    from tests.cases.factories import make_user

    user = make_user()
    user.set_password("Un-mot-de-passe-solide-42")
    user.save()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    assert 'class="fr-header' in page and "<h1>" in page
