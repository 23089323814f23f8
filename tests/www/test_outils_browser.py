"""A whole calculation in chromium, without JavaScript, and axe-core on the
calculator's question and result pages."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING_IMPACTS = {"serious", "critical"}


def choose(page, label):
    page.get_by_text(label, exact=True).click()
    page.get_by_role("button", name="Suivant").click()


def walk_to_the_result(page):
    page.goto("/outils/")
    page.get_by_role("link", name=re.compile("Préavis de licenciement")).click()
    page.get_by_label(re.compile("numéro IDCC")).fill("1351")
    page.get_by_role("button", name="Suivant").click()
    choose(page, "2 ans ou plus")
    choose(page, "Non")
    choose(page, "Cadres")
    page.get_by_role("button", name="Question précédente").click()
    choose(page, "Cadres")
    choose(page, "Plus de 1 an")
    page.wait_for_url(re.compile(r"/outils/preavis-licenciement/resultat$"))


def blocking(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [f"{v['id']}: {v['help']}" for v in violations if v["impact"] in BLOCKING_IMPACTS]


def test_a_whole_calculation_without_javascript(new_page):
    page = new_page(java_script_enabled=False)
    walk_to_the_result(page)
    expect(page.get_by_role("main")).to_contain_text("3 mois")
    expect(page.get_by_role("link", name="Article L1234-1")).to_have_attribute(
        "href", "/code-du-travail/l1234-1"
    )


def test_question_and_result_pages_pass_axe(new_page):
    page = new_page()
    walk_to_the_result(page)
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    assert not blocking(page)
    page.goto("/outils/indemnite-licenciement/")
    page.get_by_role("button", name="Suivant").click()  # no agreement
    expect(page.get_by_text("Quel est le type du contrat de travail ?")).to_be_visible()
    assert not blocking(page)
