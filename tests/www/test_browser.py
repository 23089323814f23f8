"""The pages in a real browser (Debian's chromium through Playwright): DSFR tabs and
accordions with and without JavaScript, the search page, a phone screen."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABS_FICHE = "vdd:F34857"  # ListeSituations: situations shown as tabs
CASES_FICHE = "vdd:F31421"  # BlocCas: cases shown as accordions


def url_of(key: str) -> str:
    from parvis.corpus.models import Document

    return Document.objects.get(key=key).get_absolute_url()


def wait_for_dsfr(page):
    """The DSFR script marks <html data-fr-js="true"> once it has started."""
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")


def test_situation_tabs_switch(new_page):
    page = new_page()
    page.goto(url_of(TABS_FICHE))
    wait_for_dsfr(page)
    tabs = page.locator(".parvis-fiche [role=tab]")
    panels = page.locator(".parvis-fiche [role=tabpanel]")
    assert tabs.count() >= 2 and panels.count() == tabs.count()

    expect(tabs.nth(0)).to_have_attribute("aria-selected", "true")
    expect(tabs.nth(1)).to_have_attribute("aria-selected", "false")
    expect(panels.nth(0)).to_be_visible()
    expect(panels.nth(1)).to_be_hidden()

    tabs.nth(1).click()
    expect(tabs.nth(1)).to_have_attribute("aria-selected", "true")
    expect(tabs.nth(0)).to_have_attribute("aria-selected", "false")
    expect(panels.nth(1)).to_be_visible()
    expect(panels.nth(0)).to_be_hidden()
    # With the script running, the tab names the panel: its duplicate heading is hidden.
    expect(panels.nth(1).locator(".parvis-fiche__panel-title")).to_be_hidden()

    # Keyboard: the arrow keys move between tabs (roving tabindex).
    tabs.nth(1).focus()
    page.keyboard.press("ArrowLeft")
    expect(tabs.nth(0)).to_have_attribute("aria-selected", "true")
    expect(tabs.nth(0)).to_have_attribute("tabindex", "0")
    expect(tabs.nth(1)).to_have_attribute("tabindex", "-1")
    expect(panels.nth(0)).to_be_visible()


def test_without_javascript_every_situation_reads(new_page):
    page = new_page(java_script_enabled=False)
    page.goto(url_of(TABS_FICHE))
    expect(page.locator("html")).not_to_have_attribute("data-fr-js", "true")
    panels = page.locator(".parvis-fiche [role=tabpanel]")
    assert panels.count() >= 2
    for i in range(panels.count()):
        panel = panels.nth(i)
        expect(panel).to_be_visible()
        # Each panel carries its own heading in place of the (hidden) tab list.
        expect(panel.locator(".parvis-fiche__panel-title")).to_be_visible()
        paragraph = panel.locator("p").first
        expect(paragraph).to_be_visible()
        assert paragraph.inner_text().strip()
    expect(page.locator(".parvis-fiche [role=tablist]")).to_be_hidden()

    page.goto(url_of(CASES_FICHE))
    contents = page.locator(".parvis-fiche .fr-collapse")
    assert contents.count() >= 2
    for i in range(contents.count()):
        expect(contents.nth(i)).to_be_visible()


def test_without_javascript_search_and_agreement_read(new_page, request, settings):
    settings.DATA_DIR = request.getfixturevalue("search_index_dir")
    page = new_page(java_script_enabled=False)
    page.goto("/")
    page.get_by_role("main").get_by_label("Votre question ou vos mots-clés").fill("contrat")
    page.get_by_role("main").get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"/recherche\?q=contrat$"))
    expect(page.get_by_role("status")).to_contain_text("pour « contrat »")
    page.get_by_role("link", name="Page suivante").click()
    page.wait_for_url(re.compile(r"/recherche\?q=contrat&page=2$"))
    expect(page.locator("main ol > li").first).to_be_visible()

    # An agreement's texts are a table of contents: plain nested lists, no script needed.
    page.goto(url_of("kali:KALICONT000005635085"))
    contents = page.locator("main .parvis-contents")
    assert contents.count() >= 1
    expect(contents.first.get_by_role("link").first).to_be_visible()


def test_case_accordion_opens(new_page):
    page = new_page()
    page.goto(url_of(CASES_FICHE))
    wait_for_dsfr(page)
    button = page.locator(".parvis-fiche .fr-accordion__btn").first
    content = page.locator("#" + button.get_attribute("aria-controls"))
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(content).to_be_hidden()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(content).to_be_visible()
    assert content.inner_text().strip()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(content).to_be_hidden()


def test_search_page(new_page, request, settings):
    # Asked for only now, after live_site's ingestion: if no earlier test built the
    # session's index, it is built from a full database.
    settings.DATA_DIR = request.getfixturevalue("search_index_dir")
    page = new_page()
    page.goto("/recherche")
    wait_for_dsfr(page)

    search_box = page.get_by_label("Votre question ou vos mots-clés")
    search_box.fill("licenciement")
    search_box.press("Enter")
    page.wait_for_url(re.compile(r"/recherche\?q=licenciement"))
    results = page.locator("main ol > li")
    assert results.count() >= 1
    expect(page.get_by_role("status")).to_contain_text("pour « licenciement »")
    first = results.first
    expect(first.locator(".fr-badge")).to_have_text(re.compile(r"\w"))
    expect(first.locator("h2 a")).to_have_attribute("href", re.compile(r"^/"))
    # Snippets come from the database passages the index points at, matches marked.
    expect(page.locator("main ol .fr-card__desc mark").first).to_be_visible()

    # django-dsfr's pagination: plain links that keep the query.
    pagination = page.get_by_role("navigation", name="Pagination")
    pagination.get_by_role("link", name="2", exact=True).click()
    page.wait_for_url(re.compile(r"/recherche\?q=licenciement&type=&page=2$"))
    expect(pagination.locator("[aria-current=page]")).to_have_text("2")
    expect(results.first.locator("h2 a")).to_have_attribute("href", re.compile(r"^/"))

    # A query naming an article goes straight to it.
    search_box = page.get_by_label("Votre question ou vos mots-clés")
    search_box.fill("L1234-1")
    page.get_by_role("main").get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"/code-du-travail/l1234-1$"))
    expect(page.locator("h1")).to_have_text("Article L1234-1")

    # An empty query gets a French message, not an empty page.
    page.goto("/recherche")
    page.get_by_role("main").get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"/recherche\?q="))
    expect(page.get_by_role("alert")).to_contain_text("Saisissez au moins un mot")


def test_phone_home_page(new_page):
    page = new_page(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    page.goto("/")
    wait_for_dsfr(page)
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 375 + 1, f"horizontal scroll: the page is {width}px wide"

    modal = page.locator("#modal-search")
    search_input = page.locator("#header-search-input")
    expect(search_input).to_be_hidden()
    page.locator(".fr-header__navbar .fr-btn--search").click()
    expect(modal).to_have_class(re.compile(r"\bfr-modal--opened\b"))
    expect(search_input).to_be_visible()


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(lambda: "/code-du-travail/l1234-1", id="article"),
        pytest.param(lambda: url_of(TABS_FICHE), id="fiche"),
        pytest.param(lambda: "/themes/embauche", id="theme"),
        pytest.param(lambda: "/convention-collective/", id="agreements"),
    ],
)
def test_phone_menu_and_search_buttons_on_content_pages(new_page, url):
    """At phone width the header's Menu and Rechercher buttons open the menu and the
    search bar on every kind of page, and no request leaves the site."""
    page = new_page(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url())
    wait_for_dsfr(page)
    origin = page.url.split("/", 3)[:3]
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 375 + 1, f"horizontal scroll: the page is {width}px wide"

    menu = page.locator("#fr-menu-mobile")
    expect(page.get_by_role("link", name="Thèmes", exact=True)).to_be_hidden()
    page.locator(".fr-header__navbar .fr-btn--menu").click()
    expect(menu).to_have_class(re.compile(r"\bfr-modal--opened\b"))
    expect(menu.get_by_role("link", name="Thèmes", exact=True)).to_be_visible()
    menu.get_by_role("button", name="Fermer").click()
    expect(menu).not_to_have_class(re.compile(r"\bfr-modal--opened\b"))

    page.locator(".fr-header__navbar .fr-btn--search").click()
    expect(page.locator("#modal-search")).to_have_class(re.compile(r"\bfr-modal--opened\b"))
    expect(page.locator("#header-search-input")).to_be_visible()
    outside = [u for u in requested if u.startswith("http") and u.split("/", 3)[:3] != origin]
    assert not outside, outside


def test_glossary_tooltip_on_focus(new_page):
    page = new_page()
    page.goto("/convention-collective/")
    wait_for_dsfr(page)
    tooltip = page.locator("#glossaire-idcc")
    expect(tooltip).to_be_hidden()
    page.locator("#button-glossaire-idcc").focus()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("numéro à 4 chiffres")
