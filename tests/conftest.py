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


@pytest.fixture(scope="session", autouse=True)
def _caches_in_tmp(tmp_path_factory):
    """Caches live in a temporary folder, not in the developer's var/..."""
    from django.conf import settings as django_settings
    from django.test import override_settings

    from parvis.settings import sqlite_search_cache

    search_cache = sqlite_search_cache(tmp_path_factory.mktemp("search-cache") / "search.sqlite3")
    default_cache = {
        **django_settings.CACHES["default"],
        "LOCATION": str(tmp_path_factory.mktemp("default-cache")),
    }
    # nor the developer's collected static files: tests serve the apps' own files by
    # their plain names (tests/www/test_static.py collects into a folder of its own)
    with override_settings(
        CACHES={**django_settings.CACHES, "default": default_cache, "search": search_cache},
        STATIC_ROOT=tmp_path_factory.mktemp("static"),
    ):
        yield


@pytest.fixture(scope="session", autouse=True)
def _dossier_files_in_tmp(tmp_path_factory):
    """Dossiers' files are stored in a temporary folder, not in the developer's var/."""
    from django.conf import settings as django_settings
    from django.test import override_settings

    storages = {
        **django_settings.STORAGES,
        "dossier_files": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path_factory.mktemp("dossier-files"))},
        },
    }
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture(scope="session", autouse=True)
def _feedback_written_inline():
    """Visitors' events are written at once, in the test's transaction (the
    background writer is tested on its own in tests/feedback)."""
    from django.test import override_settings

    with override_settings(FEEDBACK_WRITES="inline"):
        yield


@pytest.fixture(autouse=True)
def _fresh_feedback_caps():
    """Each test starts with no visit counted against the feedback caps."""
    from parvis.feedback.capture import caps

    caps.clear()


@pytest.fixture(autouse=True)
def _fresh_default_cache():
    """Each test starts with an empty default cache (login throttling counts there)."""
    from django.core.cache import caches

    caches["default"].clear()


@pytest.fixture(scope="session")
def search_index_dir(django_db_setup, django_db_blocker, tmp_path_factory):
    """Real lexical and dense indexes built once from the ingested fixture corpus."""
    from django.conf import settings as django_settings

    from parvis.corpus.models import Document
    from parvis.corpus.pipeline import ingest_all
    from parvis.search.build import build_indexes

    with django_db_blocker.unblock():
        if not Document.objects.exists():  # emptied by a transactional test before us
            ingest_all(FIXTURE_PACKAGES, progress=False)
    data_dir = tmp_path_factory.mktemp("parvis-data")
    previous = django_settings.DATA_DIR
    django_settings.DATA_DIR = data_dir
    try:
        with django_db_blocker.unblock():
            build_indexes(progress=False)
    finally:
        django_settings.DATA_DIR = previous
    return data_dir


@pytest.fixture
def search_engine(search_index_dir, settings, db):
    """The search engine opened on the session's index (settings point at it)."""
    from parvis.search.service import get_engine

    settings.DATA_DIR = search_index_dir
    return get_engine()
