"""`eval` on a relevance file in the ../shared/eval format: TREC run and metrics."""

import json

import pytest
from django.core.management import CommandError, call_command

from parvis.search.evaluation import load_queries, score

pytestmark = pytest.mark.django_db


@pytest.fixture
def queries_file(tmp_path):
    path = tmp_path / "queries.jsonl"
    lines = [
        {
            "topic": "preavis",
            "queries": ["préavis de licenciement", "durée du préavis"],
            "relevant": ["legi:LEGIARTI000006901112", "legi:LEGIARTI000006901118"],
            "unresolved": ["/outils/preavis"],
        },
        {
            "query": "Quelle est la période d'essai ?",
            "idcc": "2216",
            "relevant": ["kali:KALIARTI000046477340"],
        },
        {"topic": "vide", "queries": ["rien"], "relevant": []},
    ]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines))
    return path


def test_eval_writes_a_trec_run_and_prints_metrics(search_engine, queries_file, tmp_path, capsys):
    run = tmp_path / "run.trec"
    call_command("eval", queries=queries_file, run=run)
    out = capsys.readouterr().out
    assert all(name in out for name in ("S@1", "S@3", "R@10", "nDCG@10", "MRR@10"))
    lines = run.read_text().splitlines()
    assert lines
    qid, q0, docid, rank, value, tag = lines[0].split()
    assert (q0, rank, tag) == ("Q0", "1", "parvis") and ":" in docid
    float(value)
    assert {line.split()[0] for line in lines} <= {"preavis#0", "preavis#1", "q2"}


def test_metrics_are_macro_averaged_by_topic(queries_file):
    queries = load_queries(queries_file)
    assert [q.qid for q in queries] == ["preavis#0", "preavis#1", "q2"]
    relevant = "legi:LEGIARTI000006901112"
    run = {"preavis#0": [(relevant, 2.0)], "preavis#1": [("legi:x", 1.0)], "q2": []}
    metrics = score(queries, run)
    # topic "preavis": S@1 = (1 + 0) / 2; topic "q2": 0 -> macro (0.5 + 0) / 2
    assert metrics["S@1"] == pytest.approx(0.25)


def test_malformed_file_is_reported(tmp_path, search_engine):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"topic": "x", "queries": ["a"], "relevant": ["legi:1"]}\n{oops\n')
    with pytest.raises(CommandError, match="bad.jsonl:2"):
        call_command("eval", queries=bad)
