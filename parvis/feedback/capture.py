"""What the pages call to record a visitor's actions: each call builds one
event (its id made here, so pages can link to it at once), scrubs what the
visitor typed, applies the per-visit caps and queues it for writing."""

from __future__ import annotations

import uuid

from django.utils import timezone

from parvis.feedback.caps import VisitCaps
from parvis.feedback.models import MAX_QUERY_LENGTH
from parvis.feedback.recorder import recorder
from parvis.feedback.scrub import scrub

# Per visit and per hour: a visitor reads a few dozen pages, a script thousands.
caps = VisitCaps({"impression": 600, "click": 300, "vote": 30}, window_seconds=3600)
MAX_DWELL_MS = 2 * 3600 * 1000  # a tab left open for a day is not reading time


def _event(event: str, visit: str, event_id: str | None = None, /, **fields) -> str | None:
    if not caps.allow(visit, event, fields.pop("once_key", "")):
        return None
    event_id = event_id or str(uuid.uuid4())
    recorder.add(
        event, {"id": event_id, "visit": visit, "created": timezone.now().isoformat(), **fields}
    )
    return event_id


def record_impression(
    visit: str, query: str, kind: str, offset: int, keys: list[str], previous: str | None
) -> str | None:
    """A page of results shown; its id, for the result links (None past the cap)."""
    return _event(
        "impression",
        visit,
        query=scrub(query)[:MAX_QUERY_LENGTH],
        kind=kind or "",
        offset=offset,
        results=list(keys),
        previous=previous,
    )


def record_click(
    visit: str, impression: str, position: int, click_id: str | None = None
) -> str | None:
    """The same result of the same impression counts once, however often it is
    clicked. `click_id`: the id the page chose (to report reading time)."""
    return _event(
        "click",
        visit,
        click_id,
        impression=impression,
        position=position,
        once_key=f"{impression}:{position}",
    )


def record_dwell(click: str, dwell_ms: int) -> None:
    recorder.add("dwell", {"click": click, "dwell_ms": min(max(dwell_ms, 0), MAX_DWELL_MS)})


def record_vote(visit: str, key: str, helpful: bool, reason: str = "") -> str | None:
    """One vote per visit and document: the first counts."""
    return _event("vote", visit, key=key, helpful=helpful, reason=reason, once_key=key)
