"""The case engine's tables: procedures and their revisions, instructor groups and
routing, dossiers with their transitions, corrections and messages, the audit log."""

from parvis.cases.models.audit import AuditEntry
from parvis.cases.models.dossiers import (
    CorrectionRequest,
    Dossier,
    DossierTransition,
    Message,
)
from parvis.cases.models.procedures import (
    InstructorGroup,
    Procedure,
    ProcedureRevision,
    RoutingRule,
)

__all__ = [
    "AuditEntry",
    "CorrectionRequest",
    "Dossier",
    "DossierTransition",
    "InstructorGroup",
    "Message",
    "Procedure",
    "ProcedureRevision",
    "RoutingRule",
]
