"""Static files once collected (`make data` runs collectstatic): hashed names, gzip
and brotli copies, served by WhiteNoise with a one-year immutable cache."""

import gzip
import json

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.templatetags.static import static
from django.test import RequestFactory, override_settings
from django.utils.functional import empty
from whitenoise.middleware import WhiteNoiseMiddleware

CSS = "dsfr/dist/dsfr/dsfr.min.css"
SAMPLE = "sample/site.css"


@pytest.fixture
def collected(tmp_path, settings):
    """collectstatic through the site's storage, on one sample file (the whole DSFR
    takes minutes to compress with brotli)."""
    source = tmp_path / "source"
    (source / "sample").mkdir(parents=True)
    (source / SAMPLE).write_text(".parvis { color: #000091; }\n" * 400)
    settings.STATIC_ROOT = tmp_path / "root"
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)
    staticfiles_storage._wrapped = empty  # read the new manifest
    yield settings.STATIC_ROOT
    staticfiles_storage._wrapped = empty


def test_collected_files_are_hashed_and_compressed(collected):
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    hashed = manifest[SAMPLE]
    assert hashed != SAMPLE and hashed.startswith("sample/site.")
    for suffix in ("", ".gz", ".br"):
        assert (collected / (hashed + suffix)).is_file()
    assert static(SAMPLE) == "/static/" + hashed


def test_whitenoise_serves_brotli_with_a_one_year_cache(collected, db):
    hashed = json.loads((collected / "staticfiles.json").read_text())["paths"][SAMPLE]
    with override_settings(WHITENOISE_USE_FINDERS=False, WHITENOISE_AUTOREFRESH=False):
        middleware = WhiteNoiseMiddleware(lambda request: None)
    request = RequestFactory().get("/static/" + hashed, HTTP_ACCEPT_ENCODING="gzip, br")
    response = middleware(request)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    cache = dict(part.strip().partition("=")[::2] for part in response["Cache-Control"].split(","))
    assert int(cache["max-age"]) >= 365 * 24 * 3600 and "immutable" in cache
    body = b"".join(response.streaming_content)
    response.close()
    assert len(body) < (collected / hashed).stat().st_size / 4


def test_pages_work_before_any_collection(client, corpus):
    """Tests and development serve the apps' files by their plain names."""
    page = client.get("/mentions-legales").content.decode()
    assert f'href="/static/{CSS}' in page


def test_pages_are_compressed(client, corpus):
    response = client.get("/code-du-travail/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content)
    assert b"Partie l\xc3\xa9gislative" in html
    assert len(response.content) < len(html) / 4


def test_no_integrity_checksum_that_collected_files_would_break(client, corpus):
    """Collecting rewrites the DSFR CSS (its url()s point at hashed names): django-dsfr's
    checksums, of the files as shipped, would make browsers refuse it."""
    page = client.get("/").content.decode()
    assert 'rel="stylesheet"' in page
    assert "integrity=" not in page
