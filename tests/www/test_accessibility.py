"""Automated accessibility check (axe-core, through axe-playwright-python) of each
page type in chromium: no violation of impact "serious" or "critical"."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING_IMPACTS = {"serious", "critical"}
CONTRIBUTION = "contribution:4a6f1103-e955-45ff-a327-1bfa08f86fff"


def url_of(key: str) -> str:
    from parvis.corpus.models import Document

    return Document.objects.get(key=key).get_absolute_url()


def report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {', '.join(map(str, node['target']))}")
            lines.append(f"    {node['failureSummary']}".replace("\n", "\n    "))
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(lambda: "/", id="home"),
        pytest.param(lambda: url_of("vdd:F34857"), id="fiche-with-tabs"),
        pytest.param(lambda: "/code-du-travail/l1234-1", id="code-article"),
        pytest.param(lambda: "/recherche?q=licenciement", id="search-results"),
        pytest.param(lambda: "/recherche?q=", id="search-error"),
        pytest.param(lambda: url_of(CONTRIBUTION), id="contribution"),
        pytest.param(lambda: url_of(CONTRIBUTION) + "?idcc=0029", id="contribution-agreement"),
        pytest.param(lambda: url_of("kali:KALICONT000005635435"), id="agreement-with-salaries"),
        pytest.param(lambda: "/convention-collective/", id="agreement-list"),
        pytest.param(lambda: url_of("kali:KALICONT000005635085"), id="agreement"),
        pytest.param(lambda: url_of("kali:KALIARTI000039111057"), id="agreement-article"),
        pytest.param(lambda: "/recherche?q=contrat&page=2", id="search-page-2"),
        pytest.param(lambda: "/page-inconnue", id="not-found"),
        pytest.param(lambda: "/themes/", id="theme-list"),
        pytest.param(lambda: "/themes/embauche", id="theme"),
        pytest.param(lambda: "/code-du-travail/", id="code-plan"),
        pytest.param(
            lambda: "/code-du-travail/sommaire/partie-legislative", id="code-plan-section"
        ),
        pytest.param(lambda: "/convention-collective/?q=zzz", id="agreement-list-empty"),
        pytest.param(lambda: "/questions-reponses/", id="question-list"),
        pytest.param(lambda: "/glossaire", id="glossary"),
        pytest.param(lambda: "/a-propos-des-donnees", id="data-sources"),
        pytest.param(lambda: "/plan-du-site", id="site-map"),
        pytest.param(lambda: "/accessibilite", id="accessibility-statement"),
        pytest.param(lambda: "/contact", id="contact"),
    ],
)
def test_no_serious_violation(new_page, axe, url, request, settings):
    settings.DATA_DIR = request.getfixturevalue("search_index_dir")
    page = new_page()
    page.goto(url())
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    results = axe.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "\n" + report(blocking)
