"""Accuracy of the agreement picker at rank 1 on the test set that
bench/agreement_queries.py writes, with the failures listed.

    .venv/bin/python bench/agreement_picker.py [--failures 50]

Reads the agreements from node_modules (kali-data) as the corpus holds them;
prints accuracy at rank 1 and within the first 3, per kind of query and in all,
and the query time. Exits 1 below the target (95% at rank 1).
"""

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

from agreement_catalogue import kali_agreements  # noqa: E402
from agreement_queries import OUT as QUERIES  # noqa: E402

from parvis.agreements.picker import pick  # noqa: E402

TARGET = 0.95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--failures", type=int, default=100, help="failures to list")
    args = parser.parse_args()
    agreements = kali_agreements()
    rows = [json.loads(line) for line in QUERIES.read_text().splitlines()]
    per_kind = defaultdict(lambda: [0, 0, 0])
    failures = []
    started = time.perf_counter()
    for row in rows:
        found = [m.agreement.idcc for m in pick(agreements, row["query"], limit=3)]
        counts = per_kind[row["kind"]]
        counts[0] += 1
        counts[1] += bool(found[:1]) and found[0] in row["expected"]
        counts[2] += any(idcc in row["expected"] for idcc in found)
        if not (found[:1] and found[0] in row["expected"]):
            failures.append((row, found))
    elapsed = time.perf_counter() - started
    print(
        f"{len(rows)} queries, {len(agreements)} agreements, "
        f"{elapsed / len(rows) * 1000:.2f} ms a query\n"
    )
    print("| kind | queries | rank 1 | top 3 |\n| --- | ---: | ---: | ---: |")
    total = [0, 0, 0]
    for kind, (n, first, top3) in sorted(per_kind.items()):
        print(f"| {kind} | {n} | {first / n:.1%} | {top3 / n:.1%} |")
        total = [total[0] + n, total[1] + first, total[2] + top3]
    accuracy = total[1] / total[0]
    print(f"| **all** | {total[0]} | **{accuracy:.1%}** | {total[2] / total[0]:.1%} |")
    print(f"\nfailures ({len(failures)}):")
    for row, found in failures[: args.failures]:
        print(f"  [{row['kind']}] {row['query'][:90]!r}: expected {row['expected']}, got {found}")
    return 0 if accuracy >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
