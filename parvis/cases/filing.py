"""Filing a dossier as its applicant: the workflow's "deposer", then the receipt
e-mail, sent once the transaction is committed (never for a filing rolled back)."""

from django.db import transaction

from parvis.cases import notifications, workflow


def file_dossier(dossier, applicant, *, now=None):
    """Raises the workflow's CaseError (InvalidDossier with per-field errors) unchanged."""
    with transaction.atomic():
        filed = workflow.apply("deposer", dossier, actor=applicant, now=now)
        transaction.on_commit(lambda: notifications.dossier_filed(filed))
    return filed


def resubmit_corrected(dossier, applicant, *, now=None):
    """Send back a dossier whose correction was asked ("corriger")."""
    return workflow.apply("corriger", dossier, actor=applicant, now=now)


def withdraw(dossier, applicant, reason: str = "", *, now=None):
    return workflow.apply("retirer", dossier, actor=applicant, reason=reason, now=now)
