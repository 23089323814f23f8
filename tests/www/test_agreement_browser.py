"""Choosing an agreement in a real browser (Debian's chromium through Playwright),
with and without JavaScript: from a Q&A page to the picker and back to the
agreement's answer, the header showing the choice; axe-core on the picker."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTRIBUTION = "contribution:4a6f1103-e955-45ff-a327-1bfa08f86fff"
BLOCKING_IMPACTS = {"serious", "critical"}


def url_of(key: str) -> str:
    from parvis.corpus.models import Document

    return Document.objects.get(key=key).get_absolute_url()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_choose_an_agreement_and_read_its_answer(new_page, javascript):
    page = new_page(java_script_enabled=javascript)
    contribution = url_of(CONTRIBUTION)
    page.goto(contribution)
    expect(
        page.get_by_role("heading", name=re.compile("Ce que prévoit la convention"))
    ).to_have_count(0)
    choice = page.locator("#agreement-choice")
    choice.get_by_label("Nom ou numéro IDCC de votre convention collective").fill("fehap")
    choice.get_by_role("button", name="Trouver ma convention").click()
    page.wait_for_url(re.compile(r"/convention-collective/choisir\?"))
    expect(page.get_by_role("status")).to_contain_text("pour « fehap »")
    page.locator("#agreement-results").get_by_role("button", name=re.compile("IDCC 0029")).click()
    page.wait_for_url(re.compile(re.escape(contribution) + "$"))
    expect(
        page.get_by_role("heading", name=re.compile("convention collective 0029"))
    ).to_be_visible()
    expect(page.locator("#header-agreement")).to_have_text(re.compile(r"^IDCC 0029 · "))
    # the answer's reference leads to the agreement's article on our site
    reference = page.locator("[aria-labelledby=references-cc]").get_by_role("link").first
    reference.click()
    page.wait_for_url(re.compile(r"/convention-collective/0029/article/kaliarti\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Article")

    # remembered for the visit: another page's header, then removed from it
    page.goto("/themes/")
    header = page.locator("header")
    expect(page.locator("#header-agreement")).to_have_text(re.compile(r"^IDCC 0029 · "))
    header.get_by_role("button", name="Retirer").first.click()
    page.wait_for_url(re.compile(r"/themes/$"))
    expect(page.locator("#header-agreement")).to_have_count(0)


def test_picker_has_no_serious_accessibility_violation(new_page):
    page = new_page()
    page.goto("/convention-collective/choisir?q=hospitalisation")
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    violations = Axe().run(page).response["violations"]
    blocking = [f"{v['id']}: {v['help']}" for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, blocking
    # and with an agreement chosen (the header's tools)
    page.locator("#agreement-results").get_by_role("button").first.click()
    page.wait_for_url(re.compile(r"/convention-collective/choisir$"))
    expect(page.locator("#header-agreement")).to_be_visible()
    violations = Axe().run(page).response["violations"]
    blocking = [f"{v['id']}: {v['help']}" for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, blocking
