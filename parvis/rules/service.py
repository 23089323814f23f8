"""What pages and the API call: run a calculator for an agreement chosen by IDCC,
and resolve each rule's references to the documents we hold."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from parvis.corpus.models import Document
from parvis.rules.definitions import Reference, Rule
from parvis.rules.evaluator import Calculation, compute, get_calculator

IDCC_PATTERN = re.compile(r"^\d{1,4}$")


class UnknownAgreement(LookupError):
    """An IDCC that is neither a rule of ours nor an agreement of the corpus."""

    def __init__(self, idcc: str):
        super().__init__(idcc)
        self.reason = f"convention collective inconnue : IDCC {idcc}"


def normalize_idcc(idcc: str | None) -> str:
    """'44', '0044', 'IDCC0044' -> '0044'; '' for none; UnknownAgreement if not an IDCC."""
    text = (idcc or "").strip().upper().removeprefix("IDCC").strip("' ")
    if not text:
        return ""
    if not IDCC_PATTERN.match(text):
        raise UnknownAgreement(text[:20])
    return text.zfill(4)


_IDCCS: tuple[float, frozenset] = (0.0, frozenset())
IDCCS_TTL = 60.0  # seconds: a new ingestion is seen within a minute


def corpus_idccs() -> frozenset:
    """The IDCCs of the agreements the corpus holds (one query a minute, not a call)."""
    global _IDCCS
    loaded_at, idccs = _IDCCS
    if time.monotonic() - loaded_at > IDCCS_TTL or not idccs:
        idccs = frozenset(Document.objects.agreements().values_list("idcc", flat=True))
        _IDCCS = (time.monotonic(), idccs)
    return idccs


def check_agreement(slug: str, idcc: str) -> str:
    """The normalized IDCC, if some calculator has its rule or the corpus holds it."""
    idcc = normalize_idcc(idcc)
    if not idcc:
        return ""
    calculator = get_calculator(slug)
    if idcc in calculator.agreements:
        return idcc
    if idcc in corpus_idccs():
        return idcc
    raise UnknownAgreement(idcc)


def run(slug: str, answers: dict, idcc: str | None = "", scope: str = "final") -> Calculation:
    return compute(slug, answers, check_agreement(slug, idcc or ""), scope)


@dataclass(frozen=True)
class ResolvedReference:
    key: str
    label: str
    url: str  # our page when we hold the article, else the key's redirect
    official_url: str
    held: bool


_PAGES: dict[str, tuple[float, tuple[str, str] | None]] = {}


def _pages(keys: list[str]) -> dict[str, tuple[str, str] | None]:
    """(our page, official URL) of each key, None when not held; cached a minute."""
    now = time.monotonic()
    missing = [k for k in keys if k not in _PAGES or now - _PAGES[k][0] > IDCCS_TTL]
    if missing:
        found = {d.key: d for d in Document.objects.filter(key__in=missing)}
        for key in missing:
            document = found.get(key)
            page = (document.get_absolute_url(), document.official_url) if document else None
            _PAGES[key] = (now, page)
    return {key: _PAGES[key][1] for key in keys}


def resolve_references(*rules: Rule | None) -> list[ResolvedReference]:
    """Each rule's references, in order, once, with our page's URL."""
    refs: list[Reference] = []
    for rule in rules:
        for ref in rule.references if rule else ():
            if ref.key not in {r.key for r in refs}:
                refs.append(ref)
    pages = _pages([r.key for r in refs])
    return [
        ResolvedReference(
            key=ref.key,
            label=ref.label,
            url=pages[ref.key][0] if pages[ref.key] else f"/document/{ref.key}",
            official_url=pages[ref.key][1] if pages[ref.key] else "",
            held=pages[ref.key] is not None,
        )
        for ref in refs
    ]


def agreement_title(idcc: str) -> str:
    if not idcc:
        return ""
    agreement = Document.objects.agreements().filter(idcc=idcc).only("title").first()
    return agreement.title if agreement else f"IDCC {idcc}"
