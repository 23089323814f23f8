"""Browser fixtures: Debian's chromium driven by Playwright against pytest-django's
live_server (never a downloaded browser).

live_server needs a transactional database, and transactional tests flush every
table at teardown; pytest-django runs them after all the rolled-back tests, so the
session's ingestion serves those first, and `live_site` re-ingests the fixture
extracts (about 0.15 s) at the start of each browser test.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_PACKAGES

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop in this thread, which makes Django
    # refuse ORM calls from the test body (SynchronousOnlyOperation); the test body is
    # plain synchronous code, so the check is lifted while the browser runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def live_site(live_server, transactional_db):
    """The live server on the fixture corpus, ingested again if a transactional
    test before emptied it (the rows then get new ids: the search index, built
    once for the session, does not depend on them)."""
    from parvis.corpus.pipeline import ingest_all

    results = ingest_all(FIXTURE_PACKAGES, progress=False)
    assert all(r.ok for r in results), [r.error for r in results]
    return live_server


@pytest.fixture
def new_page(browser, live_site):
    """new_page(**context_options) -> a Playwright page on the live site.

    At teardown, fails if any response was a server error, any same-site asset failed
    to load (DSFR CSS/JS under /static/), or the console reported an error
    (a Content-Security-Policy violation, a script error).
    """
    contexts = []
    problems = []

    def make(**options):
        context = browser.new_context(base_url=live_site.url, locale="fr-FR", **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(5000)

        def on_response(response):
            if response.status >= 500 or (
                response.url.startswith(live_site.url + "/static/") and response.status >= 400
            ):
                problems.append(f"{response.status} {response.url}")

        page.on("response", on_response)
        page.on("requestfailed", lambda request: problems.append(f"failed {request.url}"))

        def on_console(message):
            # "Failed to load resource" duplicates a response already judged above
            # (a 400 for a bad query is expected).
            if message.type == "error" and not message.text.startswith("Failed to load"):
                problems.append(message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not problems, problems
