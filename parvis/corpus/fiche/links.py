"""The fiches a fiche links to, read from its typed data (LINKS_TO relations)."""

from __future__ import annotations

import re

from parvis.corpus.fiche.blocks import Fiche, Link, fiche_key, inlines

FICHE_ID = re.compile(r"^[FNR]\d+$")


def linked_fiche_ids(fiche: Fiche) -> set[str]:
    """Ids of the fiches named by links in the body and the contacts (guided-search
    answers included),
    see also, questions, dossier items, how-to, related fiches, guided searches, the
    parent dossier and the services (R resources); not the fiche itself."""
    ids = {
        part.fiche
        for blocks in fiche.bodies()
        for part in inlines(blocks)
        if isinstance(part, Link)
    }
    ids.update(ref.id for ref in fiche.fiche_refs())
    ids.update(service.id for service in fiche.all_services())
    if fiche.parent:
        ids.add(fiche.parent.id)
    ids.discard(fiche.id)
    return {fiche_id for fiche_id in ids if FICHE_ID.match(fiche_id)}


def linked_keys(fiche: Fiche) -> list[str]:
    """Document keys of the fiches this one links to, sorted."""
    return sorted(fiche_key(fiche_id) for fiche_id in linked_fiche_ids(fiche))
