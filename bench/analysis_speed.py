"""Text analysis of the index build: the current `fold` and `words` against
their former per-character versions, on every text a build analyses.

    PARVIS_DATA_DIR=var .venv/bin/python bench/analysis_speed.py

Reads the corpus of PARVIS_DATA_DIR (passage texts and breadcrumbs, document
titles and breadcrumbs), prints the CPU seconds of each version and fails if
any output differs (see BENCHMARKS.md, "Index build and size").
"""

from __future__ import annotations

import os
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parvis.settings")

FORMER_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'"})


def former_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", (text or "").translate(FORMER_LIGATURES).lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def main() -> None:
    import re

    import django

    django.setup()
    from parvis.corpus.models import Document, Passage
    from parvis.search import analysis

    elision = re.compile(
        r"\b(?:l|m|t|qu|n|s|j|d|c|jusqu|quoiqu|lorsqu|puisqu|presqu|quelqu)['’`]", re.IGNORECASE
    )

    def former_words(text: str) -> list[str]:
        text = analysis.DOTTED_ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text or "")
        text = elision.sub(" ", text.translate(FORMER_LIGATURES))
        return analysis.WORD.findall(former_fold(text))

    texts = list(Passage.objects.values_list("text", flat=True))
    texts += list(Passage.objects.values_list("breadcrumb", flat=True))
    texts += list(Document.objects.values_list("title", flat=True))
    texts += [" ".join(b or []) for b in Document.objects.values_list("breadcrumb", flat=True)]
    print(f"{len(texts):,} texts, {sum(map(len, texts)) / 1e6:.1f} M characters")
    for name, former, current in (
        ("words", former_words, analysis.words),
        ("fold", former_fold, analysis.fold),
    ):
        outputs = []
        for version in (former, current):
            started = time.process_time()
            outputs.append([version(text) for text in texts])
            print(f"{name} {version.__name__}: {time.process_time() - started:.1f} s CPU")
        if outputs[0] != outputs[1]:
            sys.exit(f"{name}: outputs differ")
    print("identical outputs")


if __name__ == "__main__":
    main()
