"""The agreements of the kali-data package as the picker sees them, read from
node_modules (the bench runs without an ingested corpus): IDCC, title, short
title and, where the package's index gives it, the workforce."""

import json
from pathlib import Path

from parvis.agreements.picker import Agreement
from parvis.corpus.text import squash

KALI_DATA = Path(__file__).resolve().parent.parent / "node_modules/@socialgouv/kali-data/data"


def kali_agreements(data: Path = KALI_DATA) -> tuple[Agreement, ...]:
    workforce = {
        str(entry["num"]).zfill(4): int(entry.get("effectif") or 0)
        for entry in json.loads((data / "index.json").read_text())
    }
    found = []
    for path in sorted(data.glob("KALICONT*.json")):
        info = json.loads(path.read_text())["data"]
        if info.get("num") in (None, ""):
            continue
        idcc = str(info["num"]).strip().zfill(4)
        title = squash(info.get("title", ""))
        found.append(
            Agreement(idcc, title, squash(info.get("shortTitle") or title), workforce.get(idcc, 0))
        )
    return tuple(sorted(found, key=lambda a: a.idcc))
