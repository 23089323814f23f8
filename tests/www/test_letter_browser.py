"""A letter template in chromium: filled without JavaScript, shown, downloaded as
PDF and DOCX; axe-core on the form, its errors and the filled letter."""

import io
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING_IMPACTS = {"serious", "critical"}
ANSWERS = {
    "Prénom et nom du salarié": "Camille Durand",
    "Adresse du salarié (numéro et voie)": "3 rue des Lilas",
    "Code postal et commune du salarié": "69003 Lyon",
    "Nom de l’entreprise": "Boulangerie Martin",
    "Adresse de l’entreprise (numéro et voie)": "10 place Bellecour",
    "Code postal et commune de l’entreprise": "69002 Lyon",
    "Commune où la lettre est écrite": "Lyon",
    "Date de la lettre": "02/03/2026",
    "Intitulé de votre poste": "vendeuse",
    "Date d’embauche": "15/09/2019",
    "Durée du préavis": "un mois",
    "Date de fin du contrat (dernier jour du préavis)": "02/04/2026",
}


def blocking(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [f"{v['id']}: {v['help']}" for v in violations if v["impact"] in BLOCKING_IMPACTS]


def fill_the_resignation(page):
    page.goto("/modeles-de-courriers/")
    page.get_by_role("link", name=re.compile("Lettre de démission")).click()
    for label, value in ANSWERS.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Afficher le courrier").click()


def test_a_resignation_letter_without_javascript(new_page):
    page = new_page(java_script_enabled=False)
    fill_the_resignation(page)
    letter = page.locator(".parvis-letter")
    expect(letter).to_contain_text("À Lyon, le 2 mars 2026")
    expect(letter).to_contain_text("depuis le 15 septembre 2019")
    expect(letter).not_to_contain_text("dispenser")


def test_the_download_buttons_give_the_pdf_and_the_docx(browser, live_site):
    # Its own context: a download aborts the navigation, which the new_page
    # fixture would count as a failed request.
    context = browser.new_context(
        base_url=live_site.url, locale="fr-FR", java_script_enabled=False, accept_downloads=True
    )
    try:
        page = context.new_page()
        page.set_default_timeout(5000)
        fill_the_resignation(page)
        with page.expect_download() as pdf:
            page.get_by_role("button", name="Télécharger en PDF").first.click()
        assert pdf.value.suggested_filename == "lettre-de-demission.pdf"
        text = PdfReader(io.BytesIO(Path(pdf.value.path()).read_bytes())).pages[0].extract_text()
        assert "Camille Durand" in text and "Boulangerie Martin" in text
        with page.expect_download() as docx:
            page.get_by_role("button", name="Télécharger en Word (DOCX)").first.click()
        paragraphs = [p.text for p in Document(docx.value.path()).paragraphs]
        assert "Objet : Démission" in paragraphs
    finally:
        context.close()


def test_form_errors_and_letter_pass_axe(new_page):
    page = new_page()
    page.goto("/modeles-de-courriers/lettre-de-demission")
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    assert not blocking(page)
    page.get_by_role("button", name="Afficher le courrier").click()
    expect(page.get_by_text("Ce champ est obligatoire.").first).to_be_visible()
    assert not blocking(page)
    fill_the_resignation(page)
    expect(page.locator(".parvis-letter")).to_be_visible()
    assert not blocking(page)
    page.goto("/modeles-de-courriers/")
    assert not blocking(page)
