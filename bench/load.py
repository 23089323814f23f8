"""Load benchmark of the search API over HTTP on loopback.

    .venv/bin/python bench/load.py --url http://127.0.0.1:8000 [--clients 16] [--seconds 30]

Queries are sampled by weight from ../shared/data/cdtn/suggestions.txt; each of
the concurrent clients keeps one HTTP/1.1 connection and sends requests back to
back. Prints p50/p90/p99 latency, requests per second, errors, and the resident
memory of the server processes (main process and workers) when --server-pid
is given.
"""

import argparse
import http.client
import json
import random
import statistics
import threading
import time
import urllib.parse
from pathlib import Path

SUGGESTIONS = Path(__file__).resolve().parents[2] / "shared" / "data" / "cdtn" / "suggestions.txt"


def load_queries(path: Path) -> tuple[list[str], list[float]]:
    queries, weights = [], []
    for line in path.read_text().splitlines():
        if line.strip():
            item = json.loads(line)
            queries.append(item["entity"])
            weights.append(float(item["value"]))
    return queries, weights


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (the server's workers)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        children = Path(f"/proc/{current}/task/{current}/children")
        if children.exists():
            pending += [int(p) for p in children.read_text().split()]
        for line in Path(f"/proc/{current}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def client(host, port, path_prefix, queries, weights, deadline, latencies, errors, seed):
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(host, port, timeout=10)
    while time.monotonic() < deadline:
        query = rng.choices(queries, weights)[0]
        url = f"{path_prefix}?{urllib.parse.urlencode({'q': query, 'limit': 10})}"
        started = time.perf_counter()
        try:
            connection.request("GET", url)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
        except (OSError, http.client.HTTPException) as exc:
            errors.append(type(exc).__name__)
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=10)
            continue
        latencies.append(time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--path", default="/api/v1/search")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--server-pid", type=int)
    parser.add_argument("--suggestions", type=Path, default=SUGGESTIONS)
    options = parser.parse_args()
    target = urllib.parse.urlparse(options.url)
    queries, weights = load_queries(options.suggestions)
    for _phase, seconds in (("warm-up", options.warmup), ("measure", options.seconds)):
        latencies, errors, threads = [], [], []
        deadline = time.monotonic() + seconds
        started = time.monotonic()
        for i in range(options.clients):
            thread = threading.Thread(
                target=client,
                args=(
                    target.hostname,
                    target.port or 80,
                    options.path,
                    queries,
                    weights,
                    deadline,
                    latencies,
                    errors,
                    i,
                ),
            )
            thread.start()
            threads.append(thread)
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    latencies.sort()
    quantiles = statistics.quantiles(latencies, n=100)
    print(
        f"clients={options.clients} seconds={elapsed:.1f} requests={len(latencies)} "
        f"errors={len(errors)} distinct_queries={len(queries)}"
    )
    print(f"{'p50 ms':>8}{'p90 ms':>8}{'p99 ms':>8}{'req/s':>8}")
    print(
        f"{quantiles[49] * 1000:>8.1f}{quantiles[89] * 1000:>8.1f}{quantiles[98] * 1000:>8.1f}"
        f"{len(latencies) / elapsed:>8.0f}"
    )
    if options.server_pid:
        print(f"server memory (RSS, master + workers): {rss_mb(options.server_pid):.0f} MB")


if __name__ == "__main__":
    main()
