"""Index builds: self-contained, written beside the live one, switched only when
complete; a failure leaves the live and previous builds as they were."""

import json

import numpy as np
import pytest

from parvis.corpus.models import Document
from parvis.search import lexical
from parvis.search.build import (
    COMPLETE,
    FORMAT,
    build_indexes,
    current_build,
    index_root,
    is_complete,
    previous_build,
)
from parvis.search.catalog import PassageTexts
from parvis.search.service import SearchEngine, get_engine

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path, settings):
    """An empty data directory of its own (the session's index is left alone)."""
    settings.DATA_DIR = tmp_path
    return tmp_path


def good_build():
    return build_indexes(progress=False, force=True, dense=False).path


def assert_serves(folder):
    response = SearchEngine(folder).search("préavis de licenciement", limit=3)
    assert response.results and all(r.snippet for r in response.results)


def folders(parent):
    return sorted(p.name for p in parent.iterdir()) if parent.exists() else []


def test_a_build_holds_what_it_serves(search_index_dir, settings):
    settings.DATA_DIR = search_index_dir
    folder = current_build()
    assert is_complete(folder) and (folder / COMPLETE).read_text() == FORMAT
    engine = SearchEngine(folder)
    texts = PassageTexts(folder)
    assert len(texts) == len(engine.catalog.passage_doc) == engine.lexical.num_docs
    article = engine.catalog.documents[engine.catalog.by_key["legi:LEGIARTI000006901112"]]
    assert (article.kind, article.slug, article.number) == ("code_du_travail", "l1234-1", "L1234-1")
    assert article.year == int(article.modified[:4])
    first = engine.catalog.first_passage(engine.catalog.by_key[article.key])
    assert texts[first].startswith("Lorsque le licenciement n'est pas motivé par une faute grave")
    assert texts.dictionary and not (folder / "plain.bin").exists()  # deflated, once indexed
    # no database ids, no URLs
    assert not (folder / "passage_ids.npy").exists()
    stored = json.loads((folder / "documents.json").read_text())[0]
    assert "url" not in stored and "id" not in stored


def test_two_good_builds_then_a_failed_one_keep_both(data_dir):
    first, second = good_build(), good_build()
    assert (current_build(), previous_build()) == (second, first)
    # A corrupt embedding cache makes the next build fail half-way: its lexical
    # index and texts are written when the dense step reads the cache.
    embeddings = index_root() / "embeddings"
    embeddings.mkdir()
    (embeddings / "hashes.json").write_text("[]")
    (embeddings / "vectors.npy").write_bytes(b"not a numpy file")
    with pytest.raises(ValueError):
        build_indexes(progress=False, force=True, dense=True)
    assert (current_build(), previous_build()) == (second, first)
    assert folders(index_root() / "builds") == sorted([first.name, second.name])
    assert folders(index_root() / "tmp") == []  # the half-written build is gone
    assert_serves(first)
    assert_serves(second)
    assert get_engine().folder == second
    # the next good build keeps the last good one for rollback, prunes the older
    third = good_build()
    assert (current_build(), previous_build()) == (third, second)
    assert folders(index_root() / "builds") == sorted([second.name, third.name])


def test_a_failed_build_leaves_the_live_and_previous_builds(data_dir):
    first, second = good_build(), good_build()
    # a corrupt row: a breadcrumb that is not a list of strings
    Document.objects.filter(pk=Document.objects.order_by("pk").first().pk).update(breadcrumb=[1, 2])
    with pytest.raises(TypeError):
        build_indexes(progress=False, force=True, dense=False)
    assert (current_build(), previous_build()) == (second, first)
    assert folders(index_root() / "builds") == sorted([first.name, second.name])
    assert folders(index_root() / "tmp") == []
    assert_serves(second)


def test_a_failed_first_build_leaves_nothing(data_dir):
    Document.objects.filter(pk=Document.objects.order_by("pk").first().pk).update(breadcrumb=[1, 2])
    with pytest.raises(TypeError):
        build_indexes(progress=False, dense=False)
    assert current_build() is None and get_engine() is None
    assert folders(index_root() / "builds") == folders(index_root() / "tmp") == []


def test_a_build_of_another_format_is_rebuilt_not_opened(data_dir):
    old = good_build()
    (old / COMPLETE).write_text("parvis-index 1")  # as written by other code
    assert get_engine() is None
    rebuilt = build_indexes(progress=False, dense=False)  # corpus unchanged, but rebuilt
    assert not rebuilt.skipped
    assert (current_build(), previous_build()) == (rebuilt.path, old)
    assert get_engine().folder == rebuilt.path
    assert build_indexes(progress=False, dense=False).skipped


def passages(count, fail_at=None):
    for ordinal in range(count):
        if ordinal == fail_at:
            raise ValueError("corrupt passage")
        yield lexical.IndexedPassage(ordinal, "code_du_travail", "titr", "", "preav", "pre")


def test_the_lexical_writer_commits_all_or_nothing(tmp_path):
    with pytest.raises(ValueError, match="corrupt passage"):
        lexical.build(tmp_path / "failed", passages(50, fail_at=30), heap_size=15_000_000)
    assert lexical.LexicalIndex(tmp_path / "failed").num_docs == 0  # rolled back
    assert lexical.build(tmp_path / "good", passages(50), heap_size=15_000_000) == 50
    index = lexical.LexicalIndex(tmp_path / "good")
    ordinals, _ = index.search(index.query({"text": {"preav": 1.0}}), 100)
    assert index.num_docs == 50 and sorted(ordinals) == list(np.arange(50))
