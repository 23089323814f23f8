"""Stored links to other documents (`key_href(key)`, i.e. `/document/<key>`) become
our page URLs when a page renders, with one database query per call.

    {% load document_links %}
    {% filter document_links %} ... any HTML ... {% endfilter %}

rewrites every `href="/document/<key>"` of the HTML it wraps; keys we do not hold
keep their `/document/<key>` link (which answers 404). `resolve_keys(keys)` gives the
URLs of keys directly, for code that holds keys rather than HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

from parvis.corpus.links import document_url
from parvis.corpus.models import Document

register = template.Library()

KEY_HREF = re.compile(r'href="/document/(?P<key>[a-z]+:[A-Za-z0-9_.-]{1,100})"')


def resolve_keys(keys: Iterable[str]) -> dict[str, str]:
    """{key: page URL} for the documents we hold among `keys` (one query, none if empty)."""
    keys = set(keys)
    if not keys:
        return {}
    rows = Document.objects.filter(key__in=keys).values_list("key", "kind", "slug", "idcc")
    return {key: document_url(kind, slug, idcc) for key, kind, slug, idcc in rows}


@register.filter(name="document_links", is_safe=True)
def document_links(html) -> str:
    """Rewrite `href="/document/<key>"` links to the documents' page URLs (the result
    is safe when the HTML given was)."""
    text = str(html)
    urls = resolve_keys(match["key"] for match in KEY_HREF.finditer(text))
    if not urls:
        return html

    def replace(match: re.Match) -> str:
        url = urls.get(match["key"])
        return f'href="{escape(url)}"' if url else match[0]

    rewritten = KEY_HREF.sub(replace, text)
    return mark_safe(rewritten) if isinstance(html, SafeData) else rewritten
