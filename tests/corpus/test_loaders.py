"""Loaders on small real extracts of the packages (no database)."""

import re

import pytest

from parvis.corpus.citations import ArticleResolver
from parvis.corpus.loaders.base import LoadContext
from parvis.corpus.loaders.contributions import ContributionsLoader
from parvis.corpus.loaders.kali import KaliLoader
from parvis.corpus.loaders.legi import LegiLoader
from parvis.corpus.loaders.travail import TravailLoader


def load(loader, context):
    steps = []
    records = list(loader.records(context, steps.append))
    return records, sum(steps)


@pytest.fixture(scope="module")
def legi_context(fixture_packages):
    context = LoadContext(packages_dir=fixture_packages)
    records, _ = load(LegiLoader(), context)
    for record in records:
        context.articles.add(record.kind, record.number, record.key, record.data["legi_ids"])
    return context, records


def test_legi_keeps_articles_in_force_with_section_path(legi_context):
    _, records = legi_context
    by_number = {(r.kind, r.number): r for r in records}
    article = by_number[("code_du_travail", "L1234-1")]
    assert article.key == "legi:LEGIARTI000006901112"
    assert article.slug == "l1234-1"
    assert article.breadcrumb[0] == "Partie législative"
    assert "Chapitre IV : Conséquences du licenciement" in article.breadcrumb
    assert article.text.startswith("Lorsque le licenciement n'est pas motivé par une faute grave")
    assert article.official_url.startswith(
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI"
    )
    assert ("code_securite_sociale", "L161-1") in by_number
    assert all(r.data["legi_ids"] for r in records)
    # numbers are unique per code and positions follow the code order
    positions = [r.position for r in records if r.kind == "code_du_travail"]
    assert positions == sorted(positions)


def test_legi_stores_links_to_articles_we_hold_by_key(legi_context):
    _, records = legi_context
    keys = {r.key for r in records}
    linking = [r for r in records if 'href="/document/legi:' in r.html]
    assert linking, "some extracted articles cite others of the extract"
    assert all(
        key in keys for r in linking for key in re.findall(r'href="/document/([^"#]+)', r.html)
    )
    assert all("/code-du-travail/" not in r.html for r in records)
    assert all("affichCodeArticle.do" not in r.html for r in records)
    assert all("<script" not in r.html for r in records)


def test_range_citation_expands_in_code_order(legi_context):
    context, _ = legi_context
    result = context.articles.resolve("Code du travail : articles L1251-29 à L1251-34")
    assert result["code"] == "code_du_travail"
    assert result["numbers"] == [f"L1251-{n}" for n in range(29, 35)]
    assert len(result["keys"]) == 6 and not result["unresolved"]


@pytest.mark.parametrize(
    ("title", "numbers"),
    [
        ("Code du travail : article L1234-1", ["L1234-1"]),
        ("Code du travail : articles L. 1234-1 et L. 1234-5", ["L1234-1", "L1234-5"]),
        ("Code de la sécurité sociale : article L161-1-4", ["L161-1-4"]),
    ],
)
def test_citation_forms(legi_context, title, numbers):
    context, _ = legi_context
    assert context.articles.resolve(title)["numbers"] == numbers


def test_citation_without_a_code_resolves_nothing():
    assert ArticleResolver().resolve("Décret n° 2008-244 du 7 mars 2008")["keys"] == []


def test_kali_loads_agreements_and_articles_in_force(fixture_packages):
    records, steps = load(KaliLoader(), LoadContext(packages_dir=fixture_packages))
    assert steps == 5
    agreements = {r.idcc: r for r in records if r.kind == "convention_collective"}
    assert set(agreements) == {"0016", "0029", "1516", "2190", "2216"}
    food = agreements["2216"]
    assert food.key == "kali:KALICONT000005635085"
    assert food.slug.startswith("2216-commerce-de-detail-et-de-gros")
    assert food.data["short_title"] == "Commerce de détail et de gros à prédominance alimentaire"
    articles = [r for r in records if r.parent_key == food.key]
    assert articles and all(r.kind == "article_convention" and r.idcc == "2216" for r in articles)
    assert {a.key for a in articles} == {k for t in food.data["texts"] for k in t["articles"]}
    assert all(a.breadcrumb[0] == food.data["short_title"] for a in articles)
    assert agreements["2190"].data["texts"] == []  # listed even without articles


def test_travail_fiches_keep_sections_and_resolve_references(legi_context, fixture_packages):
    context, _ = legi_context
    records, _ = load(TravailLoader(), context)
    assert len(records) == 5
    fiche = max(records, key=lambda r: len(r.data["sections"]))
    assert fiche.key.startswith("travail:article")
    assert len(fiche.data["sections"]) > 2
    # one passage per section in order (a section holding only a video has none),
    # then the video transcripts, each named after its section
    anchors = [s["anchor"] for s in fiche.data["sections"]]
    own = [p.anchor for p in fiche.passages[1:] if "-transcription-" not in p.anchor]
    transcripts = [p.anchor for p in fiche.passages if "-transcription-" in p.anchor]
    assert own == [a for a in anchors if a in own] and len(own) >= len(anchors) - 1
    assert fiche.passages[-len(transcripts) :] == [
        p for p in fiche.passages if p.anchor in transcripts
    ]
    assert {t.split("-transcription-")[0] for t in transcripts} <= set(anchors)
    assert fiche.official_url.startswith("https://travail-emploi.gouv.fr/")
    assert fiche.modified is not None


def test_contributions_keep_generic_and_agreement_answers(legi_context):
    context, _ = legi_context
    records, _ = load(ContributionsLoader(), context)
    assert len(records) == 6
    first = records[0]
    assert first.key == "contribution:4a6f1103-e955-45ff-a327-1bfa08f86fff"
    idccs = [a["idcc"] for a in first.data["answers"]]
    assert "0029" in idccs and all(len(i) == 4 for i in idccs)
    assert first.passages[0].anchor == "reponse"
    assert first.passages[0].idcc == ""  # the generic answer: found by general search
    assert {p.idcc for p in first.passages[1:]} <= set(idccs)
    assert all(p.idcc for p in first.passages[1:])
    assert "<Content" not in first.html and "<HDN>" not in first.html


def test_tooltips_are_plain_text():
    from parvis.corpus.text import sanitize_html

    html = sanitize_html(
        '<a href="https://example.org" title="4&lt;sup&gt;e&lt;/sup&gt; Plan">4e</a>'
    )
    assert 'title="4e Plan"' in html
