"""What pages and the API call: run a calculator for an agreement chosen by IDCC,
and resolve each rule's references to the documents we hold."""

from __future__ import annotations

import re
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


def check_agreement(slug: str, idcc: str) -> str:
    """The normalized IDCC, if some calculator has its rule or the corpus holds it."""
    idcc = normalize_idcc(idcc)
    if not idcc:
        return ""
    calculator = get_calculator(slug)
    if idcc in calculator.agreements:
        return idcc
    if Document.objects.agreements().filter(idcc=idcc).exists():
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


def resolve_references(*rules: Rule | None) -> list[ResolvedReference]:
    """Each rule's references, in order, once, with our page's URL (one query)."""
    refs: list[Reference] = []
    for rule in rules:
        for ref in rule.references if rule else ():
            if ref.key not in {r.key for r in refs}:
                refs.append(ref)
    documents = {d.key: d for d in Document.objects.filter(key__in=[r.key for r in refs])}
    resolved = []
    for ref in refs:
        document = documents.get(ref.key)
        resolved.append(
            ResolvedReference(
                key=ref.key,
                label=ref.label,
                url=document.get_absolute_url() if document else f"/document/{ref.key}",
                official_url=document.official_url if document else "",
                held=document is not None,
            )
        )
    return resolved


def agreement_title(idcc: str) -> str:
    if not idcc:
        return ""
    agreement = Document.objects.agreements().filter(idcc=idcc).only("title").first()
    return agreement.title if agreement else f"IDCC {idcc}"
