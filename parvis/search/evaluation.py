"""Relevance evaluation in the format of ../shared/eval (see its README):
per-query S@1, S@3, R@10, nDCG@10, MRR@10 (ranx), averaged per topic then over
topics. Runs are written in TREC format by `write_trec`, apart from search."""

from __future__ import annotations

import json
import warnings
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

METRICS = {
    "S@1": "hit_rate@1",
    "S@3": "hit_rate@3",
    "R@10": "recall@10",
    "nDCG@10": "ndcg@10",
    "MRR@10": "mrr@10",
}


@dataclass
class EvalQuery:
    qid: str
    topic: str
    text: str
    relevant: list[str]
    idcc: str = ""


def load_queries(path: Path) -> list[EvalQuery]:
    """Topic lines ({"topic", "queries", "relevant"}) or single queries
    ({"query", "relevant", "idcc"?}); queries with no relevant document are skipped."""
    queries = []
    for line_number, line in enumerate(Path(path).read_text().splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{line_number}: JSON invalide ({exc.msg})") from None
        relevant = item.get("relevant") or []
        if not relevant:
            continue
        if "queries" in item:
            topic = str(item.get("topic", line_number))
            for i, text in enumerate(item["queries"]):
                queries.append(EvalQuery(f"{topic}#{i}", topic, text, relevant))
        elif "query" in item:
            queries.append(
                EvalQuery(
                    f"q{line_number}",
                    f"q{line_number}",
                    item["query"],
                    relevant,
                    str(item.get("idcc", "")),
                )
            )
        else:
            raise ValueError(f"{path}:{line_number}: ni « queries » ni « query »")
    return queries


def write_trec(path: Path, run: dict[str, list[tuple[str, float]]], tag: str) -> None:
    with open(path, "w") as out:
        for qid, ranked in run.items():
            for rank, (docid, score) in enumerate(ranked, 1):
                out.write(f"{qid.replace(' ', '_')} Q0 {docid} {rank} {score:.6f} {tag}\n")


def score(queries: list[EvalQuery], run: dict[str, list[tuple[str, float]]]) -> dict[str, float]:
    """Macro-averaged metrics: per query, then per topic, then over topics."""
    from ranx import Qrels, Run, evaluate

    qrels = Qrels({q.qid: dict.fromkeys(q.relevant, 1) for q in queries})
    ranked = {}
    for q in queries:
        docs = {}
        for position, (docid, _score) in enumerate(run.get(q.qid, [])):
            docs.setdefault(docid, float(len(run[q.qid]) - position))  # keep the run order
        ranked[q.qid] = docs or {"__none__": 0.0}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        per_query = evaluate(
            qrels, Run(ranked), list(METRICS.values()), return_mean=False, make_comparable=True
        )
    order = list(qrels.keys())
    by_topic: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    topic_of = {q.qid: q.topic for q in queries}
    for name, metric in METRICS.items():
        for qid, value in zip(order, per_query[metric], strict=True):
            by_topic[topic_of[qid]][name].append(float(value))
    return {
        name: sum(sum(t[name]) / len(t[name]) for t in by_topic.values()) / len(by_topic)
        for name in METRICS
    }


def format_table(rows: dict[str, dict[str, float]]) -> str:
    names = list(METRICS)
    width = max(len(system) for system in rows) + 2
    lines = [f"{'système':<{width}}" + "".join(f"{n:>9}" for n in names)]
    for system, metrics in rows.items():
        lines.append(f"{system:<{width}}" + "".join(f"{metrics[n]:>9.3f}" for n in names))
    return "\n".join(lines)
