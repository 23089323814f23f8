"""Small factories for the case engine (no official data exists for dossiers)."""

import datetime as dt
import itertools

from django.contrib.auth import get_user_model

from parvis.cases import editing, publishing, workflow
from parvis.cases.models import InstructorGroup

_counter = itertools.count(1)
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

FORM = [
    {"type": "section", "id": "identite", "label": "Votre identité"},
    {"type": "short_text", "id": "nom", "label": "Nom", "required": True},
    {"type": "commune", "id": "commune", "label": "Commune de résidence", "required": True},
    {"type": "yes_no", "id": "a_un_employeur", "label": "Avez-vous un employeur ?"},
    {
        "type": "siret",
        "id": "siret",
        "label": "SIRET de l'employeur",
        "required": True,
        "condition": {"op": "equals", "field": "a_un_employeur", "value": True},
    },
]
ANSWERS = {"nom": "Dupont", "commune": "69123", "a_un_employeur": "non"}


def make_user(name=None, **extra):
    name = name or f"user{next(_counter)}"
    return get_user_model().objects.create_user(username=name, email=f"{name}@example.fr", **extra)


def make_procedure(definition=FORM, *, instructors=(), publish=True, **attributes):
    number = next(_counter)
    procedure = publishing.create_procedure(
        title=f"Démarche {number}", slug=f"demarche-{number}", definition=definition, **attributes
    )
    group = InstructorGroup.objects.create(procedure=procedure, label="Défaut", is_default=True)
    group.members.add(*instructors)
    if publish:
        publishing.publish(procedure, now=T0)
    return procedure


def make_dossier(procedure, applicant=None, answers=ANSWERS, *, file=False, now=T0):
    dossier = editing.start_dossier(procedure, applicant or make_user())
    editing.save_draft(dossier, dossier.applicant, answers)
    if file:
        dossier = workflow.apply("deposer", dossier, actor=dossier.applicant, now=now)
    return dossier


def instructor_of(dossier):
    return dossier.group.members.first()
