"""Browsing without searching: home, themes, the codes' tables of contents, the
agreements list, the mandatory pages, sitemap.xml and robots.txt; and a crawler
that walks the site from the home page."""

import re
import xml.etree.ElementTree as ET
from collections import deque
from datetime import date
from urllib.parse import urljoin, urlsplit

import pytest

from parvis.corpus.enums import Kind
from parvis.corpus.models import Document
from parvis.corpus.plan import code_plan
from parvis.corpus.themes import THEMES

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MAX_HTML_BYTES = 200_000
HREF = re.compile(r'href="([^"#]*)(?:#[^"]*)?"')


def internal_links(html: str, base: str) -> list[str]:
    links = []
    for href in HREF.findall(html):
        if not href or href.startswith(("mailto:", "tel:")):
            continue
        url = urljoin(base, href.replace("&amp;", "&"))
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc != "testserver":
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        links.append(path)
    return links


@pytest.mark.parametrize(
    "url, heading",
    [
        ("/mentions-legales", "Mentions légales"),
        ("/accessibilite", "Déclaration d’accessibilité"),
        ("/donnees-personnelles", "Données personnelles"),
        ("/contact", "Contact"),
        ("/plan-du-site", "Plan du site"),
        ("/glossaire", "Glossaire"),
        ("/themes/", "Thèmes"),
        ("/questions-reponses/", "Questions-réponses"),
        ("/code-du-travail/", "Code du travail"),
        ("/code-de-la-securite-sociale/", "Code de la sécurité sociale"),
    ],
)
def test_site_pages(client, corpus, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_footer_links_the_mandatory_pages(client, corpus):
    page = client.get("/").content.decode()
    footer = page[page.index('id="footer"') :]
    for url in ("/plan-du-site", "/accessibilite", "/mentions-legales", "/donnees-personnelles"):
        assert f'href="{url}"' in footer


def test_home_shows_themes_questions_and_entry_points(
    client, corpus, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        page = client.get("/").content.decode()
    for theme in THEMES:
        assert f'href="/themes/{theme.slug}"' in page
    first_question = Document.objects.of_kind(Kind.CONTRIBUTION).order_by("position").first()
    assert first_question.get_absolute_url() in page
    for url in ("/code-du-travail/", "/code-de-la-securite-sociale/", "/convention-collective/"):
        assert f'href="{url}"' in page
    assert "Droit du travail" in page and "Démarches du quotidien" in page


def test_theme_page_lists_its_documents(client, corpus):
    page = client.get("/themes/embauche").content.decode()
    for key in (
        "vdd:F34857",
        "travail:article100977",
        "contribution:1e1220a7-a8c9-4b3a-87b1-5bbad7ef33b4",
    ):
        assert Document.objects.get(key=key).get_absolute_url() in page
    # the Code du travail's chapter on forming the contract, from its plan
    assert (
        "/code-du-travail/sommaire/partie-legislative/premiere-partie/livre-ii/titre-ii/chapitre-ier"
        in page
    )
    assert client.get("/themes/inconnu").status_code == 404


def test_code_plan_pages(client, corpus):
    root = client.get("/code-du-travail/").content.decode()
    assert "Partie législative" in root
    chapter = code_plan(Kind.CODE_DU_TRAVAIL).section_of(
        Document.objects.get(kind=Kind.CODE_DU_TRAVAIL, slug="l1234-1").breadcrumb
    )
    page = client.get(f"/code-du-travail/sommaire/{chapter.path}").content.decode()
    assert 'href="/code-du-travail/l1234-1"' in page
    # the breadcrumb leads back up the plan
    parent = chapter.parent
    assert f'href="/code-du-travail/sommaire/{parent.path}"' in page
    assert client.get("/code-du-travail/sommaire/livre-inconnu").status_code == 404


def test_article_breadcrumb_follows_the_plan(client, corpus):
    page = client.get("/code-du-travail/l1234-1").content.decode()
    crumbs = page[page.index("fr-breadcrumb") : page.index("</nav>", page.index("fr-breadcrumb"))]
    assert 'href="/code-du-travail/"' in crumbs
    assert "/code-du-travail/sommaire/partie-legislative" in crumbs
    assert "Article L1234-1" in crumbs


def test_fiche_breadcrumb_names_its_theme(client, corpus):
    page = client.get(Document.objects.get(key="vdd:F2301").get_absolute_url()).content.decode()
    crumbs = page[page.index("fr-breadcrumb") :]
    assert 'href="/themes/salaire"' in crumbs[: crumbs.index("</nav>")]


@pytest.mark.parametrize(
    "query, expected, absent",
    [
        ("", ["0029", "2190", "2216"], []),
        ("2216", ["2216"], ["0029", "2190"]),
        ("29", ["0029"], ["2190"]),  # an IDCC without its leading zeros
        ("219", ["2190"], ["2216", "0029"]),
        ("missions", ["2190"], ["0029", "2216"]),
        ("HOSPITALISATION privee", ["0029"], ["2190"]),  # case and accents ignored
        ("detail alimentaire", ["2216"], ["0029"]),
    ],
)
def test_agreement_list_filters_by_name_and_idcc(client, corpus, query, expected, absent):
    page = client.get("/convention-collective/", {"q": query}).content.decode()
    for idcc in expected:
        assert f"IDCC {idcc}" in page
    for idcc in absent:
        assert f"IDCC {idcc}" not in page


def test_agreement_list_says_when_nothing_matches(client, corpus):
    page = client.get("/convention-collective/", {"q": "zzzz"}).content.decode()
    assert "Aucune convention trouvée" in page
    assert client.get("/convention-collective/", {"q": "x" * 101}).status_code == 400


def test_robots_txt_points_to_the_sitemap(client, corpus):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_sitemap_lists_every_document_with_a_date(client, corpus):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert sections
    urls = {}
    for section in sections:
        tree = ET.fromstring(
            client.get(urlsplit(section).path + "?" + urlsplit(section).query).content
        )
        for entry in tree.iter(f"{SITEMAP}url"):
            loc = urlsplit(entry.find(f"{SITEMAP}loc").text).path
            lastmod = entry.find(f"{SITEMAP}lastmod")
            urls[loc] = lastmod.text if lastmod is not None else None
    for document in Document.objects.all():
        url = document.get_absolute_url()
        assert url in urls, url
        assert date.fromisoformat(urls[url][:10]) <= date.today()
    for theme in THEMES:
        assert f"/themes/{theme.slug}" in urls


def test_crawl_from_home_reaches_every_theme_and_plan_level(client, corpus):
    """Following links only (never the search), from `/`: every theme, every section of
    both codes' plans and documents of every kind within 4 clicks, no broken internal
    link, and no page over 200 KB of HTML."""
    depth = {"/": 0}
    queue = deque(["/"])
    broken, heavy = [], []
    while queue:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code in (301, 302):
            target = response["Location"]
            if target not in depth:
                depth[target] = depth[url]
                queue.appendleft(target)
            continue
        if response.status_code != 200:
            broken.append((url, response.status_code))
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        if len(response.content) > MAX_HTML_BYTES:
            heavy.append((url, len(response.content)))
        if depth[url] >= 4 or url.startswith(("/recherche", "/api/", "/static/", "/admin/")):
            continue
        for link in internal_links(response.content.decode(), url):
            # never the search (glossary and fiche links to it are not browsing)
            if link.startswith(("/static/", "/admin/", "/recherche")) or link in depth:
                continue
            depth[link] = depth[url] + 1
            queue.append(link)
    assert not broken, broken
    assert not heavy, heavy
    for theme in THEMES:
        assert depth.get(f"/themes/{theme.slug}", 9) <= 2, theme.slug
    for kind, prefix in (
        (Kind.CODE_DU_TRAVAIL, "/code-du-travail/sommaire/"),
        (Kind.CODE_SECURITE_SOCIALE, "/code-de-la-securite-sociale/sommaire/"),
    ):
        for section in code_plan(kind).sections():
            assert depth.get(prefix + section.path, 9) <= 4, section.path
    reached = {
        kind
        for kind, slug, idcc in Document.objects.values_list("kind", "slug", "idcc")
        if Document(kind=kind, slug=slug, idcc=idcc).get_absolute_url() in depth
    }
    assert reached == set(Kind.values)


def test_glossary_terms_explained_in_place(client, corpus):
    page = client.get("/convention-collective/").content.decode()
    tooltip = re.search(
        r'<span class="fr-tooltip[^"]*"\s+id="glossaire-idcc"\s+role="tooltip"[^>]*>([^<]*)<', page
    )
    assert tooltip and "numéro à 4 chiffres" in tooltip.group(1)
    assert 'aria-describedby="glossaire-idcc"' in page
    glossary = client.get("/glossaire").content.decode()
    assert '<dt id="idcc">IDCC</dt>' in glossary
    # articles we do not hold are not linked (the fixture corpus holds L1234-1 only)
    for slug in re.findall(r'href="/code-du-travail/([^"]+)"', glossary):
        assert Document.objects.filter(kind=Kind.CODE_DU_TRAVAIL, slug=slug).exists(), slug
