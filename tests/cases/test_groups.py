"""Instructor groups and routing rules managed by a procedure's administrators."""

import pytest
from django.contrib.auth.models import Permission

from parvis.cases import groups, workflow
from parvis.cases.exceptions import CaseError, RoleNotAllowed
from parvis.cases.models import AuditEntry
from tests.cases.factories import make_dossier, make_procedure, make_user

pytestmark = pytest.mark.django_db


def make_admin(name="admin"):
    admin = make_user(name, is_staff=True)
    admin.user_permissions.add(Permission.objects.get(codename="change_instructorgroup"))
    return type(admin).objects.get(pk=admin.pk)  # permissions cache


def test_only_staff_with_the_permission_manage():
    assert groups.can_manage(make_admin())
    assert not groups.can_manage(make_user("staff", is_staff=True))
    assert groups.can_manage(make_user("root", is_staff=True, is_superuser=True))
    procedure = make_procedure()
    with pytest.raises(RoleNotAllowed):
        groups.create_group(procedure, "Rhône", by=make_user())


def test_groups_members_and_rules_route_new_dossiers():
    admin, agent = make_admin(), make_user("agente")
    procedure = make_procedure()
    rhone = groups.create_group(procedure, "  Rhône ", by=admin)
    assert rhone.label == "Rhône"
    with pytest.raises(CaseError, match="existe déjà"):
        groups.create_group(procedure, "Rhône", by=admin)
    groups.add_member(rhone, groups.find_user("AGENTE@example.fr"), by=admin)
    assert list(rhone.members.all()) == [agent]
    with pytest.raises(CaseError, match="Aucun compte"):
        groups.find_user("personne@example.fr")
    assert ("commune", "Commune de résidence") in groups.routable_fields(procedure)
    with pytest.raises(CaseError, match="Choisissez un champ"):
        groups.add_rule(procedure, "inconnu", "69", rhone, by=admin)
    with pytest.raises(CaseError, match="même démarche"):
        groups.add_rule(procedure, "commune", "69", make_procedure().groups.get(), by=admin)
    rule = groups.add_rule(procedure, "commune", "69", rhone, by=admin)
    filed = make_dossier(procedure, file=True)  # commune 69123: Rhône
    assert filed.group == rhone
    assert workflow.available(filed, agent)
    groups.delete_rule(rule, by=admin)
    assert make_dossier(procedure, file=True).group.is_default
    groups.remove_member(rhone, agent, by=admin)
    with pytest.raises(CaseError, match="ne fait pas partie"):
        groups.remove_member(rhone, agent, by=admin)
    actions = [e.action for e in AuditEntry.objects.filter(action__startswith="groupe.")]
    assert actions == [
        "groupe.creation",
        "groupe.ajout_agent",
        "groupe.regle_ajoutee",
        "groupe.regle_supprimee",
        "groupe.retrait_agent",
    ]
