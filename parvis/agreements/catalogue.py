"""The agreements the picker chooses from: those of the ingested corpus, read again
only when an ingestion changed them (reading them costs about 40 ms on the full
corpus: their JSON data holds the lists of their texts)."""

import threading

from django.db.models import Count, Max

from parvis.agreements.picker import Agreement
from parvis.corpus.models import Document
from parvis.corpus.text import squash

_cached: dict[str, tuple[tuple, tuple[Agreement, ...]]] = {}
_lock = threading.Lock()


def _read() -> tuple[Agreement, ...]:
    rows = Document.objects.agreements().values_list(
        "idcc", "title", "data__short_title", "data__effectif", "slug"
    )
    return tuple(
        Agreement(idcc, squash(title), squash(short or title), int(effectif or 0), slug)
        for idcc, title, short, effectif, slug in rows
        if idcc
    )


def agreements() -> tuple[Agreement, ...]:
    """Every agreement of the corpus, by IDCC: one light query (how many, changed
    when), and the full read when that changed."""
    stamp = tuple(
        Document.objects.agreements()
        .order_by()
        .aggregate(count=Count("id"), changed=Max("ingested_at"))
        .values()
    )
    cached = _cached.get("agreements")
    if cached and cached[0] == stamp:
        return cached[1]
    with _lock:
        found = _read()
        _cached["agreements"] = (stamp, found)
    return found
