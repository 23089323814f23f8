"""Who sees which dossier, and the named reads of the dossier list."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from parvis.cases import workflow
from parvis.cases.enums import DossierState
from parvis.cases.models import Dossier, InstructorGroup, RoutingRule
from tests.cases.factories import T0, make_dossier, make_procedure, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def routed():
    """A procedure with a Rhône group (routing by commune → département) and a default one."""
    default_agent, rhone_agent = make_user("agent_defaut"), make_user("agent_rhone")
    procedure = make_procedure(instructors=[default_agent], publish=False)
    rhone = InstructorGroup.objects.create(procedure=procedure, label="Rhône")
    rhone.members.add(rhone_agent)
    RoutingRule.objects.create(procedure=procedure, field_id="commune", value="69", group=rhone)
    from parvis.cases import publishing

    publishing.publish(procedure, now=T0)
    return procedure, default_agent, rhone_agent, rhone


def _filed(procedure, commune, now=T0):
    answers = {"nom": "Martin", "commune": commune}
    return make_dossier(procedure, answers=answers, file=True, now=now)


def test_routing_by_field_value_with_a_default_group(routed):
    procedure, _, _, rhone = routed
    assert _filed(procedure, "69123").group == rhone
    assert _filed(procedure, "75056").group.is_default
    assert _filed(procedure, "2A004").group.is_default


def test_applicant_sees_only_own_dossiers(routed):
    procedure, *_ = routed
    mine, theirs = _filed(procedure, "75056"), _filed(procedure, "75056")
    draft = make_dossier(procedure, mine.applicant)
    assert set(Dossier.objects.visible_to(mine.applicant)) == {mine, draft}
    assert theirs not in Dossier.objects.visible_to(mine.applicant)


def test_agent_sees_only_filed_dossiers_of_their_groups(routed):
    procedure, default_agent, rhone_agent, _ = routed
    lyon, paris = _filed(procedure, "69123"), _filed(procedure, "75056")
    draft = make_dossier(procedure)
    assert list(Dossier.objects.visible_to(rhone_agent)) == [lyon]
    assert list(Dossier.objects.visible_to(default_agent)) == [paris]
    assert draft not in Dossier.objects.visible_to(default_agent)
    other_procedure_agent = make_user()
    make_procedure(instructors=[other_procedure_agent])
    assert not Dossier.objects.visible_to(other_procedure_agent).exists()


def test_nobody_else_sees_anything(routed):
    procedure, *_ = routed
    _filed(procedure, "69123")
    assert not Dossier.objects.visible_to(AnonymousUser()).exists()
    assert not Dossier.objects.visible_to(None).exists()
    assert not Dossier.objects.visible_to(make_user(is_staff=True)).exists()


def test_agent_in_two_groups_sees_each_dossier_once(routed):
    procedure, default_agent, _, rhone = routed
    rhone.members.add(default_agent)
    dossiers = [_filed(procedure, "69123"), _filed(procedure, "75056")]
    assert sorted(Dossier.objects.visible_to(default_agent), key=lambda d: d.pk) == dossiers


def test_listing_is_one_query(routed, django_assert_num_queries):
    procedure, default_agent, *_ = routed
    for _ in range(3):
        _filed(procedure, "75056")
    with django_assert_num_queries(1):
        listed = list(
            Dossier.objects.visible_to(default_agent).select_related("procedure", "group")
        )
        assert len(listed) == 3 and {d.group.label for d in listed} == {"Défaut"}


def test_named_reads(routed):
    procedure, default_agent, _, rhone = routed
    early = _filed(procedure, "75056", now=T0)
    late = _filed(procedure, "69123", now=T0 + dt.timedelta(days=10))
    workflow.apply("passer_en_instruction", early, actor=default_agent)
    everything = Dossier.objects.of_procedure(procedure)
    assert list(everything.in_state(DossierState.EN_INSTRUCTION)) == [early]
    assert set(everything.in_state(DossierState.EN_INSTRUCTION, DossierState.EN_CONSTRUCTION)) == {
        early,
        late,
    }
    assert list(everything.filed_between(T0, T0 + dt.timedelta(days=1))) == [early]
    assert list(everything.filed_between(T0 + dt.timedelta(days=1), None)) == [late]
    assert list(everything.in_group(rhone)) == [late]
