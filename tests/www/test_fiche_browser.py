"""Service-public.fr fiche pages in chromium: questionnaires read without JavaScript
and open as DSFR accordions with it; no serious accessibility violation on pages with
questionnaires, conditioned fragments, guided searches, service cards, R items."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.www.test_accessibility import BLOCKING_IMPACTS, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTIONNAIRE = "vdd:F14128"


def url_of(key: str) -> str:
    from parvis.corpus.models import Document

    return Document.objects.get(key=key).get_absolute_url()


def test_questionnaire_reads_without_javascript(new_page):
    page = new_page(java_script_enabled=False)
    page.goto(url_of(QUESTIONNAIRE))
    choice = page.locator("#question-1-choix-1")
    expect(choice).to_be_visible()
    expect(choice).to_contain_text("Vous êtes locataire : ce qui vous concerne.")
    locataire = choice.get_by_role("link", name="Démarches liées au logement actuel › Locataire")
    expect(locataire).to_be_visible()
    expect(page.locator("#fragment-1")).to_contain_text("Si : vous avez des enfants")


def test_questionnaire_choice_opens_with_javascript(new_page):
    page = new_page()
    page.goto(url_of(QUESTIONNAIRE))
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    button = page.locator('[aria-controls="question-1-choix-1"]')
    content = page.locator("#question-1-choix-1")
    expect(content).to_be_hidden()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(content).to_be_visible()


@pytest.mark.parametrize(
    "key", [QUESTIONNAIRE, "vdd:F31633", "vdd:F35138", "vdd:F31421", "vdd:R48714"]
)
def test_no_serious_violation(new_page, key):
    page = new_page()
    page.goto(url_of(key))
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "\n" + report(blocking)
