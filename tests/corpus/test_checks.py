"""The whole ingested fixture corpus, checked for what a reader would notice
(parvis.corpus.checks), and the fixture extracts checked to hold each case."""

import json
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from parvis.corpus import checks
from parvis.corpus.citations import ArticleResolver, linked_article_id
from parvis.corpus.enums import Kind
from parvis.corpus.models import Document, Passage

pytestmark = pytest.mark.django_db


def raw(fixture_packages, package, name):
    return json.loads((fixture_packages / package / "data" / name).read_text())


def test_no_stored_html_shows_markup_as_text(corpus):
    assert checks.leaked_markup() == []


def test_qa_tabs_become_titled_sections(corpus, fixture_packages):
    items = raw(fixture_packages, "contributions-data", "contributions.json")
    for item in items:
        markdown = item["answers"]["generic"]["markdown"]
        titles = re.findall(r'<Tab title="([^"]*)"', markdown)
        html = Document.objects.get(key=f"contribution:{item['id']}").html
        # each tab is a section headed by its title, in order
        headings = re.findall(r"<section><h[3-6]>([^<]*)</h[3-6]>", html)
        assert headings == [t.strip().replace("'", "&#x27;") for t in titles]
    assert sum('<Tab title="' in i["answers"]["generic"]["markdown"] for i in items) >= 3


def test_qa_embedded_fiches_stay_in_place_as_links(corpus, fixture_packages):
    items = raw(fixture_packages, "contributions-data", "contributions.json")
    embedding = [i for i in items if "<Content" in i["answers"]["generic"]["markdown"]]
    assert any("/>" in i["answers"]["generic"]["markdown"] for i in embedding)  # <Content …/>
    for item in embedding:
        document = Document.objects.get(key=f"contribution:{item['id']}")
        fiches = re.findall(
            r'<Content href="[^"]*vosdroits/([FNR]\d+)"', item["answers"]["generic"]["markdown"]
        )
        assert document.data["fiches"] == [f"vdd:{f}" for f in dict.fromkeys(fiches)]
        assert document.html.count("Voir la fiche service-public.fr") == len(fiches)


def test_no_modification_date_after_today(corpus, fixture_packages):
    assert checks.future_dates() == []
    # the extracts do hold the end-of-validity sentinel, and real dates
    agreement = raw(fixture_packages, "kali-data", "KALICONT000005635085.json")
    assert "2999-01-01" in json.dumps(agreement)
    articles = Document.objects.filter(kind=Kind.ARTICLE_CONVENTION)
    assert articles.filter(modified__isnull=False).exists()
    for kind in (Kind.CODE_DU_TRAVAIL, Kind.FICHE_MINISTERE_TRAVAIL):
        assert not Document.objects.filter(kind=kind, modified__isnull=True).exists()


def test_agreement_article_date_is_its_last_change_by_another_text(corpus):
    # created by an amendment's article 6, in force from 2022-10-20; extended
    # by an order whose date is the 2999-01-01 sentinel
    article = Document.objects.get(key="kali:KALIARTI000046477340")
    assert article.modified == date(2022, 10, 20)


def test_every_code_article_has_a_slug_our_urls_accept(corpus):
    from django.urls import resolve

    for document in Document.objects.of_kind(Kind.CODE_DU_TRAVAIL, Kind.CODE_SECURITE_SOCIALE):
        assert resolve(document.get_absolute_url()).url_name.startswith("code_"), document.number
    slugs = dict(Document.objects.filter(kind=Kind.CODE_DU_TRAVAIL).values_list("number", "slug"))
    assert slugs["R*3231-1"] == "r3231-1"  # the star is not part of how citations write it
    assert slugs["Annexe à l'article R1422-4"] == "annexe-a-l-article-r1422-4"
    annexes = Document.objects.filter(kind=Kind.CODE_DU_TRAVAIL, number="Annexe")
    assert sorted(annexes.values_list("slug", flat=True)) == ["annexe", "annexe-2"]


def test_stored_html_names_documents_by_key_never_by_page_url(corpus):
    assert checks.page_urls() == []
    total, dangling = checks.dangling_key_links()
    assert dangling == []
    assert total > 0
    for kind in (
        Kind.CODE_DU_TRAVAIL,
        Kind.ARTICLE_CONVENTION,
        Kind.FICHE_MINISTERE_TRAVAIL,
        Kind.CONTRIBUTION,
    ):
        assert any(
            'href="/document/' in text
            for document in Document.objects.filter(kind=kind)
            for _, text in checks.stored_strings(document.html, document.data)
        ), kind


def test_ministry_fiches_link_articles_we_hold_to_our_pages(corpus, fixture_packages):
    resolver = ArticleResolver.from_database()
    for document in Document.objects.filter(kind=Kind.FICHE_MINISTERE_TRAVAIL):
        html = document.data["intro_html"] + "".join(s["html"] for s in document.data["sections"])
        for href in re.findall(r'href="([^"]*)"', html):
            if linked_article_id(href):
                assert resolver.key_for_link(href) is None, (document.key, href)
        for ref in document.data["references"]:
            legi_id = ref["url"].rsplit("/", 1)[-1]
            if key := resolver.by_legi_id.get(legi_id):
                assert ref["keys"] == [key]
    # the cited articles of the extracts are partly held
    fiches = raw(fixture_packages, "fiches-travail-data", "fiches-travail.json")
    cited = {
        article.get("cid")
        for fiche in fiches
        for section in fiche["sections"]
        for group in (section["references"] or {}).values()
        for article in group.get("articles") or []
    }
    assert cited & set(resolver.by_legi_id)


TRANSCRIPT = re.compile(
    r"<button[^>]*>[^<]*transcription[^<]*</button>\s*</h\d>\s*<div[^>]*>(.*?)</div>\s*</section>",
    re.S | re.I,
)


def test_video_transcripts_are_collapsed_and_out_of_the_section_text(corpus, fixture_packages):
    from parvis.corpus.text import html_to_text

    fiches = raw(fixture_packages, "fiches-travail-data", "fiches-travail.json")
    found = 0
    for fiche in fiches:
        document = Document.objects.get(key=f"travail:{fiche['pubId']}")
        passages = list(document.passages.order_by("position"))
        stored = "".join(s["html"] for s in document.data["sections"])
        for section in fiche["sections"]:
            for body in TRANSCRIPT.findall(section["html"]):
                found += 1
                start = html_to_text(body)[:60]
                # shown only inside a collapsed <details>, at the place of the video
                outside = re.sub(r"<details.*?</details>", "", stored, flags=re.S)
                assert start not in html_to_text(outside)
                collapsed = re.findall(r"<details.*?</details>", stored, flags=re.S)
                assert start in html_to_text("".join(collapsed))
                # in a passage of its own, after the fiche's own passages
                holding = [p for p in passages if start in p.text]
                assert holding and all("-transcription-" in p.anchor for p in holding)
        own = [p.position for p in passages if "-transcription-" not in p.anchor]
        transcripts = [p.position for p in passages if "-transcription-" in p.anchor]
        assert not transcripts or max(own) < min(transcripts)
        assert 'class="youtube_player' not in stored and "data-src" not in stored
    assert found >= 2
    videos = Document.objects.filter(
        kind=Kind.FICHE_MINISTERE_TRAVAIL, data__icontains="https://www.youtube.com/watch?v="
    )
    assert videos.count() >= 3  # embedded players and the ministry's oEmbed ones


def test_transcript_passages_do_not_open_a_section_passage(corpus):
    for passage in Passage.objects.filter(document__kind=Kind.FICHE_MINISTERE_TRAVAIL):
        if "-transcription-" not in passage.anchor:
            assert not passage.text.startswith("Un acteur de téléréalité"), passage


def test_check_corpus_command_passes_on_the_fixture_corpus(corpus, capsys):
    call_command("check_corpus")
    assert "Balises affichées comme du texte : 0" in capsys.readouterr().out


def test_check_corpus_command_fails_on_a_sentinel_date(corpus):
    Document.objects.filter(kind=Kind.ARTICLE_CONVENTION).update(modified=date(2999, 1, 1))
    with pytest.raises(CommandError):
        call_command("check_corpus")
