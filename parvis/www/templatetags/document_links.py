"""Stored links to other documents (`key_href(key)`, i.e. `/document/<key>`, with
an optional `#anchor` or `?query`) become our page URLs when a page renders, with
one database query per call (none when there is no key link).

    {% load document_links %}
    {{ document.html|document_links }}            stored HTML, sanitised at ingestion
    {% filter document_links %} ... {% endfilter %}   template output

Keys we do not hold keep their `/document/<key>` link (which answers 404).
`resolve_keys(keys)` gives the URLs of keys directly, for code that holds keys
rather than HTML. The input must already be safe HTML (sanitised at ingestion or
rendered by a template): the result is marked safe, as `|safe` did.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from parvis.corpus.links import document_url
from parvis.corpus.models import Document

register = template.Library()

KEY_HREF = re.compile(r'href="/document/(?P<key>[a-z]+:[A-Za-z0-9_.-]{1,100})(?P<rest>[#?][^"]*)?"')


def resolve_keys(keys: Iterable[str]) -> dict[str, str]:
    """{key: page URL} for the documents we hold among `keys` (one query, none if empty)."""
    keys = set(keys)
    if not keys:
        return {}
    rows = Document.objects.filter(key__in=keys).values_list("key", "kind", "slug", "idcc")
    return {key: document_url(kind, slug, idcc) for key, kind, slug, idcc in rows}


@register.filter(name="document_links")
def document_links(html) -> str:
    """Rewrite `href="/document/<key>"` links to the documents' page URLs."""
    text = str(html or "")
    urls = resolve_keys(match["key"] for match in KEY_HREF.finditer(text))

    def replace(match: re.Match) -> str:
        url = urls.get(match["key"])
        return f'href="{escape(url)}{match["rest"] or ""}"' if url else match[0]

    return mark_safe(KEY_HREF.sub(replace, text) if urls else text)  # noqa: S308 - see module doc
