"""The back office in chromium: an agent signs in with a TOTP code, filters the list
and instructs a dossier to a decision; axe-core finds no serious or critical
violation on the back office's pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from parvis.cases.enums import DossierState
from parvis.cases.models import Dossier
from tests.cases.factories import make_dossier, make_procedure
from tests.www.backoffice.conftest import current_code, make_agent
from tests.www.test_accessibility import BLOCKING_IMPACTS, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, agent):
    page.goto("/instruction/")
    page.fill("#id_username", agent.username)
    page.fill("#id_password", "mot-de-passe-agent")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("h1")).to_have_text("Vérification en deux étapes")
    page.fill("#id_otp_token", current_code(agent.totpdevice_set.get()))
    page.get_by_role("button", name="Vérifier").click()
    expect(page.locator("h1")).to_have_text("Dossiers à instruire")


def test_agent_signs_in_filters_and_decides(new_page):
    agent = make_agent("agent")
    procedure = make_procedure(instructors=[agent])
    target = make_dossier(procedure, answers={"nom": "Cible", "commune": "69123"}, file=True)
    other = make_dossier(procedure, answers={"nom": "Autre", "commune": "13055"}, file=True)
    page = new_page()
    sign_in(page, agent)
    page.fill("#id_q", "cible")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("link", name=f"n° {target.pk}")).to_be_visible()
    expect(page.get_by_role("link", name=f"n° {other.pk}")).to_have_count(0)
    page.get_by_role("link", name=f"n° {target.pk}").click()
    expect(page.locator("h1")).to_have_text(f"Dossier n° {target.pk}")
    page.get_by_role("button", name="Passer le dossier en instruction").click()
    expect(page.locator(".fr-alert--success")).to_be_visible()
    page.get_by_role("button", name="Refuser le dossier").click()  # no reason: refused
    expect(page.locator(".fr-alert--error")).to_contain_text("Indiquez le motif")
    page.fill("#id_reason", "Pièces non conformes")
    page.get_by_role("button", name="Refuser le dossier").click()
    expect(page.locator(".fr-alert--success")).to_be_visible()
    expect(page.locator("ol.history")).to_contain_text("Pièces non conformes")
    decided = Dossier.objects.get(pk=target.pk)
    assert decided.state == DossierState.REFUSE
    assert decided.transitions.last().author == agent


def test_no_serious_violation_on_back_office_pages(new_page):
    axe = Axe()
    agent = make_agent("agent", is_staff=True)  # also administers the procedures' groups
    agent.user_permissions.add(Permission.objects.get(codename="change_instructorgroup"))
    procedure = make_procedure(instructors=[agent])
    dossier = make_dossier(procedure, file=True)
    newcomer = make_agent("nouveau")
    newcomer.totpdevice_set.all().delete()
    procedure.groups.get().members.add(newcomer)

    def check(page, what):
        expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
        results = axe.run(page)
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, f"{what}\n" + report(blocking)

    page = new_page()
    page.goto("/instruction/connexion/")
    check(page, "login")
    page.fill("#id_username", "nouveau")
    page.fill("#id_password", "mot-de-passe-agent")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("h1")).to_have_text("Activer la vérification en deux étapes")
    check(page, "enrolment")
    page = new_page()
    page.goto("/instruction/connexion/")
    page.fill("#id_username", agent.username)
    page.fill("#id_password", "mot-de-passe-agent")
    page.get_by_role("button", name="Se connecter").click()
    check(page, "verification")
    page.fill("#id_otp_token", current_code(agent.totpdevice_set.get()))
    page.get_by_role("button", name="Vérifier").click()
    check(page, "list")
    page.goto("/instruction/?state=inconnu")
    check(page, "list with an error")
    page.goto(f"/instruction/dossiers/{dossier.pk}/")
    check(page, "dossier")
    page.goto(f"/instruction/demarches/{procedure.pk}/groupes/")
    expect(page.locator("h1")).to_contain_text("Groupes instructeurs")
    check(page, "groups")
    page.set_viewport_size({"width": 375, "height": 800})  # a phone
    page.goto("/instruction/")
    check(page, "list on a phone")
