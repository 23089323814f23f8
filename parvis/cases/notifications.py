"""E-mails to applicants (Django's e-mail backend: console in development, SMTP
when configured). Texts are French templates under cases/emails/."""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def _send(template: str, subject: str, to: str, context: dict) -> None:
    if not to:
        return
    body = render_to_string(f"cases/emails/{template}.txt", context)
    try:
        send_mail(subject, body, None, [to])
    except OSError as error:  # an SMTP outage never undoes the filing
        logger.error("e-mail %s to dossier %s not sent: %s", template, context, error)


def dossier_filed(dossier) -> None:
    _send(
        "dossier_filed",
        f"[Parvis] Dossier n° {dossier.pk} déposé : {dossier.procedure.title}",
        dossier.applicant.email,
        {"dossier": dossier},
    )
