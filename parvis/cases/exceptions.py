"""Errors of the case engine. Each carries a French message a user may read as is."""


class CaseError(Exception):
    """Base class: `str(error)` is a French sentence fit for a page or an API answer."""


class TransitionNotAllowed(CaseError):
    """The transition does not start from the dossier's current state (nothing changed)."""


class RoleNotAllowed(CaseError):
    """The person is not allowed to do this on this dossier (nothing changed)."""


class InvalidDossier(CaseError):
    """The answers do not satisfy the form: `errors` maps a field path to its message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        count = len(errors)
        super().__init__(
            "Le dossier contient une erreur."
            if count == 1
            else f"Le dossier contient {count} erreurs."
        )


class ProcedureNotReady(CaseError):
    """The procedure cannot be published or cannot take dossiers yet."""


class RevisionFrozen(CaseError):
    """A published revision never changes: dossiers filled in on it depend on it."""


class AuditLogIsAppendOnly(CaseError):
    """Audit entries are written once and never changed or deleted."""
