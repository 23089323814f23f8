"""Test set-up: real databases (SQLite by default, PostgreSQL when DATABASE_URL is
set), the corpus ingested once per session from small real extracts."""

from pathlib import Path

import pytest

FIXTURE_PACKAGES = Path(__file__).parent / "corpus" / "fixtures" / "packages"


class _UndefinedVariable(str):
    """Fail on unknown template variables instead of rendering them empty."""

    def __mod__(self, name):
        raise AssertionError(f"undefined template variable: {name}")


@pytest.fixture(autouse=True)
def _strict_templates(settings):
    for engine in settings.TEMPLATES:
        engine.setdefault("OPTIONS", {})["string_if_invalid"] = _UndefinedVariable("%s")
    yield


@pytest.fixture(scope="session")
def fixture_packages() -> Path:
    return FIXTURE_PACKAGES


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Ingest the fixture extracts once; each test runs in a rolled-back transaction."""
    from parvis.corpus.pipeline import ingest_all

    with django_db_blocker.unblock():
        results = ingest_all(FIXTURE_PACKAGES, progress=False)
        assert all(r.ok for r in results), [r.error for r in results]


@pytest.fixture
def corpus(db):
    """The ingested fixture corpus (read-only use)."""
    return FIXTURE_PACKAGES
