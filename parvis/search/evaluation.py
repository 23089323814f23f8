"""Relevance evaluation in the format of ../shared/eval (see its README):
per-query S@1, S@3, R@10, nDCG@10, MRR@10, averaged per topic then over topics.
Runs are written in TREC format by `write_trec`, apart from search.

The per-query values come from ir-measures: trec_eval's C code (through
pytrec-eval-terrier) for Success@k, R@10 and nDCG@10, and ir-measures' own MS MARCO
evaluator for RR@10 (trec_eval's recip_rank has no cutoff). Relevance is binary."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

# Our names -> ir-measures names (parsed by `ir_measures.parse_measure`).
METRICS = {
    "S@1": "Success@1",
    "S@3": "Success@3",
    "R@10": "R@10",
    "nDCG@10": "nDCG@10",
    "MRR@10": "RR@10",
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


def search_run(
    engine, queries: list[EvalQuery], depth: int = 100, use_ranker: bool = True
) -> dict[str, list[tuple[str, float]]]:
    """Each query's ranked documents (key, score) as the engine ranks them: the
    learned ranker, or reciprocal-rank fusion with `use_ranker=False`."""
    run = {}
    for query in queries:
        ranked, _, _ = engine.rank(query.text, use_ranker=use_ranker)
        run[query.qid] = [(engine.catalog.documents[c.doc].key, s) for c, s in ranked[:depth]]
    return run


def write_trec(path: Path, run: dict[str, list[tuple[str, float]]], tag: str) -> None:
    with open(path, "w") as out:
        for qid, ranked in run.items():
            for rank, (docid, score) in enumerate(ranked, 1):
                out.write(f"{qid.replace(' ', '_')} Q0 {docid} {rank} {score:.6f} {tag}\n")


def score(queries: list[EvalQuery], run: dict[str, list[tuple[str, float]]]) -> dict[str, float]:
    """Macro-averaged metrics: per query, then per topic, then over topics."""
    per_query = score_per_query(queries, run)
    by_topic: dict[str, list[dict[str, float]]] = defaultdict(list)
    for q in queries:
        by_topic[q.topic].append(per_query[q.qid])
    return {
        name: sum(sum(v[name] for v in t) / len(t) for t in by_topic.values()) / len(by_topic)
        for name in METRICS
    }


def score_per_query(
    queries: list[EvalQuery], run: dict[str, list[tuple[str, float]]]
) -> dict[str, dict[str, float]]:
    """qid -> metric name -> value, on the run's order of distinct documents
    (a document listed twice counts at its first position)."""
    import ir_measures

    qrels = {q.qid: dict.fromkeys(q.relevant, 1) for q in queries}
    ranked = {}
    for q in queries:
        results = run.get(q.qid, [])
        docs: dict[str, float] = {}
        for position, (docid, _score) in enumerate(results):
            docs.setdefault(docid, float(len(results) - position))  # keep the run order
        if docs:
            ranked[q.qid] = docs
    # Named providers rather than ir-measures' default pipeline, so that another
    # installed backend never changes the arithmetic.
    evaluator = ir_measures.providers.FallbackProvider(
        [ir_measures.pytrec_eval, ir_measures.msmarco]
    )
    name_of = {ir_measures.parse_measure(measure): name for name, measure in METRICS.items()}
    per_query = {q.qid: dict.fromkeys(METRICS, 0.0) for q in queries}  # no result: 0
    for metric in evaluator.iter_calc(list(name_of), qrels, ranked):
        per_query[metric.query_id][name_of[metric.measure]] = float(metric.value)
    return per_query


def compare(
    measured: dict[str, dict[str, float]],
    expected: dict[str, dict[str, float]],
    tolerance: float,
) -> list[str]:
    """What differs by more than `tolerance` between two {system: metrics} tables
    (a system or metric missing on either side counts as a difference)."""
    problems = []
    for system in sorted(set(measured) | set(expected)):
        if system not in measured:
            problems.append(f"{system}: absent des mesures")
            continue
        if system not in expected:
            problems.append(f"{system}: sans valeur attendue")
            continue
        for name in METRICS:
            got, want = measured[system].get(name), expected[system].get(name)
            if got is None or want is None or abs(got - want) > tolerance:
                problems.append(f"{system} {name}: {got} mesuré, {want} attendu (± {tolerance})")
    return problems


def format_table(rows: dict[str, dict[str, float]]) -> str:
    names = list(METRICS)
    width = max(len(system) for system in rows) + 2
    lines = [f"{'système':<{width}}" + "".join(f"{n:>9}" for n in names)]
    for system, metrics in rows.items():
        lines.append(f"{system:<{width}}" + "".join(f"{metrics[n]:>9.3f}" for n in names))
    return "\n".join(lines)
