"""Administrators can see the case engine's tables in Django's admin."""

import pytest
from django.urls import reverse

from parvis.cases import instruction, messaging, workflow
from parvis.cases.models import AuditEntry, Procedure
from tests.cases.factories import instructor_of, make_dossier, make_procedure, make_user

pytestmark = pytest.mark.django_db

MODELS = [
    "procedure",
    "procedurerevision",
    "instructorgroup",
    "dossier",
    "correctionrequest",
    "message",
    "privateannotation",
    "expertopinion",
    "auditentry",
]


@pytest.fixture
def dossier():
    dossier = make_dossier(make_procedure(instructors=[make_user()]), file=True)
    agent = instructor_of(dossier)
    workflow.apply("passer_en_instruction", dossier, actor=agent)
    workflow.apply("demander_correction", dossier, actor=agent, reason="Pièce illisible")
    messaging.send_message(dossier, agent, "Merci de renvoyer la pièce.")
    instruction.annotate(dossier, agent, "Pièce floue.")
    instruction.request_opinion(dossier, agent, make_user(), "Est-ce lisible ?")
    return dossier


@pytest.mark.parametrize("model", MODELS)
def test_lists_and_pages_show(admin_client, dossier, model):
    listing = admin_client.get(reverse(f"admin:cases_{model}_changelist"))
    assert listing.status_code == 200
    obj = listing.context["cl"].result_list[0]
    page = admin_client.get(reverse(f"admin:cases_{model}_change", args=[obj.pk]))
    assert page.status_code == 200


def test_publish_action(admin_client):
    ready, not_ready = make_procedure(publish=False), make_procedure(publish=False)
    not_ready.groups.all().delete()
    response = admin_client.post(
        reverse("admin:cases_procedure_changelist"),
        {"action": "publish", "_selected_action": [ready.pk, not_ready.pk]},
        follow=True,
    )
    texts = [str(message) for message in response.context["messages"]]
    assert f"{ready} : révision 1 publiée." in texts
    assert any("groupe instructeur par défaut" in text for text in texts)
    assert Procedure.objects.get(pk=ready.pk).state == "publiee"
    assert Procedure.objects.get(pk=not_ready.pk).state == "brouillon"


def test_audit_log_cannot_be_changed_from_the_admin(admin_client, dossier):
    entry = AuditEntry.objects.first()
    url = reverse("admin:cases_auditentry_delete", args=[entry.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
