"""The search engine on real indexes built from the fixture corpus."""

import pytest

from parvis.search.build import build_indexes, current_build
from parvis.search.service import QueryError, SearchEngine, highlight

pytestmark = pytest.mark.django_db


def test_index_is_built_and_reopened(search_index_dir, settings):
    settings.DATA_DIR = search_index_dir
    folder = current_build()
    assert folder is not None and (folder / "lexical").is_dir() and (folder / "dense.npy").exists()
    engine = SearchEngine(folder)
    assert engine.lexical.num_docs == len(engine.catalog.passage_ids) > 0
    assert engine.dense.matrix.shape[1] == 512
    # nothing changed: the build is kept, not redone
    assert build_indexes(progress=False).skipped


def test_answers_are_shared_between_processes_through_the_cache(search_engine, monkeypatch):
    response = search_engine.search("  contrat   de travail ", limit=5)
    # another server process opening the same build finds the answer cached
    other = SearchEngine(search_engine.folder)
    assert other.cache.get(("contrat de travail", None, 5, 0)) == response
    assert other.cache.get(("contrat de travail", None, 10, 0)) is None
    monkeypatch.setenv("PARVIS_SEARCH_CACHE", "0")
    assert SearchEngine(search_engine.folder).cache.get(("contrat de travail", None, 5, 0)) is None


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("préavis licenciement ancienneté", "legi:LEGIARTI000006901112"),  # L1234-1
        ("rupture conventionnelle", "legi:LEGIARTI000019068089"),  # L1237-11
        ("prime de précarité fin de CDD", "vdd:F803"),
        ("délégué syndical entreprise de 50 salariés", "travail:article375542"),
    ],
)
def test_relevant_document_first(search_engine, query, key):
    response = search_engine.search(query)
    assert response.direct is None  # ranked, not routed
    assert response.results[0].key == key


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("indemnité de licenciement préavis", "legi:LEGIARTI000006901118"),  # L1234-5
        # second, after the ministry fiche on the trial period (which speaks of both)
        ("indemnité de licenciement 8 mois d'ancienneté", "legi:LEGIARTI000006901122"),  # L1234-9
        ("durée du préavis de licenciement", "legi:LEGIARTI000006901112"),  # L1234-1
    ],
)
def test_relevant_document_in_the_top_three(search_engine, query, key):
    assert key in [r.key for r in search_engine.search(query).results[:3]]


def test_article_number_goes_to_the_article(search_engine):
    response = search_engine.search("article L. 1234-1")
    assert response.direct is not None
    assert response.results[0].key == "legi:LEGIARTI000006901112"
    assert response.results[0].url == "/code-du-travail/l1234-1"


def test_idcc_goes_to_the_agreement(search_engine):
    response = search_engine.search("idcc 2216")
    assert response.results[0].key == "kali:KALICONT000005635085"


def test_type_filter(search_engine):
    response = search_engine.search("contrat de travail", kind="code_du_travail")
    assert response.results and {r.type for r in response.results} == {"code_du_travail"}


def test_pagination(search_engine):
    first = search_engine.search("contrat de travail", limit=3)
    second = search_engine.search("contrat de travail", limit=3, offset=3)
    assert first.total == second.total >= 6
    assert not {r.key for r in first.results} & {r.key for r in second.results}


def test_misspelt_query_gets_a_suggestion(search_engine):
    response = search_engine.search("licensiement")
    assert response.suggestion == "licenciement"
    assert response.total > 0


@pytest.mark.parametrize("query", ["", "   ", "a" * 501])
def test_bad_queries_are_refused(search_engine, query):
    with pytest.raises(QueryError):
        search_engine.search(query)


def well_formed(engine, response) -> list:
    """The results of a response, checked: known documents, each once, page
    links, escaped snippets (the only tags are the <mark>s of the matches)."""
    keys = [r.key for r in response.results]
    assert len(set(keys)) == len(keys) and set(keys) <= {d.key for d in engine.catalog.documents}
    assert response.total >= len(response.results)
    for result in response.results:
        assert result.url.startswith("/") and result.title
        assert "<" not in result.snippet.replace("<mark>", "").replace("</mark>", "")
    return response.results


@pytest.mark.parametrize(
    "query",
    [
        '"préavis',
        "préavis:",
        "(préavis",
        "[préavis]",
        "préavis AND OR NOT -",
        "<b>préavis</b>",
        "préavis*",
        "préavis\\",
    ],
)
def test_query_syntax_is_plain_text(search_engine, query):
    """Operators and markup are not query syntax: the word is searched as typed alone."""
    plain = search_engine.search("préavis")
    response = search_engine.search(query)
    assert response.query == query
    results = well_formed(search_engine, response)
    assert results[0].key == plain.results[0].key
    assert "<mark>préavis" in results[0].snippet
    assert {r.key for r in results[:3]} <= {r.key for r in plain.results}


def test_sql_in_a_query_is_only_words(search_engine):
    from parvis.corpus.models import Document

    before = Document.objects.count()
    response = search_engine.search("'; DROP TABLE corpus_document; --")
    results = well_formed(search_engine, response)
    assert results and Document.objects.count() == before
    assert any("<mark>document" in r.snippet for r in results)  # "document" is searched


@pytest.mark.parametrize("query", ["*", "\\", "🙂", "\u202e"])
def test_query_without_words_gets_a_well_formed_answer(search_engine, query):
    response = search_engine.search(query)
    assert response.query == query and response.suggestion is None and response.direct is None
    results = well_formed(search_engine, response)
    assert not any("<mark>" in r.snippet for r in results)  # nothing to highlight


def test_snippets_are_escaped_and_highlighted():
    snippet = highlight("Le préavis <script>alert(1)</script> est dû.", {"preav", "script"})
    assert "<script>" not in snippet
    assert "<mark>préavis</mark>" in snippet
    assert "&lt;script&gt;" in snippet


def test_warm_cache_answers_popular_queries_ahead(search_engine, tmp_path):
    from django.core.management import call_command

    queries = tmp_path / "popular.txt"
    queries.write_text(
        '{"entity": "préavis démission", "value": 3}\nlicenciement\n\n{"entity": ""}\n{broken\n'
    )
    call_command("warm_cache", "--queries", str(queries))
    assert search_engine.cache.get(("préavis démission", None, 10, 0)) is not None
    assert search_engine.cache.get(("licenciement", None, 10, 0)) is not None
    assert search_engine.cache.get(("{broken", None, 10, 0)) is None
