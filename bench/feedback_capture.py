"""What recording a search costs the visitor: the search page answered with
capture on and off, query by query, in process (Django's test client).

    PARVIS_DATA_DIR=var .venv/bin/python bench/feedback_capture.py [--queries 300]

Queries are the most popular ones of ../shared/data/cdtn/suggestions.txt. Each
query is searched once first so both runs read the same cached response (the
search itself is not what is measured), then answered alternately with capture
off and on, `--repeat` times each; the per-query difference of the medians is
the overhead. Each query is a new visit (a visit's cap would otherwise stop
the recording part way). Events are written by the background writer into the real
database while the pages are served, as in production. Prints the medians,
p90 and the median paired difference in ms (issue 16: <= 2 ms at the median).
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parvis.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from parvis.feedback.models import Impression  # noqa: E402
from parvis.feedback.recorder import recorder  # noqa: E402

SUGGESTIONS = Path(__file__).resolve().parent.parent.parent / "shared/data/cdtn/suggestions.txt"


def popular_queries(count: int) -> list[str]:
    rows = [json.loads(line) for line in SUGGESTIONS.read_text(encoding="utf-8").splitlines()]
    rows.sort(key=lambda row: -row["value"])
    return [row["entity"] for row in rows[:count]]


def timed(client: Client, query: str) -> float:
    start = time.perf_counter()
    response = client.get("/recherche", {"q": query})
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code in (200, 302), (query, response.status_code)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    queries = popular_queries(args.queries)
    client = Client()
    before = Impression.objects.count()
    for query in queries:  # fills the response cache: both runs read it
        timed(client, query)
    off, on, differences = [], [], []
    for query in queries:
        client = Client()  # one visit per query: no visit reaches its hourly cap
        runs = {True: [], False: []}
        for _ in range(args.repeat):
            for capture in (False, True):
                settings.FEEDBACK_CAPTURE = capture
                runs[capture].append(timed(client, query))
        off.append(statistics.median(runs[False]))
        on.append(statistics.median(runs[True]))
        differences.append(on[-1] - off[-1])
    recorder.flush()
    recorded = Impression.objects.count() - before

    def p90(values):
        return statistics.quantiles(values, n=10)[-1]

    print(f"{len(queries)} queries x {args.repeat} runs each way; {recorded} impressions written")
    print("| search page (cached response) | median ms | p90 ms |")
    print("| --- | ---: | ---: |")
    print(f"| capture off | {statistics.median(off):.2f} | {p90(off):.2f} |")
    print(f"| capture on | {statistics.median(on):.2f} | {p90(on):.2f} |")
    print(
        f"| overhead (paired, per query) | {statistics.median(differences):.2f} | "
        f"{p90(differences):.2f} |"
    )


if __name__ == "__main__":
    main()
