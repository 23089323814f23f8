"""Only the DSFR CSS pages use (parvis/www/dsfr_subset.py): every DSFR class a page
uses is in the core stylesheet or in our subset of the utility stylesheet, and the
subset file is what the command writes."""

import re

import pytest

from parvis.corpus.models import Document
from parvis.www.dsfr_subset import (
    SUBSET_CSS,
    UTILITY_CLASSES,
    UTILITY_CSS,
    classes_in_core,
    subset,
)

CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


def test_subset_file_is_up_to_date():
    written = SUBSET_CSS.read_text().split("\n", 1)[1].strip()
    assert written == subset(UTILITY_CSS.read_text(), UTILITY_CLASSES)
    for name in UTILITY_CLASSES:
        assert f".{name}:" in written


def test_utility_stylesheet_is_not_loaded(client, corpus):
    page = client.get("/").content.decode()
    assert "utility.min" not in page
    assert "/static/www/dsfr-utility.css" in page


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/themes/",
        "/themes/embauche",
        "/code-du-travail/",
        "/code-du-travail/l1234-1",
        "/convention-collective/",
        "/convention-collective/?q=zzz",
        "/questions-reponses/",
        "/glossaire",
        "/plan-du-site",
        "/contact",
        "/page-inconnue",
        "key:vdd:F34857",
        "key:vdd:F31421",
        "key:vdd:R13630",
        "key:vdd:N31343",
        "key:travail:article100977",
        "key:contribution:4a6f1103-e955-45ff-a327-1bfa08f86fff",
        "key:kali:KALICONT000005635085",
        "key:kali:KALIARTI000039111057",
    ],
)
def test_every_dsfr_class_a_page_uses_is_styled(client, corpus, url):
    if url.startswith("key:"):
        url = Document.objects.get(key=url[4:]).get_absolute_url()
    page = client.get(url).content.decode()
    used = {
        name
        for attribute in CLASS_ATTRIBUTE.findall(page)
        for name in attribute.split()
        if name.startswith(("fr-icon-", "fr-fi-", "fr-background", "fr-artwork", "fr-border"))
    }
    known = classes_in_core() | UTILITY_CLASSES
    assert used <= known, used - known


def test_every_icon_our_templates_and_code_name_is_styled():
    """Pages behind a login (démarches, back office) are not in the list above: their
    icons are found in the source instead, wherever a template or view names one."""
    from pathlib import Path

    import parvis

    root = Path(parvis.__file__).parent
    sources = [
        *root.rglob("*.html"),
        *(root / "www").rglob("*.py"),
        *(root / "cases").rglob("*.py"),
    ]
    named = {
        name
        for path in sources
        for name in re.findall(r"fr-icon-[a-z0-9-]+[a-z0-9]", path.read_text(encoding="utf-8"))
    }
    assert "fr-icon-account-circle-line" in named  # the header's account button
    known = classes_in_core() | UTILITY_CLASSES
    assert named <= known, named - known
