"""`eval` on a relevance file in the ../shared/eval format: TREC run and metrics."""

import json
import math
from collections import defaultdict

import pytest
from django.core.management import CommandError, call_command

from parvis.search.evaluation import EvalQuery, format_table, load_queries, score, score_per_query

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
    assert {line.split()[0] for line in lines} <= {"preavis#0", "preavis#1", "q2"}
    # ranks count from 1 and scores do not increase down each query's list
    read: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for line in lines:
        qid, _, docid, rank, value, _ = line.split()
        assert int(rank) == len(read[qid]) + 1
        read[qid].append((docid, float(value)))
    for ranked in read.values():
        assert [v for _, v in ranked] == sorted((v for _, v in ranked), reverse=True)
    # L1234-1 (préavis) is in the fixture corpus: the engine finds it
    assert "legi:LEGIARTI000006901112" in [d for d, _ in read["preavis#0"][:10]]
    # the printed figures are those of the written run
    printed = format_table({"parvis": score(load_queries(queries_file), read)})
    assert printed.splitlines()[1] in out


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


def test_per_query_metrics_by_hand():
    relevant = ["a", "b", "c"]
    queries = [
        EvalQuery("mid", "t1", "q", relevant),
        EvalQuery("top", "t2", "q", relevant),
        EvalQuery("late", "t3", "q", relevant),
        EvalQuery("none", "t4", "q", relevant),
    ]
    others = [(f"x{i}", 0.0) for i in range(20)]
    run = {
        # a at rank 2, b at rank 4 (listed twice: its first position counts), c absent
        "mid": [("x", 9.0), ("a", 8.0), ("y", 7.0), ("b", 6.0), ("b", 5.0)],
        "top": [("c", 1.0), ("a", 1.0), ("b", 1.0)],  # the run's order, not its scores
        "late": others[:10] + [("a", 0.0)],  # rank 11: past every cutoff
        "none": [],
    }
    values = score_per_query(queries, run)
    ideal = sum(1 / math.log2(r + 1) for r in (1, 2, 3))
    assert values["mid"] == pytest.approx(
        {
            "S@1": 0.0,
            "S@3": 1.0,
            "R@10": 2 / 3,
            "nDCG@10": (1 / math.log2(3) + 1 / math.log2(5)) / ideal,
            "MRR@10": 0.5,
        }
    )
    assert values["top"] == pytest.approx(
        {"S@1": 1.0, "S@3": 1.0, "R@10": 1.0, "nDCG@10": 1.0, "MRR@10": 1.0}
    )
    zero = dict.fromkeys(["S@1", "S@3", "R@10", "nDCG@10", "MRR@10"], 0.0)
    assert values["late"] == zero and values["none"] == zero
    # each query is its own topic here: the macro average is the plain mean
    assert score(queries, run)["MRR@10"] == pytest.approx((0.5 + 1.0) / 4)
