"""Benchmark: full ingestion from scratch, then a second run with nothing changed.

    .venv/bin/python bench/ingest.py [--data-dir /tmp/parvis-bench]

Runs `python -m parvis ingest` (and `build_index`) as child processes in a fresh
data directory and prints wall time, CPU time (user + system) and peak memory
(max RSS) of each step. On a shared machine the wall time moves with the load;
the CPU time much less, so compare versions on both.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(step: str, args: list[str], env: dict) -> tuple[float, float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "parvis", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    seconds = time.monotonic() - started
    if done.returncode:
        sys.exit(f"{step} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    # ru_maxrss of children is the max over all children so far (KiB on Linux)
    return seconds, cpu, max(after.ru_maxrss, before.ru_maxrss) / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", default="/tmp/parvis-bench")
    parser.add_argument("--with-index", action="store_true", help="also build the indexes")
    options = parser.parse_args()
    data_dir = Path(options.data_dir)
    shutil.rmtree(data_dir, ignore_errors=True)
    env = {**os.environ, "PARVIS_DATA_DIR": str(data_dir)}
    steps = [
        ("migrate", ["migrate", "-v0"]),
        ("ingest (first run)", ["ingest", "--no-progress"]),
        ("ingest (nothing changed)", ["ingest", "--no-progress"]),
    ]
    if options.with_index:
        steps += [
            ("build_index (first run)", ["build_index", "--no-progress"]),
            ("build_index (nothing changed)", ["build_index", "--no-progress"]),
        ]
    print(f"{'step':<32}{'wall s':>10}{'CPU s':>10}{'peak MB':>10}")
    for name, args in steps:
        seconds, cpu, peak = run(name, args, env)
        print(f"{name:<32}{seconds:>10.1f}{cpu:>10.1f}{peak:>10.0f}", flush=True)


if __name__ == "__main__":
    main()
