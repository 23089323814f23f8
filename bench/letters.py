"""Time to fill each letter template and make its PDF and DOCX (what one click on
a letter page costs the server), plus the sizes of the files.

    PARVIS_DATA_DIR=var .venv/bin/python bench/letters.py [--rounds N]

Answers are the tests' (tests/letters/answers.py): every field filled.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parvis.settings")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    import django

    django.setup()
    from parvis.letters.definitions import letters
    from parvis.letters.documents import letter_docx, letter_pdf
    from parvis.letters.filling import fill
    from tests.letters.answers import sample_answers

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    letter_pdf(fill(*_first(letters(), sample_answers)))  # loads pango and fonts once
    timings = {"fill": [], "pdf": [], "docx": []}
    sizes = {"pdf": [], "docx": []}
    for letter in letters().values():
        answers, _ = sample_answers(letter)
        for _ in range(rounds):
            start = time.perf_counter()
            filled = fill(letter, answers)
            timings["fill"].append(time.perf_counter() - start)
            start = time.perf_counter()
            pdf = letter_pdf(filled)
            timings["pdf"].append(time.perf_counter() - start)
            start = time.perf_counter()
            docx = letter_docx(filled)
            timings["docx"].append(time.perf_counter() - start)
        sizes["pdf"].append(len(pdf))
        sizes["docx"].append(len(docx))
    print(f"{len(letters())} letters x {rounds} rounds")
    print("| step | median | p95 | max |")
    print("|---|---|---|---|")
    for step, values in timings.items():
        ms = [v * 1000 for v in values]
        print(
            f"| {step} | {statistics.median(ms):.2f} ms | {percentile(ms, 0.95):.2f} ms "
            f"| {max(ms):.2f} ms |"
        )
    for kind, values in sizes.items():
        print(f"{kind} size: {min(values) / 1024:.1f} to {max(values) / 1024:.1f} KB")


def _first(found, answers_of):
    letter = next(iter(found.values()))
    return letter, answers_of(letter)[0]


if __name__ == "__main__":
    main()
