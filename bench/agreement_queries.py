"""Write the picker's test set, bench/expected/agreement-picker-queries.jsonl, from
the kali-data package in node_modules: for every agreement its IDCC with and
without leading zeros, its short title, its title, its short title in lower case
without accents after "convention collective", a misspelling of its short title;
and every usual name of parvis/agreements/names.py, and a misspelling of it.

    .venv/bin/python bench/agreement_queries.py

Each line: {"query", "kind", "expected": [IDCCs any of which is right at rank 1]}.
The answer to a replaced agreement is its successor (names.SUPERSEDED); when
several agreements share the very text queried (the same short title), any of
them is right. Misspellings are deterministic: one edit (a letter dropped,
doubled, swapped with the next or replaced by its keyboard neighbour) at a
position drawn by a random generator seeded with the IDCC.
"""

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

from agreement_catalogue import kali_agreements  # noqa: E402

from parvis.agreements.names import SUPERSEDED, USUAL_NAMES  # noqa: E402
from parvis.agreements.picker import normalise  # noqa: E402
from parvis.corpus.text import fold  # noqa: E402

OUT = Path(__file__).resolve().parent / "expected" / "agreement-picker-queries.jsonl"
NEIGHBOURS = dict(zip("azertyuiopqsdfghjklmwxcvbn", "zertyuiopaqsdfghjklmwxcvbn", strict=True))


def successor(idcc: str) -> str:
    return SUPERSEDED.get(idcc, (idcc, ""))[0]


def misspell(text: str, seed: str) -> str:
    """One edit inside a word of 5 letters or more (the words a visitor spells out)."""
    rng = random.Random(seed)
    words = text.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long_words:
        return text
    index = rng.choice(long_words)
    word = words[index]
    position = rng.randrange(1, len(word) - 1)
    edit = rng.choice(["drop", "double", "swap", "neighbour"])
    if edit == "drop":
        word = word[:position] + word[position + 1 :]
    elif edit == "double":
        word = word[:position] + word[position] + word[position:]
    elif edit == "swap":
        word = word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    else:
        letter = word[position].lower()
        word = word[:position] + NEIGHBOURS.get(letter, letter) + word[position + 1 :]
    words[index] = word
    return " ".join(words)


def queries():
    agreements = kali_agreements()
    by_text = defaultdict(set)  # the same text names several agreements: any is right
    for a in agreements:
        by_text[normalise(a.short_title)].add(successor(a.idcc))
        by_text[normalise(a.title)].add(successor(a.idcc))
    for a in agreements:
        right = successor(a.idcc)
        yield {"query": a.idcc.lstrip("0"), "kind": "idcc", "expected": [right]}
        yield {"query": a.idcc, "kind": "idcc_zeros", "expected": [right]}
        for kind, text in (("short_title", a.short_title), ("title", a.title)):
            yield {"query": text, "kind": kind, "expected": sorted(by_text[normalise(text)])}
        # as typed in a search box: lower case, no accents, "convention collective" first
        yield {
            "query": f"convention collective {fold(a.short_title)}",
            "kind": "prefixed_no_accents",
            "expected": sorted(by_text[normalise(a.short_title)]),
        }
        typo = misspell(a.short_title, a.idcc)
        yield {
            "query": typo,
            "kind": "misspelling",
            "expected": sorted(by_text[normalise(a.short_title)]),
        }
    for name, idccs in USUAL_NAMES.items():
        yield {"query": name, "kind": "usual_name", "expected": [successor(idccs[0])]}
        yield {
            "query": misspell(name, name),
            "kind": "usual_name_misspelling",
            "expected": [successor(idccs[0])],
        }


def main() -> int:
    rows = list(queries())
    OUT.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
    print(f"{len(rows)} queries written to {OUT.relative_to(Path.cwd())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
