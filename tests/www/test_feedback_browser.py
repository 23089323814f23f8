"""Feedback in a real browser: the result link's beacon and the reading time
with JavaScript, the redirecting link without it, and the "Cette page vous
a-t-elle aidé ?" widget."""

import re
import time

import pytest
from playwright.sync_api import expect

from parvis.feedback.models import Click, Impression, Vote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def wait_until(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


@pytest.fixture
def searched(new_page, request, settings):
    """A browser page on the results for "licenciement", with or without JavaScript."""

    def open_results(**options):
        settings.DATA_DIR = request.getfixturevalue("search_index_dir")
        page = new_page(**options)
        page.goto("/recherche?q=licenciement")
        return page

    return open_results


def test_click_by_beacon_goes_straight_to_the_page_and_reports_reading_time(searched):
    page = searched()
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    link = page.locator("main ol h2 a").first
    target = re.search(r"vers=([^&]+)", link.get_attribute("href")).group(1)
    requests = []
    page.on("request", lambda r: requests.append((r.method, r.url)))
    link.click()
    page.wait_for_load_state()
    # the browser went to the document itself, not through the redirect
    assert not any(method == "GET" and "/clic/" in url for method, url in requests)
    assert any(method == "POST" and "/clic/" in url for method, url in requests)
    assert "/clic/" not in page.url
    assert wait_until(lambda: Click.objects.count() == 1)
    click = Click.objects.get()
    assert click.position == 0 and click.impression == Impression.objects.get().id
    page.wait_for_timeout(300)
    page.goto("/")  # leaving the page sends its reading time
    assert wait_until(lambda: Click.objects.get().dwell_ms is not None)
    assert 300 <= Click.objects.get().dwell_ms < 60_000
    assert target.startswith("%2F") or target.startswith("/")


def test_click_without_javascript_goes_through_the_redirect(searched):
    page = searched(java_script_enabled=False)
    link = page.locator("main ol h2 a").nth(1)
    link.click()
    page.wait_for_load_state()
    assert "/clic/" not in page.url and page.locator("h1").count() == 1
    click = Click.objects.get()
    assert click.position == 1 and click.dwell_ms is None


@pytest.mark.parametrize("javascript", [True, False])
def test_feedback_widget_records_a_vote(new_page, javascript):
    from parvis.corpus.models import Document

    fiche = Document.objects.filter(key__startswith="vdd:F").order_by("key").first()
    page = new_page(java_script_enabled=javascript)
    page.goto(fiche.get_absolute_url())
    widget = page.locator("#avis")
    expect(widget).to_contain_text("Cette page vous a-t-elle aidé ?")
    widget.get_by_text("Non", exact=True).click()
    widget.get_by_text("L’information semble fausse ou périmée").click()
    widget.get_by_role("button", name="Envoyer mon avis").click()
    page.wait_for_url(re.compile(r"\?avis=merci"))
    expect(page.locator("#avis")).to_contain_text("Merci pour votre avis")
    vote = Vote.objects.get()
    assert (vote.key, vote.helpful, vote.reason) == (fiche.key, False, "perime")
