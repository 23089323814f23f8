"""Queued events to rows: JSON-safe dicts (they may travel through a Celery
broker) turned into model instances, created in bulk, then dwell times set."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.utils.dateparse import parse_datetime

from parvis.feedback.models import Click, Impression, Vote

CREATED = {"impression": Impression, "click": Click, "vote": Vote}


def write_batch(batch: list[tuple[str, dict]]) -> None:
    rows = defaultdict(list)
    dwells = []
    for kind, fields in batch:
        if kind == "dwell":
            dwells.append(fields)
            continue
        fields = {**fields, "created": parse_datetime(fields["created"])}
        rows[kind].append(CREATED[kind](**fields))
    with transaction.atomic():
        for kind, instances in rows.items():
            CREATED[kind].objects.bulk_create(instances, ignore_conflicts=True)
        for dwell in dwells:  # after the clicks: a click and its dwell may share a batch
            Click.objects.filter(id=dwell["click"], dwell_ms__isnull=True).update(
                dwell_ms=dwell["dwell_ms"]
            )
