"""The whole real corpus (the pinned packages in node_modules) ingests into the
test database, SQLite or PostgreSQL: every value of every document fits its
column, and a second run rewrites nothing. Rolled back at the end."""

import pytest
from django.conf import settings

from parvis.corpus.models import Document
from parvis.corpus.pipeline import ingest_all

pytestmark = pytest.mark.django_db


def test_every_real_document_ingests_and_a_rerun_changes_nothing():
    first = ingest_all(settings.DATA_PACKAGES_DIR, progress=False)
    assert [r.error for r in first if not r.ok] == []
    documents = Document.objects.count()
    assert documents > 80_000
    second = ingest_all(settings.DATA_PACKAGES_DIR, progress=False)
    assert [r.error for r in second if not r.ok] == []
    rewritten = {r.source: r.created + r.updated + r.deleted for r in second}
    assert rewritten == dict.fromkeys(rewritten, 0)
    assert sum(r.unchanged for r in second) == documents
    assert_themes_hold(documents)


def assert_themes_hold(documents: int) -> None:
    """The theme mapping (parvis/corpus/themes.py) over the whole corpus: every Code
    article is in exactly the themes its plan number names, every service-public id a
    theme declares is a theme or dossier we hold and is in that theme, every theme has
    documents, and each code's plan places every article once."""
    from collections import defaultdict

    from parvis.corpus.enums import CODE_KINDS, Kind, RelationType
    from parvis.corpus.models import Relation
    from parvis.corpus.plan import code_plan
    from parvis.corpus.themes import THEME_KEY_PREFIX, THEMES, article_themes, plan_digits

    stored = defaultdict(set)
    for key, target in Relation.objects.filter(type=RelationType.IN_THEME).values_list(
        "document__key", "target_key"
    ):
        stored[key].add(target.removeprefix(THEME_KEY_PREFIX))
    for kind in CODE_KINDS:
        numbers = Document.objects.filter(kind=kind).values_list("key", "number")
        for key, number in numbers:
            assert stored.get(key, set()) == {t.slug for t in article_themes(kind, number)}, key
        digits = {plan_digits(number) for _, number in numbers}
        for theme in THEMES:
            for prefix in theme.plan_prefixes(kind):
                assert any(d.startswith(prefix) for d in digits), (theme.slug, prefix)
    for theme in THEMES:
        assert sum(theme.slug in slugs for slugs in stored.values()) > 0, theme.slug
        for dossier in theme.service_public:
            assert theme.slug in stored.get(f"vdd:{dossier}", set()), (theme.slug, dossier)
    for kind, least in ((Kind.FICHE_MINISTERE_TRAVAIL, 0.75), (Kind.CONTRIBUTION, 0.7)):
        keys = list(Document.objects.filter(kind=kind).values_list("key", flat=True))
        assert sum(key in stored for key in keys) >= least * len(keys), kind
    for kind in CODE_KINDS:
        plan = code_plan(kind)
        placed = [a.slug for section in plan.root.walk() for a in section.articles]
        assert sorted(placed) == sorted(
            Document.objects.filter(kind=kind).values_list("slug", flat=True)
        )
        assert len(plan.by_path) == len(plan.sections()) + 1  # unique paths, and the root
