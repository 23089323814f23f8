"""HTML size of every agreement page and agreement text page of the full corpus.

    PARVIS_DATA_DIR=var .venv/bin/python bench/agreement_pages.py

Renders, through Django's test client on the database of PARVIS_DATA_DIR, the
page of every agreement (its Q&A answers, then its texts as a table of contents,
or the list of its texts when it has over 400 articles) and the first page of
each text of the large ones; prints the largest of each kind, how many pass the
200 KB HTML limit of issue 10 (they must be none), and the render times.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parvis.settings")

HTML_LIMIT = 200_000


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from parvis.corpus.models import Document
    from parvis.www.views.documents import INLINE_ARTICLES

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    sizes: dict[str, list[tuple[int, float, str]]] = {"agreement": [], "text": []}
    for agreement in Document.objects.agreements():
        url = agreement.get_absolute_url()
        started = time.perf_counter()
        response = client.get(url)
        sizes["agreement"].append((len(response.content), time.perf_counter() - started, url))
        assert response.status_code == 200, url
        texts = agreement.data.get("texts", [])
        if sum(len(t["articles"]) for t in texts) <= INLINE_ARTICLES:
            continue
        for text in texts:
            if not text["articles"]:
                continue
            url = reverse("www:agreement_text", args=[agreement.idcc, text["cid"]])
            started = time.perf_counter()
            response = client.get(url)
            sizes["text"].append((len(response.content), time.perf_counter() - started, url))
            assert response.status_code == 200, url
    print("| pages | count | largest HTML | over 200 KB | median render | slowest render |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for kind, found in sizes.items():
        found.sort()
        times = sorted(t for _, t, _ in found)
        print(
            f"| {kind} | {len(found)} | {found[-1][0] / 1000:.1f} KB ({found[-1][2]}) | "
            f"{sum(size > HTML_LIMIT for size, _, _ in found)} | "
            f"{1000 * times[len(times) // 2]:.0f} ms | {1000 * times[-1]:.0f} ms |"
        )


if __name__ == "__main__":
    main()
