"""The case engine's tables: procedures and their revisions, instructor groups and
routing, dossiers with their transitions, corrections, messages, private annotations
and expert opinions, the audit log."""

from parvis.cases.models.audit import AuditEntry
from parvis.cases.models.dossiers import (
    CorrectionRequest,
    Dossier,
    DossierTransition,
    ExpertOpinion,
    Message,
    PrivateAnnotation,
)
from parvis.cases.models.files import ScanStatus, StoredFile
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
    "ExpertOpinion",
    "InstructorGroup",
    "Message",
    "PrivateAnnotation",
    "Procedure",
    "ProcedureRevision",
    "RoutingRule",
    "ScanStatus",
    "StoredFile",
]
