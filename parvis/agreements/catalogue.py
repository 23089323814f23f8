"""The agreements the picker chooses from: those of the ingested corpus."""

from parvis.agreements.picker import Agreement
from parvis.corpus.models import Document
from parvis.corpus.text import squash


def agreements() -> tuple[Agreement, ...]:
    """Every agreement of the corpus, by IDCC (one light query, no texts loaded)."""
    rows = Document.objects.agreements().values_list(
        "idcc", "title", "data__short_title", "data__effectif", "slug"
    )
    return tuple(
        Agreement(idcc, squash(title), squash(short or title), int(effectif or 0), slug)
        for idcc, title, short, effectif, slug in rows
        if idcc
    )
