"""Relevance benchmark: replays the evaluation reported in BENCHMARKS.md on the
full corpus and compares it with the figures checked in under bench/expected/.

    PARVIS_DATA_DIR=var .venv/bin/python bench/relevance.py [--cv] [--update]
        [--queries ../shared/eval/labour-search-dev.jsonl]
        [--expected bench/expected/labour-search-dev.json]

Needs the full index (`python -m parvis ingest && python -m parvis build_index`).
Collects each query's candidates and features once (as `train_ranker` does),
then scores the unlearned baselines (lexical, dense, fusion) and the shipped
models as served (trained on these very topics: an in-sample figure, a check
that the shipped files are the ones measured, not a measure of quality). With
--cv it also replays the two-stage cross-validation by topic (the quality
figures of BENCHMARKS.md; about 15 minutes on 2 cores).

Exits 1 when a replayed figure is off the checked-in one by more than the
file's tolerance; --update writes the replayed figures instead (commit them
with the change that moved them, and update BENCHMARKS.md).
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT.parent / "shared" / "eval" / "labour-search-dev.jsonl"
EXPECTED = ROOT / "bench" / "expected" / "labour-search-dev.json"
SERVED = "modèles livrés, servis (sur leurs thèmes d'entraînement)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--expected", type=Path, default=EXPECTED)
    parser.add_argument("--cv", action="store_true", help="also replay the cross-validation")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--update", action="store_true", help="write the replayed figures")
    options = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parvis.settings")
    import django

    django.setup()
    from parvis.search import training
    from parvis.search.evaluation import compare, format_table, load_queries, score
    from parvis.search.management import open_engine

    engine = open_engine()
    queries = load_queries(options.queries)
    started = time.monotonic()
    items = training.collect(engine, queries)
    print(f"{len(queries)} requêtes, candidats et variables en {time.monotonic() - started:.0f} s")
    measured = {
        "BM25 (lexical seul)": training.baseline(items, "lex_rank", higher_is_better=False),
        "dense seul": training.baseline(items, "dense_rank", higher_is_better=False),
        "fusion RRF lexical+dense": training.baseline(items, "rrf"),
    }
    if engine.ranker is not None:
        graph = engine.catalog.graph
        run = training.run_from_scores(
            items,
            lambda i: engine.ranker.score(i.features.tolist(), i.docs, graph) if i.docs else [],
        )
        measured[SERVED] = score(queries, run)
    if options.cv:
        first, both = training.cross_validate_two_stages(items, engine.catalog.graph, options.folds)
        measured[f"LambdaRank (CV {options.folds} plis)"] = first
        measured["LambdaRank + 2e passe (voisins)"] = both
    print(format_table(measured))

    expected = json.loads(options.expected.read_text())
    if options.update:
        expected["systems"].update(
            {s: {n: round(v, 4) for n, v in m.items()} for s, m in measured.items()}
        )
        options.expected.write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n")
        print(f"Valeurs écrites dans {options.expected}")
        return 0
    replayed = {s: m for s, m in expected["systems"].items() if s in measured}
    for system in sorted(set(expected["systems"]) - set(replayed)):
        print(f"non rejoué : {system}" + (" (--cv)" if "CV" in system or "passe" in system else ""))
    problems = compare(measured, replayed, expected["tolerance"])
    for problem in problems:
        print(f"ÉCART {problem}")
    if not problems:
        print(f"Conforme aux valeurs de {options.expected.name} (± {expected['tolerance']})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
