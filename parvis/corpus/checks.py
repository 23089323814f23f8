"""Checks of the stored corpus that a reader would notice: markup shown as text,
dates that cannot be modification dates, links that are page URLs instead of
keys, links to documents we do not hold. Each returns its findings (empty when
all is well); tests run them over the fixture corpus, `check_corpus` over the
real one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from parvis.corpus.links import page_url_prefixes
from parvis.corpus.models import Document

# Escaped tags shown as text ("&lt;Tab title=…&gt;") and the Q&A's own
# components left raw (<Tab>, <HDN>, <Content>).
LEAKED_MARKUP = re.compile(r"&lt;/?[A-Za-z][\w-]*(?:\s|/|&gt;)|</?(?:Tab|HDN|Content)\b")
# A page URL of ours as a link (or a whole stored URL): stored HTML names
# documents by key (`/document/<key>`), never by page URL.


def page_url_pattern() -> re.Pattern:
    """A link (or a whole stored URL) to one of our pages, read from the URL conf."""
    prefixes = "|".join(re.escape(prefix) for prefix in sorted(page_url_prefixes()))
    return re.compile(rf"""(?:href=["']|^)/(?:{prefixes})/""")


KEY_LINK = re.compile(r"/document/([a-z]+:[A-Za-z0-9_.-]{1,100})")


@dataclass(frozen=True)
class Finding:
    key: str
    where: str  # "html" or the path of a value in `data` ("sections.2.html")
    detail: str

    def __str__(self) -> str:
        return f"{self.key} {self.where}: {self.detail}"


def stored_strings(html: str, data) -> Iterator[tuple[str, str]]:
    """(where, text) for a document's HTML and every string of its data."""
    yield "html", html or ""

    def walk(value, path):
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            for name, item in value.items():
                yield from walk(item, f"{path}.{name}" if path else str(name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, f"{path}.{index}" if path else str(index))

    yield from walk(data or {}, "")


def _documents(queryset=None):
    queryset = Document.objects.all() if queryset is None else queryset
    return queryset.values_list("key", "html", "data").iterator(chunk_size=2000)


def _excerpt(text: str, start: int) -> str:
    return text[max(0, start - 30) : start + 50].replace("\n", " ")


def leaked_markup(queryset=None) -> list[Finding]:
    """Stored HTML showing tags as text, or custom components left raw."""
    findings = []
    for key, html, data in _documents(queryset):
        for where, text in stored_strings(html, data):
            if match := LEAKED_MARKUP.search(text):
                findings.append(Finding(key, where, _excerpt(text, match.start())))
    return findings


def future_dates(today: date | None = None, queryset=None) -> list[Finding]:
    """Modification dates after today (a sentinel such as 2999-01-01, or a change
    not yet in force): the document's own and its agreement texts'."""
    today = today or date.today()
    queryset = Document.objects.all() if queryset is None else queryset
    findings = [
        Finding(key, "modified", str(modified))
        for key, modified in queryset.filter(modified__gt=today).values_list("key", "modified")
    ]
    texts = queryset.filter(data__has_key="texts").values_list("key", "data")
    for key, data in texts.iterator(chunk_size=500):
        for index, text in enumerate(data.get("texts") or []):
            if (text.get("modified") or "") > today.isoformat():
                findings.append(Finding(key, f"texts.{index}.modified", text["modified"]))
    return findings


def page_urls(queryset=None) -> list[Finding]:
    """Links (or stored URLs) that are page URLs of ours instead of key links."""
    findings, page_url = [], page_url_pattern()
    for key, html, data in _documents(queryset):
        for where, text in stored_strings(html, data):
            if match := page_url.search(text):
                findings.append(Finding(key, where, _excerpt(text, match.start())))
    return findings


def dangling_key_links(queryset=None) -> tuple[int, list[Finding]]:
    """How many key links stored HTML holds, and those naming a key we do not hold."""
    held = set(Document.objects.values_list("key", flat=True))
    total, findings = 0, []
    for key, html, data in _documents(queryset):
        for where, text in stored_strings(html, data):
            for target in KEY_LINK.findall(text):
                total += 1
                if target not in held:
                    findings.append(Finding(key, where, target))
    return total, findings
