"""Text helpers shared by loaders: slugs, whitespace, HTML to text, sanitising."""

import html as html_lib
import re
import unicodedata

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "sup",
    "sub",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "h2",
    "h3",
    "h4",
    "h5",
    "blockquote",
    "span",
    "div",
    "abbr",
    "dl",
    "dt",
    "dd",
    "hr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
}

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|tr|h\d|div|table|ul|ol|blockquote)>|<br\s*/?>", re.I)


def fold(text: str) -> str:
    """Lower case, without accents: how a visitor's words are compared with names."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def squash(text: str) -> str:
    """Collapse runs of whitespace (including non-breaking spaces) to one space.
    str.split() splits on exactly the characters `\\s` matches (both use Python's
    Unicode whitespace test), several times faster than a regex substitution."""
    return " ".join((text or "").split())


def slugify(value: str, max_length: int = 120) -> str:
    value = unicodedata.normalize("NFKD", value or "").encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-zA-Z0-9]+", "-", value).strip("-").lower()
    return value[:max_length].rstrip("-") or "document"


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment, keeping block boundaries as spaces."""
    markup = _BLOCK_END.sub(lambda m: m.group(0) + " ", markup or "")
    return squash(html_lib.unescape(_TAG.sub("", markup)))


def sanitize_html(markup: str, rewrite_link=None) -> str:
    """Keep a safe subset of HTML; `rewrite_link(href)` may map links to our pages."""

    def attribute_filter(tag, attr, value):
        if tag == "a" and attr == "href" and rewrite_link is not None:
            return rewrite_link(value)
        if attr == "title":  # a tooltip is plain text ("4<sup>e</sup> Plan" -> "4e Plan")
            return _TAG.sub("", value)
        return value

    return nh3.clean(
        markup or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=attribute_filter,
        link_rel="noopener noreferrer",
        url_schemes={"http", "https", "mailto"},
    )
