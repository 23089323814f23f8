"""Agreement references of the ministry's answers resolved to our article pages.

    cp -a /work/main/var var
    PARVIS_DATA_DIR=var .venv/bin/python -m parvis ingest --source kali --source contribution
    PARVIS_DATA_DIR=var .venv/bin/python bench/agreement_references.py

Reads the stored Q&A of PARVIS_DATA_DIR (the references as the ingestion
resolved them, parvis/corpus/agreement_citations.py) and prints, as Markdown,
how many of the agreement answers' references lead to a `kali:` article key:
over all of them, over those of agreements whose texts kali-data holds, and over
those that cite an article in force. The unresolved ones are sorted by cause,
with examples: the agreement has no text in kali-data (the territorial
metallurgy agreements, merged into IDCC 3248), the Légifrance id cited is of no
article in force (abrogated, or in no file of the package), or the number or
title matched nothing.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parvis.settings")

_KALI_ID = re.compile(r"KALIARTI\d{12}")


def main() -> None:
    import django

    django.setup()
    from parvis.corpus.enums import Kind
    from parvis.corpus.models import Document

    with_texts = {
        idcc
        for idcc, data in Document.objects.agreements().values_list("idcc", "data")
        if any(text["articles"] for text in data.get("texts", []))
    }
    counts, examples = Counter(), {}
    pairs = 0
    for answers in Document.objects.filter(kind=Kind.CONTRIBUTION).values_list(
        "data__answers", flat=True
    ):
        for answer in answers or []:
            pairs += 1
            for ref in answer["references"]:
                if ref["category"] != "agreement":
                    continue
                counts["references"] += 1
                if ref["keys"]:
                    counts["resolved"] += 1
                    cause = ""
                elif answer["idcc"] not in with_texts:
                    cause = "agreement without texts in kali-data"
                elif _KALI_ID.search(f"{ref['title']} {ref['url']}"):
                    cause = "Légifrance id of no article in force"
                else:
                    cause = "number or title matched nothing"
                if cause:
                    counts[cause] += 1
                    examples.setdefault(cause, []).append(
                        f"{answer['idcc']} « {ref['title'] or ref['url']} »"
                    )
                if answer["idcc"] in with_texts:
                    counts["held"] += 1
                    counts["held resolved"] += bool(ref["keys"])

    def share(part: int, whole: int) -> str:
        return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"

    unresolvable = counts["Légifrance id of no article in force"]
    print(
        f"{pairs} agreement answers in {Document.objects.filter(kind=Kind.CONTRIBUTION).count()}"
        " Q&A\n"
    )
    print("| agreement references | resolved to a `kali:` article key |")
    print("| --- | --- |")
    print(f"| all | {share(counts['resolved'], counts['references'])} |")
    print(
        f"| of agreements whose texts kali-data holds ({len(with_texts)}) | "
        f"{share(counts['held resolved'], counts['held'])} |"
    )
    print(
        "| of those, citing an article in force in kali-data | "
        f"{share(counts['held resolved'], counts['held'] - unresolvable)} |"
    )
    print("\n| unresolved, by cause | references | examples |")
    print("| --- | --- | --- |")
    for cause, found in sorted(examples.items(), key=lambda item: -len(item[1])):
        print(f"| {cause} | {len(found)} | {'; '.join(found[:4])} |")


if __name__ == "__main__":
    main()
