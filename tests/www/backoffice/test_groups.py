"""Group management pages for procedure administrators."""

import pytest

from parvis.cases.models import RoutingRule
from tests.cases.factories import make_dossier, make_procedure, make_user
from tests.cases.test_groups import make_admin
from tests.www.backoffice.conftest import verified_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin = make_admin()
    TOTPDevice.objects.create(user=admin, name="test", confirmed=True)
    return admin


def urls(procedure, group, rule_pk=1, user_pk=1):
    base = f"/instruction/demarches/{procedure.pk}"
    return {
        "get": ["/instruction/demarches/", f"{base}/groupes/"],
        "post": [
            f"{base}/groupes/nouveau/",
            f"{base}/groupes/{group.pk}/agents/",
            f"{base}/groupes/{group.pk}/agents/{user_pk}/retrait/",
            f"{base}/regles/",
            f"{base}/regles/{rule_pk}/suppression/",
        ],
    }


def test_only_administrators_reach_the_group_pages(client, client_agent, procedure, admin):
    group = procedure.groups.get()
    pages = urls(procedure, group)
    for url in pages["get"]:
        assert client.get(url)["Location"].startswith("/instruction/connexion/")
        assert client_agent.get(url).status_code == 403, url
        assert verified_client(admin).get(url).status_code == 200, url
    for url in pages["post"]:
        assert client_agent.post(url, {"label": "x"}).status_code == 403, url
    csrf = verified_client(admin, enforce_csrf_checks=True)
    for url in pages["post"]:
        assert csrf.post(url, {"label": "x"}).status_code == 403, url
    assert procedure.groups.count() == 1


def test_manage_groups_and_routing(admin, agent, procedure):
    client = verified_client(admin)
    base = f"/instruction/demarches/{procedure.pk}"
    client.post(f"{base}/groupes/nouveau/", {"label": "Bouches-du-Rhône"})
    group = procedure.groups.get(label="Bouches-du-Rhône")
    newcomer = make_user("nouvelle")
    client.post(f"{base}/groupes/{group.pk}/agents/", {"email": "nouvelle@example.fr"})
    assert list(group.members.all()) == [newcomer]
    page = client.post(
        f"{base}/groupes/{group.pk}/agents/", {"email": "inconnu@example.fr"}, follow=True
    ).content.decode()
    assert "Aucun compte actif" in page
    client.post(f"{base}/regles/", {"field_id": "commune", "value": "13", "group": group.pk})
    rule = RoutingRule.objects.get(procedure=procedure)
    page = client.get(f"{base}/groupes/").content.decode()
    assert "Commune de résidence" in page and "nouvelle@example.fr" in page
    assert (
        make_dossier(procedure, answers={"nom": "X", "commune": "13055"}, file=True).group == group
    )
    page = client.post(
        f"{base}/regles/", {"field_id": "inconnu", "value": "13", "group": group.pk}, follow=True
    ).content.decode()
    assert "fr-alert--error" in page
    other = make_procedure()
    response = client.post(f"/instruction/demarches/{other.pk}/regles/{rule.pk}/suppression/")
    assert response.status_code == 404
    client.post(f"{base}/regles/{rule.pk}/suppression/")
    assert not RoutingRule.objects.exists()
    client.post(f"{base}/groupes/{group.pk}/agents/{newcomer.pk}/retrait/")
    assert not group.members.exists()
