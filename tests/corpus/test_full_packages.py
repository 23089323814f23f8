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
