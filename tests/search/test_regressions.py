"""Relevance regression (as pyserini's regressions): a relevance set written from
the fixture corpus (tests/search/regressions/labour-fixture.jsonl) replayed through
the real engine on the fixture index, with the shipped ranker and with fusion,
scored and compared with the scores checked in (regressions/expected.json).

A change of ranking moves these scores: when the change is wanted, write the new
scores and commit them with it:

    PARVIS_UPDATE_EXPECTED=1 .venv/bin/python -m pytest tests/search/test_regressions.py
"""

import json
import os
from pathlib import Path

import pytest

from parvis.search.evaluation import compare, format_table, load_queries, score, search_run

pytestmark = pytest.mark.django_db

FOLDER = Path(__file__).parent / "regressions"
QUERIES = FOLDER / "labour-fixture.jsonl"
EXPECTED = FOLDER / "expected.json"
SYSTEMS = {"classement appris": True, "fusion RRF": False}  # name -> use_ranker


def test_relevance_set_names_fixture_documents(search_engine):
    queries = load_queries(QUERIES)
    assert len(queries) >= 20
    keys = {doc.key for doc in search_engine.catalog.documents}
    assert {key for q in queries for key in q.relevant} <= keys


def test_scores_match_the_checked_in_ones(search_engine):
    assert search_engine.ranker is not None, "the shipped ranker (parvis/search/models/) is used"
    queries = load_queries(QUERIES)
    measured = {
        system: score(queries, search_run(search_engine, queries, use_ranker=use_ranker))
        for system, use_ranker in SYSTEMS.items()
    }
    expected = json.loads(EXPECTED.read_text())
    if os.environ.get("PARVIS_UPDATE_EXPECTED"):
        expected["systems"] = {
            s: {name: round(v, 4) for name, v in m.items()} for s, m in measured.items()
        }
        EXPECTED.write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n")
    problems = compare(measured, expected["systems"], expected["tolerance"])
    assert not problems, "\n".join([format_table(measured), *problems])
