"""Every page of the fixture corpus, as a reader gets it: Q&A answers without
markup shown as text, no modification date after today, every code article
reachable (directly and through the article-number routing of search), links
between documents that land on our pages."""

import re
from datetime import date

import pytest
from django.urls import reverse

from parvis.corpus.checks import LEAKED_MARKUP
from parvis.corpus.currency import DATE_WORDING
from parvis.corpus.enums import CODE_KINDS, Kind
from parvis.corpus.models import Document
from parvis.search.routing import article_number

pytestmark = pytest.mark.django_db

MONTH_NAMES = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES.split(), start=1)}
# every wording a page gives its date in ("Vérifié le 3 mars 2020", "texte du …")
WORDINGS = {wording.format("").strip() for wording in DATE_WORDING.values()} | {"texte du"}
SHOWN_DATE = re.compile(
    rf"(?:{'|'.join(map(re.escape, WORDINGS))}) (\d{{1,2}})(?:er)? (\w+) (\d{{4}})", re.IGNORECASE
)
# our page links in a page's content: to documents, by page URL or by key
DOCUMENT_LINK = re.compile(
    r'href="(/(?:code-du-travail|code-de-la-securite-sociale|convention-collective|'
    r'fiche-service-public|fiche-ministere-travail|contribution|document)/[^"#?]*)'
)


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def qa_pages():
    for document in Document.objects.filter(kind=Kind.CONTRIBUTION):
        url = document.get_absolute_url()
        yield document, url
        for answer in document.data["answers"]:
            yield document, f"{url}?idcc={answer['idcc']}"


def test_no_qa_page_shows_markup_as_text(client, corpus):
    pages = list(qa_pages())
    assert len(pages) > 20
    for _document, url in pages:
        html = get(client, url)
        assert not LEAKED_MARKUP.search(html), (url, LEAKED_MARKUP.search(html).group(0))
    html = get(
        client,
        Document.objects.get(title__startswith="Quelle est la durée maximale").get_absolute_url(),
    )
    assert "<h5>CDI</h5>" in html and "<h5>CDD</h5>" in html  # under "#### 2. Durées…"


def document_pages():
    kinds = (
        *CODE_KINDS,
        Kind.ARTICLE_CONVENTION,
        Kind.CONVENTION_COLLECTIVE,
        Kind.FICHE_MINISTERE_TRAVAIL,
        Kind.FICHE_SERVICE_PUBLIC,
        Kind.CONTRIBUTION,
    )
    for document in Document.objects.filter(kind__in=kinds).order_by("id"):
        yield document, document.get_absolute_url()
        if document.kind == Kind.CONVENTION_COLLECTIVE:  # each text's own page too
            for text in document.data.get("texts") or []:
                yield document, reverse("www:agreement_text", args=[document.idcc, text["cid"]])


def test_no_page_shows_a_modification_date_after_today(client, corpus):
    shown = 0
    for _document, url in document_pages():
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        for day, month, year in SHOWN_DATE.findall(response.content.decode()):
            shown += 1
            assert date(int(year), MONTHS[month], int(day)) <= date.today(), url
    assert shown > 50


def test_every_code_article_page_answers(client, corpus):
    articles = Document.objects.filter(kind__in=CODE_KINDS)
    assert articles.filter(number__contains="*").exists()
    assert articles.filter(number__startswith="Annexe").count() >= 4
    for article in articles:
        html = get(client, article.get_absolute_url())
        assert f"<h1>{article.title}</h1>".replace("'", "&#x27;") in html


def test_article_number_search_lands_on_the_article(client, corpus, search_engine):
    routed = 0
    for article in Document.objects.filter(kind__in=CODE_KINDS):
        query = article.number.replace("*", "")  # how citations and readers write it
        if article_number(query) is None:
            continue
        routed += 1
        response = search_engine.search(query)
        assert response.direct is not None, query
        assert response.direct.key == article.key, query
        get(client, response.direct.url)
        redirect = client.get("/recherche", {"q": query})
        assert redirect.status_code == 302 and redirect["Location"] == response.direct.url
    assert routed > 30


def test_links_between_documents_land_on_our_pages(client, corpus):
    held = set(Document.objects.values_list("key", flat=True))
    checked = {}
    for document, url in document_pages():
        html = client.get(url, follow=True).content.decode()
        for link in DOCUMENT_LINK.findall(html):
            # stored key links are rendered as page URLs when we hold the key (the
            # service-public fiche templates render their own links: a key link
            # there is followed through /document/<key>)
            if link.startswith("/document/") and document.kind != Kind.FICHE_SERVICE_PUBLIC:
                assert link.removeprefix("/document/") not in held, (url, link)
            if link not in checked:
                checked[link] = client.get(link, follow=True).status_code
            assert checked[link] == 200, (url, link)
    assert len(checked) > 50


def test_ministry_fiche_references_link_our_article_and_the_official_one(client, corpus):
    fiche = max(
        Document.objects.filter(kind=Kind.FICHE_MINISTERE_TRAVAIL),
        key=lambda d: sum(bool(r["keys"]) for r in d.data["references"]),
    )
    reference = next(r for r in fiche.data["references"] if len(r["keys"]) == 1)
    article = Document.objects.get(key=reference["keys"][0])
    html = get(client, fiche.get_absolute_url())
    section = html[html.index("Références juridiques") :]
    assert f'href="{article.get_absolute_url()}"' in section
    assert f'href="{reference["url"]}"' in section  # the official source, second


def test_video_transcript_is_collapsed_at_the_place_of_the_video(client, corpus):
    fiche = Document.objects.get(key="travail:article100976")
    html = get(client, fiche.get_absolute_url())
    video = html.index("Voir la vidéo « La subordination")
    transcript = html.index("<details", video)
    assert html.index("<summary>Transcription de la vidéo", transcript) > transcript
    assert "Un acteur de téléréalité" in html[transcript:]
    assert "Un acteur de téléréalité" not in html[:transcript]


def test_document_links_filter_resolves_keys_in_one_query(corpus, django_assert_num_queries):
    from parvis.www.templatetags.document_links import document_links

    html = (
        '<a href="/document/legi:LEGIARTI000006901112">a</a>'
        '<a href="/document/legi:LEGIARTI000006901113#al2">b</a>'
        '<a href="/document/legi:LEGIARTI000000000000">c</a>'
    )
    with django_assert_num_queries(1):
        rendered = document_links(html)
    assert 'href="/code-du-travail/l1234-1"' in rendered
    assert 'href="/code-du-travail/l1234-2#al2"' in rendered
    assert 'href="/document/legi:LEGIARTI000000000000"' in rendered  # not held: kept
    with django_assert_num_queries(0):
        assert document_links("<p>sans lien</p>") == "<p>sans lien</p>"
