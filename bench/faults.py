"""Fault benchmark: what happens to Parvis when things break, measured for real.

    .venv/bin/python bench/faults.py killed-ingest [--database sqlite|postgres]
    .venv/bin/python bench/faults.py broken-files
    .venv/bin/python bench/faults.py database-outage --data-dir DIR [--outage 10]
    .venv/bin/python bench/faults.py memory --data-dir DIR [--minutes 10]

killed-ingest    ingests every source into a fresh database, kills a second
                 ingestion (SIGKILL) in the middle of a source, reruns it, and
                 compares the corpus counts with the clean run's.
broken-files     copies the packages, breaks one file two ways (valid JSON of the
                 wrong shape, truncated JSON), ingests, prints what is reported.
database-outage  serves DIR (ingested on PostgreSQL, index built) with granian,
                 loads pages that read the database and the search API, stops
                 PostgreSQL for --outage seconds, starts it again, and prints the
                 status codes per phase (no server restart).
memory           serves DIR and sends uncached searches (PARVIS_SEARCH_CACHE=0)
                 for --minutes, printing the servers' resident memory every 30 s.

Each prints a table; BENCHMARKS.md ("Reliability") keeps the latest figures.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PACKAGES = ROOT / "node_modules" / "@socialgouv"
POSTGRES = "postgres://postgres@127.0.0.1:5432/{name}"
sys.path.insert(0, str(ROOT / "bench"))
from load import SUGGESTIONS, load_queries, rss_mb  # noqa: E402


def environment(data_dir: Path, database_url: str | None = None, **extra) -> dict:
    env = {**os.environ, "PARVIS_DATA_DIR": str(data_dir), **extra}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def parvis(args: list[str], env: dict, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [PYTHON, "-m", "parvis", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if check and done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


def fresh_postgres(name: str) -> str:
    for statement in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", statement], check=True)
    return POSTGRES.format(name=name)


COUNTS = """
from parvis.corpus.models import Document, Passage, Relation
from django.db.models import Count
import json
print(json.dumps({
    "documents": dict(Document.objects.values_list("kind").annotate(n=Count("id"))),
    "passages": Passage.objects.count(),
    "relations": Relation.objects.count(),
    "hashes": __import__("hashlib").sha256("".join(
        Document.objects.order_by("key").values_list("content_hash", flat=True)
    ).encode()).hexdigest(),
}))
"""


def corpus_state(env: dict) -> dict:
    return json.loads(parvis(["shell", "-c", COUNTS], env).stdout.strip().splitlines()[-1])


def killed_ingest(options) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="parvis-faults-"))
    url = fresh_postgres("parvis_faults") if options.database == "postgres" else None
    env = environment(data_dir, url)
    parvis(["migrate", "--no-input", "-v0"], env)
    started = time.monotonic()
    parvis(["ingest", "--no-progress"], env)
    clean_seconds = time.monotonic() - started
    reference = corpus_state(env)
    # Start again from an empty corpus, kill the ingestion in the middle of a source.
    parvis(
        [
            "shell",
            "-c",
            "from parvis.corpus.models import Document; Document.objects.all().delete()",
        ],
        env,
    )
    child = subprocess.Popen(
        [PYTHON, "-m", "parvis", "ingest", "--no-progress"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(clean_seconds * options.kill_at)
    child.send_signal(signal.SIGKILL)
    child.wait()
    after_kill = corpus_state(env)
    rerun = parvis(["ingest", "--no-progress"], env)
    after_rerun = corpus_state(env)
    second = parvis(["ingest", "--no-progress"], env)
    print(
        f"database: {options.database}; clean ingestion {clean_seconds:.0f} s; "
        f"killed at {clean_seconds * options.kill_at:.0f} s"
    )
    print(f"{'state':<28}{'documents':>11}{'passages':>10}{'relations':>11}  same as clean run")
    for label, state in (
        ("clean run", reference),
        ("after SIGKILL", after_kill),
        ("after rerun", after_rerun),
    ):
        print(
            f"{label:<28}{sum(state['documents'].values()):>11}{state['passages']:>10}"
            f"{state['relations']:>11}  {state == reference}"
        )
    print("rerun summary:\n" + "\n".join(rerun.stdout.splitlines()[1:7]))
    print("third run (nothing changed):\n" + "\n".join(second.stdout.splitlines()[1:7]))
    shutil.rmtree(data_dir, ignore_errors=True)


def broken_files(options) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="parvis-faults-"))
    packages = data_dir / "packages"
    shutil.copytree(ROOT / "tests" / "corpus" / "fixtures" / "packages", packages)
    env = environment(data_dir)
    parvis(["migrate", "--no-input", "-v0"], env)
    parvis(["ingest", "--no-progress", "--packages", str(packages)], env)
    target = packages / "fiches-travail-data" / "data" / "fiches-travail.json"
    original = target.read_text()
    fiches = json.loads(original)
    fiches[0]["sections"] = "pas une liste"
    cases = {
        "valid JSON, wrong shape": json.dumps(fiches),
        "truncated JSON": original[: len(original) // 2],
    }
    for label, content in cases.items():
        target.write_text(content)
        done = parvis(["ingest", "--no-progress", "--packages", str(packages)], env, check=False)
        failures = [line for line in done.stdout.splitlines() if "ÉCHEC" in line]
        print(f"{label}: exit code {done.returncode}")
        for line in failures:
            print("   ", line.strip())
        print(
            "    other sources:",
            ", ".join(
                line.split()[0] for line in done.stdout.splitlines()[2:7] if "ÉCHEC" not in line
            ),
        )
    shutil.rmtree(data_dir, ignore_errors=True)


class Server:
    """granian on the data dir, as `make serve` runs it (2 workers)."""

    def __init__(self, data_dir: Path, port: int, env_extra: dict):
        self.port = port
        env = environment(data_dir, os.environ.get("DATABASE_URL"), **env_extra)
        env.update(PARVIS_ENV="production", PARVIS_WARM_ENGINE="1")
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "granian"),
                "--interface",
                "wsgi",
                "parvis.wsgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "2",
                "--blocking-threads",
                "4",
                "--runtime-mode",
                "st",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if self.get("/api/v1/search?q=contrat")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(1)
        self.stop()
        sys.exit("the server did not start")

    def get(self, path: str) -> tuple[int, float]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status, time.perf_counter() - started

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def search_paths(count: int, seed: int = 0) -> list[str]:
    queries, weights = load_queries(SUGGESTIONS)
    rng = random.Random(seed)
    return [
        "/api/v1/search?" + urllib.parse.urlencode({"q": q})
        for q in rng.choices(queries, weights, k=count)
    ]


def database_outage(options) -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("set DATABASE_URL to the PostgreSQL database DIR was ingested into")
    server = Server(options.data_dir, options.port, {})
    pages = [
        "/code-du-travail/l1234-1",
        "/convention-collective/",
        "/api/v1/documents/legi:LEGIARTI000006901112",
    ]
    searches = search_paths(100_000)
    statuses: dict[str, Counter] = {}
    phase = ["before"]
    stop = threading.Event()

    def client(paths, kind):
        i = 0
        while not stop.is_set():
            try:
                status, _ = server.get(paths[i % len(paths)])
            except OSError as exc:
                status = type(exc).__name__
            statuses.setdefault(f"{phase[0]:<8} {kind}", Counter())[status] += 1
            i += 1

    threads = [
        threading.Thread(target=client, args=(pages, "pages reading the database")),
        threading.Thread(target=client, args=(searches, "search API")),
    ]
    for thread in threads:
        thread.start()
    time.sleep(10)
    cluster = subprocess.run(
        ["ls", "/etc/postgresql"], capture_output=True, text=True
    ).stdout.split()[0]
    phase[0] = "outage"
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "stop", "-m", "fast"],
        check=True,
    )
    time.sleep(options.outage)
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "start"], check=True
    )
    phase[0] = "after"
    time.sleep(15)
    stop.set()
    for thread in threads:
        thread.join()
    server.stop()
    print(
        f"PostgreSQL stopped for {options.outage} s under load (one client each), no server restart"
    )
    print(f"{'phase / requests':<45}status codes")
    for label, counter in sorted(
        statuses.items(), key=lambda kv: ["bef", "out", "aft"].index(kv[0][:3])
    ):
        print(f"{label:<45}{dict(counter)}")


def memory(options) -> None:
    server = Server(options.data_dir, options.port, {"PARVIS_SEARCH_CACHE": "0"})
    paths = search_paths(1_000_000, seed=1)
    stop = threading.Event()
    counter = Counter()

    def client(offset):
        i = offset
        while not stop.is_set():
            try:
                counter[server.get(paths[i % len(paths)])[0]] += 1
            except OSError as exc:
                counter[type(exc).__name__] += 1
            i += 4

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    print(f"{'minute':>7}{'RSS MB (all server processes)':>32}{'requests':>10}")
    while (elapsed := time.monotonic() - started) < options.minutes * 60:
        print(f"{elapsed / 60:>7.1f}{rss_mb(server.process.pid):>32.0f}{sum(counter.values()):>10}")
        time.sleep(30)
    print(f"{elapsed / 60:>7.1f}{rss_mb(server.process.pid):>32.0f}{sum(counter.values()):>10}")
    stop.set()
    for thread in threads:
        thread.join()
    server.stop()
    print("status codes:", dict(counter))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="scenario", required=True)
    killed = sub.add_parser("killed-ingest")
    killed.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    killed.add_argument("--kill-at", type=float, default=0.5, help="share of a clean run")
    sub.add_parser("broken-files")
    for name in ("database-outage", "memory"):
        scenario = sub.add_parser(name)
        scenario.add_argument("--data-dir", type=Path, required=True)
        scenario.add_argument("--port", type=int, default=8765)
        scenario.add_argument("--outage", type=float, default=10)
        scenario.add_argument("--minutes", type=float, default=10)
    options = parser.parse_args()
    {
        "killed-ingest": killed_ingest,
        "broken-files": broken_files,
        "database-outage": database_outage,
        "memory": memory,
    }[options.scenario](options)


if __name__ == "__main__":
    main()
