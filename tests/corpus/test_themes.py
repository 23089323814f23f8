"""Themes from the sources' own classifications (parvis/corpus/themes.py), and the
codes' plans (parvis/corpus/plan.py), on the ingested fixture extracts."""

import pytest

from parvis.corpus.enums import Kind
from parvis.corpus.models import Document
from parvis.corpus.plan import CodePlan, code_plan, section_slug
from parvis.corpus.themes import (
    THEMES,
    THEMES_BY_SLUG,
    article_themes,
    citing_themes,
    plan_digits,
    service_public_themes,
)


def slugs(themes):
    return [theme.slug for theme in themes]


@pytest.mark.parametrize(
    "number, digits",
    [("L1237-19", "1237"), ("R*3231-4", "3231"), ("D4121-1", "4121"), ("Annexe I", "")],
)
def test_plan_digits(number, digits):
    assert plan_digits(number) == digits


def test_articles_are_themed_by_the_code_plan():
    assert slugs(article_themes(Kind.CODE_DU_TRAVAIL, "L1237-19")) == ["rupture-du-contrat"]
    assert slugs(article_themes(Kind.CODE_DU_TRAVAIL, "R1221-1")) == ["embauche"]
    assert "sante-securite" in slugs(article_themes(Kind.CODE_DU_TRAVAIL, "L4121-1"))
    assert slugs(article_themes(Kind.CODE_SECURITE_SOCIALE, "L321-1")) == ["maladie"]
    # numbered in another plan: the former Code du travail, an annex
    assert article_themes(Kind.CODE_DU_TRAVAIL, "L122-14") == []
    assert article_themes(Kind.CODE_DU_TRAVAIL, "Annexe à l'article R4412-1") == []
    # the same digits mean another place in the other code
    assert slugs(article_themes(Kind.CODE_SECURITE_SOCIALE, "L123-1")) == []


def test_service_public_fiches_are_themed_by_their_breadcrumb():
    assert slugs(service_public_themes(["Particuliers", "N19806", "N474", "F2301"])) == ["salaire"]
    assert slugs(service_public_themes(["Particuliers", "N19808", "N349"])) == ["logement"]
    assert service_public_themes(["Particuliers", "servicesEnLigne"]) == []


def test_citing_documents_take_the_themes_most_cited():
    cited = [
        (Kind.CODE_DU_TRAVAIL, "L1221-19"),
        (Kind.CODE_DU_TRAVAIL, "L1221-20"),
        (Kind.CODE_DU_TRAVAIL, "L1237-1"),
    ]
    assert slugs(citing_themes(cited)) == ["embauche"]
    tied = [(Kind.CODE_DU_TRAVAIL, "L1221-19"), (Kind.CODE_DU_TRAVAIL, "L1237-1")]
    assert slugs(citing_themes(tied)) == ["embauche", "rupture-du-contrat"]
    assert citing_themes([]) == []


def test_every_theme_says_where_it_comes_from():
    assert len(THEMES_BY_SLUG) == len(THEMES)
    for theme in THEMES:
        assert theme.labour_code or theme.social_security_code or theme.service_public, theme
        assert theme.title and theme.description


def test_ingestion_stores_the_themes(corpus):
    salary = set(Document.objects.in_theme("salaire").values_list("key", flat=True))
    assert {"vdd:F2301", "vdd:F803"} <= salary
    assert "vdd:F31421" in Document.objects.in_theme("papiers").values_list("key", flat=True)
    rupture = Document.objects.in_theme("rupture-du-contrat")
    assert rupture.filter(kind=Kind.CODE_DU_TRAVAIL, number="L1234-1").exists()
    # a ministry fiche, themed by the articles it cites (L1221-19 and following)
    trial = Document.objects.get(key="travail:article100977")
    assert (
        "embauche"
        in trial.relations.filter(type="in_theme").values_list("target_key", flat=True).first()
    )
    # an online service (R item) has no place in service-public's themes
    assert not Document.objects.get(key="vdd:R13630").relations.filter(type="in_theme").exists()


def test_section_slugs():
    assert section_slug("Livre II : Le contrat de travail") == "livre-ii"
    assert section_slug("Partie législative") == "partie-legislative"
    assert section_slug("Chapitre préliminaire : Dialogue social.") == "chapitre-preliminaire"


def test_plan_merges_paths_in_code_order():
    rows = [
        (["Partie A", "Livre I : Un"], "L1", "l1", "Article L1"),
        (["Partie A", "Livre I : Un"], "L2", "l2", "Article L2"),
        (["Partie A", "Livre I : Deux"], "L3", "l3", "Article L3"),  # same label: -2
        (["Partie B"], "R1", "r1", "Article R1"),
    ]
    plan = CodePlan.build(Kind.CODE_DU_TRAVAIL, rows)
    assert [s.path for s in plan.sections()] == [
        "partie-a",
        "partie-a/livre-i",
        "partie-a/livre-i-2",
        "partie-b",
    ]
    assert plan.root.article_count == 4
    assert plan.by_path["partie-a"].article_count == 3
    assert [a.number for a in plan.by_path["partie-a/livre-i"].articles] == ["L1", "L2"]
    assert plan.section_of(["Partie A", "Livre I : Deux"]).path == "partie-a/livre-i-2"
    covering = plan.covering(lambda number: number in {"L1", "L3"})
    assert [s.path for s in covering] == ["partie-a"]


@pytest.mark.parametrize("kind", [Kind.CODE_DU_TRAVAIL, Kind.CODE_SECURITE_SOCIALE])
def test_every_article_has_one_place_in_its_code_plan(corpus, kind):
    plan = code_plan(kind)
    placed = [a.slug for section in plan.root.walk() for a in section.articles]
    stored = list(Document.objects.articles_of_code(kind).values_list("slug", flat=True))
    assert placed == stored  # once each, in code order
    assert plan.root.article_count == len(stored)
    for section in plan.sections():
        assert plan.by_path[section.path] is section
        assert section.article_count == len(section.articles) + sum(
            child.article_count for child in section.children
        )
