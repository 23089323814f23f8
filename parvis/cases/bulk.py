"""Transitions fired on several dossiers at once (the back office's bulk actions).

Each dossier goes through `workflow.apply` on its own, in its own transaction, so
the rules, the log and the audit chain are exactly those of a single action; a
dossier refused does not stop the others."""

from dataclasses import dataclass, field

from parvis.cases import assignment, workflow
from parvis.cases.exceptions import CaseError

BULK_TRANSITIONS = ("passer_en_instruction", "accepter", "classer_sans_suite")
ASSIGN = "attribuer"


@dataclass
class BulkResult:
    done: list[int] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)  # dossier id -> French reason


def apply_to_many(name: str, dossiers, *, actor, reason: str = "") -> BulkResult:
    """Fire transition `name` (or ASSIGN: assign to `actor`) on each dossier."""
    if name != ASSIGN and name not in BULK_TRANSITIONS:
        raise CaseError("Cette action ne peut pas être appliquée à plusieurs dossiers.")
    result = BulkResult()
    for dossier in dossiers:
        try:
            if name == ASSIGN:
                assignment.assign(dossier, actor)
            else:
                workflow.apply(name, dossier, actor=actor, reason=reason)
        except CaseError as error:
            result.refused[dossier.pk] = str(error)
        else:
            result.done.append(dossier.pk)
    return result
