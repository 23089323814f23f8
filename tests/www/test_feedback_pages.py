"""Feedback in the pages: the search page records what it showed and its links
record clicks; "Cette page vous a-t-elle aidé ?" on document pages; the visit
cookie; hostile input."""

import html as html_lib
import re
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest

from parvis.corpus.models import Document
from parvis.feedback.models import Click, Impression, Vote
from parvis.www.visits import COOKIE

pytestmark = pytest.mark.django_db


def card_links(html: str) -> list[str]:
    return [
        html_lib.unescape(link)
        for link in re.findall(r'<h2 class="fr-card__title">\s*<a href="(/[^"]+)"', html)
    ]


def search(client, query: str, **params) -> tuple[str, list[str]]:
    response = client.get("/recherche", {"q": query, **params})
    assert response.status_code == 200
    html = response.content.decode()
    return html, card_links(html)


def test_search_page_records_the_results_it_shows(client, search_engine):
    html, links = search(client, "licenciement économique")
    impression = Impression.objects.get()
    assert impression.query == "licenciement économique" and impression.offset == 0
    assert len(impression.results) == len(links) > 0
    for position, link in enumerate(links):
        url = urlsplit(link)
        assert url.path == f"/clic/{impression.id}/{position}/"
        target = parse_qs(url.query)["vers"][0]
        document = Document.objects.get(key=impression.results[position])
        assert target == document.get_absolute_url()
    # the visit cookie ends with the browser session and is not readable by scripts
    cookie = client.cookies[COOKIE]
    assert cookie["max-age"] == "" and cookie["expires"] == "" and cookie["httponly"]


def test_second_page_and_reformulation_are_linked_to_the_visit(client, search_engine):
    search(client, "contrat de travail")
    search(client, "contrat de travail", page=2)
    search(client, "contrat à durée déterminée")
    first, second, third = Impression.objects.order_by("created")
    assert {first.visit, second.visit, third.visit} == {first.visit}
    assert (first.offset, second.offset) == (0, 10)
    assert second.previous == first.id and third.previous == second.id
    assert first.previous is None


def test_other_visitors_have_other_visits(client, search_engine, django_user_model):
    from django.test import Client

    search(client, "congés payés")
    search(Client(), "congés payés")
    assert len(set(Impression.objects.values_list("visit", flat=True))) == 2


def test_result_link_records_the_click_and_redirects(client, search_engine):
    _, links = search(client, "période d'essai")
    response = client.get(links[2])
    impression = Impression.objects.get()
    assert response.status_code == 302
    shown = Document.objects.get(key=impression.results[2])
    assert response["Location"] == shown.get_absolute_url()
    click = Click.objects.get()
    assert (click.impression, click.position, click.visit) == (impression.id, 2, impression.visit)
    client.get(links[2])  # the same result again: one click
    assert Click.objects.count() == 1


def test_beacon_records_the_click_and_reading_time(client, search_engine):
    _, links = search(client, "démission")
    click_id = str(uuid.uuid4())
    assert client.post(urlsplit(links[0]).path, {"id": click_id}).status_code == 204
    assert client.post("/clic/lecture", {"clic": click_id, "ms": "42000"}).status_code == 204
    click = Click.objects.get()
    assert str(click.id) == click_id and click.dwell_ms == 42000


@pytest.mark.parametrize(
    ("target", "landing"),
    [
        ("https://exemple.com/piege", "/"),
        ("//exemple.com/piege", "/"),
        ("javascript:alert(1)", "/"),
        ("/code-du-travail/sommaire/", "/code-du-travail/sommaire/"),
    ],
)
def test_click_link_never_leaves_the_site(client, db, target, landing):
    response = client.get(f"/clic/{uuid.uuid4()}/0/", {"vers": target})
    assert response.status_code == 302 and response["Location"] == landing


@pytest.mark.parametrize(
    ("method", "url", "data", "status"),
    [
        ("get", "/clic/pas-un-uuid/0/", {}, 404),
        ("get", f"/clic/{uuid.uuid4()}/99999/", {}, 400),
        ("get", "/clic/lecture", {}, 405),
        ("post", "/clic/lecture", {"clic": "x", "ms": "1"}, 400),
        ("post", "/clic/lecture", {"clic": str(uuid.uuid4()), "ms": "beaucoup"}, 400),
        ("get", "/avis", {}, 405),
    ],
)
def test_malformed_feedback_is_a_4xx(client, db, method, url, data, status):
    assert getattr(client, method)(url, data).status_code == status
    assert not Click.objects.exists()


@pytest.fixture
def fiche(corpus):
    return Document.objects.filter(key__startswith="vdd:F").order_by("key").first()


def test_document_page_asks_whether_it_helped_and_records_the_answer(client, fiche):
    page = fiche.get_absolute_url()
    html = client.get(page).content.decode()
    assert "Cette page vous a-t-elle aidé ?" in html and 'action="/avis"' in html
    assert COOKIE not in client.cookies  # reading sets no visit cookie
    response = client.post(
        "/avis", {"key": fiche.key, "page": page, "helpful": "non", "reason": "perime"}
    )
    assert response.status_code == 302 and response["Location"] == f"{page}?avis=merci#avis"
    vote = Vote.objects.get()
    assert (vote.key, vote.helpful, vote.reason) == (fiche.key, False, "perime")
    thanked = client.get(f"{page}?avis=merci").content.decode()
    assert "Merci pour votre avis" in thanked and 'action="/avis"' not in thanked
    again = client.post("/avis", {"key": fiche.key, "page": page, "helpful": "oui"})
    assert again["Location"] == f"{page}?avis=deja#avis" and Vote.objects.count() == 1


def test_vote_without_an_answer_comes_back_with_the_question(client, fiche):
    page = fiche.get_absolute_url()
    response = client.post("/avis", {"key": fiche.key, "page": page})
    assert response["Location"] == f"{page}?avis=incomplet#avis"
    html = client.get(f"{page}?avis=incomplet").content.decode()
    assert "fr-fieldset--error" in html and not Vote.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"key": "<script>", "helpful": "oui"},
        {"key": "vdd:F1", "helpful": "peut-être"},
        {"key": "vdd:F1", "helpful": "non", "reason": "injure"},
        {"key": "vdd:F1", "helpful": "oui", "page": "https://exemple.com/"},
    ],
)
def test_hostile_votes_are_refused_or_kept_on_the_site(client, db, data):
    response = client.post("/avis", data)
    assert response.status_code == 302 and response["Location"].startswith("/")
    assert Vote.objects.count() == (1 if data.get("page") else 0)


def test_every_kind_of_document_page_asks_for_feedback(client, corpus):
    from parvis.corpus.enums import Kind

    for kind in Kind:
        document = Document.objects.filter(kind=kind).order_by("key").first()
        if document is None:
            continue
        response = client.get(document.get_absolute_url(), follow=True)
        html = response.content.decode()
        assert response.status_code == 200, document.key
        assert f'value="{document.key}"' in html, document.key
