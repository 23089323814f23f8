"""Content age benchmark: how old the stored corpus is, source by source.

    PARVIS_DATA_DIR=var .venv/bin/python bench/content_age.py [--months 12]

Reads the database of PARVIS_DATA_DIR (an ingested corpus) through the same
code as the data page (parvis/corpus/provenance.py) and prints, as a Markdown
table, the documents of each source by the age of their last change at the
source (< 1 year, 1-2, 2-5, > 5 years, no date), their date range, the package
version of the last ingestion, and the fiches older than --months (the stale
ones, flagged on their pages). Also times the data page's queries.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parvis.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--months", type=int, default=None, help="stale age (default: setting)")
    options = parser.parse_args()

    import django

    django.setup()
    from datetime import date

    from django.db.models import Count

    from parvis.corpus.currency import AGE_LABELS, stale_after_months
    from parvis.corpus.models import Document
    from parvis.corpus.provenance import source_summaries

    months = stale_after_months(options.months)
    start = time.perf_counter()
    summaries = source_summaries()
    elapsed = time.perf_counter() - start
    stale = dict(
        Document.objects.stale(months=months)
        .order_by()
        .values_list("source")
        .annotate(n=Count("id"))
    )

    print(f"Content age on {date.today().isoformat()} (last change at the source)\n")
    ages = ["< 1 year", "1-2 years", "2-5 years", "> 5 years", "no date"]  # AGE_LABELS in English
    assert len(ages) == len(AGE_LABELS)
    header = ["source", "package", *ages, "total", "dates", f"stale (> {months} months)"]
    print("| " + " | ".join(header) + " |")
    print("| --- | --- | " + " | ".join("---:" for _ in header[2:-2]) + " | --- | ---: |")
    totals = dict.fromkeys(AGE_LABELS, 0)
    for summary in summaries:
        for label in AGE_LABELS:
            totals[label] += summary.by_age[label]
        span = (
            f"{summary.oldest.isoformat()} to {summary.newest.isoformat()}"
            if summary.oldest
            else "none"
        )
        cells = [
            summary.source,
            f"{summary.info.package} {summary.package_version or '?'}",
            *(f"{summary.by_age[label]:,}" for label in AGE_LABELS),
            f"{summary.documents:,}",
            span,
            f"{stale.get(summary.source, 0):,}",
        ]
        print("| " + " | ".join(cells) + " |")
    cells = [
        "all",
        "",
        *(f"{totals[label]:,}" for label in AGE_LABELS),
        f"{sum(totals.values()):,}",
        "",
        f"{sum(stale.values()):,}",
    ]
    print("| " + " | ".join(cells) + " |")
    print(f"\nData page queries (source_summaries): {elapsed * 1000:.0f} ms")


if __name__ == "__main__":
    main()
