"""`{{ html|document_links }}`: stored HTML's links to other documents, by key
(`/document/<key>`, see parvis.corpus.links.key_href), become their page URLs."""

import re

from django import template
from django.utils.safestring import mark_safe

from parvis.corpus.links import document_url
from parvis.corpus.models import Document

register = template.Library()

_KEY_LINK = re.compile(r'href="/document/([a-z]+:[A-Za-z0-9_.-]{1,100})([#?][^"]*)?"')


@register.filter
def document_links(html: str) -> str:
    """The stored (sanitised) HTML with its key links pointing at our pages, in one
    query; a key we do not hold keeps its `/document/<key>` link."""
    keys = {match.group(1) for match in _KEY_LINK.finditer(html or "")}
    if not keys:
        return mark_safe(html or "")  # sanitised at ingestion
    urls = {
        key: document_url(kind, slug, idcc)
        for key, kind, slug, idcc in Document.objects.filter(key__in=keys).values_list(
            "key", "kind", "slug", "idcc"
        )
    }

    def page_link(match) -> str:
        url = urls.get(match.group(1), f"/document/{match.group(1)}")
        return f'href="{url}{match.group(2) or ""}"'

    return mark_safe(_KEY_LINK.sub(page_link, html))  # sanitised at ingestion
