"""What the agents' back office reads and does through the case engine: its
querysets (for_agent, search, with_answer), assignment, bulk transitions, readable
answers, exports and the one access check."""

import csv
import io

import pytest
from openpyxl import load_workbook

from parvis.cases import assignment, bulk, display, exports
from parvis.cases.access import can_read_dossier, can_read_dossier_as_agent, is_agent
from parvis.cases.enums import DossierState
from parvis.cases.exceptions import CaseError, RoleNotAllowed
from parvis.cases.models import AuditEntry, Dossier
from tests.cases.factories import instructor_of, make_dossier, make_procedure, make_user

pytestmark = pytest.mark.django_db

RICH_FORM = [
    {"type": "section", "id": "identite", "label": "Identité"},
    {"type": "short_text", "id": "nom", "label": "Nom", "required": True},
    {"type": "yes_no", "id": "majeur", "label": "Majeur ?"},
    {"type": "date", "id": "naissance", "label": "Date de naissance"},
    {"type": "decimal", "id": "revenu", "label": "Revenu"},
    {"type": "multiple_choice", "id": "aides", "label": "Aides", "options": ["APL", "RSA"]},
    {"type": "country", "id": "pays", "label": "Pays"},
    {"type": "commune", "id": "commune", "label": "Commune"},
    {
        "type": "postal_address",
        "id": "adresse",
        "label": "Adresse",
    },
    {
        "type": "linked_choice",
        "id": "lieu",
        "label": "Département",
        "secondary_label": "Commune",
        "options": {"Rhône": ["Lyon", "Villeurbanne"]},
    },
    {
        "type": "repeated_block",
        "id": "enfants",
        "label": "Enfants",
        "children": [
            {"type": "short_text", "id": "prenom", "label": "Prénom"},
            {"type": "file", "id": "acte", "label": "Acte de naissance"},
        ],
    },
    {"type": "file", "id": "piece", "label": "Pièce"},
]
FILE = {
    "name": "piece.pdf",
    "size": 2 * 1024 * 1024,
    "content_type": "application/pdf",
    "sha256": "a" * 64,
    "key": "dossiers/piece.pdf",
}
RICH_ANSWERS = {
    "nom": "Éléonore Dupré",
    "majeur": "oui",
    "naissance": "1990-05-17",
    "revenu": "1234,5",
    "aides": ["RSA", "APL"],
    "pays": "DE",
    "commune": "69123",
    "adresse": {"street": "1 rue de la Paix", "postal_code": "75002", "city": "Paris"},
    "lieu": {"primary": "Rhône", "secondary": "Lyon"},
    "enfants": [{"prenom": "Jules", "acte": FILE}],
    "piece": FILE,
}


@pytest.fixture
def agent():
    return make_user("instructrice")


@pytest.fixture
def rich(agent):
    procedure = make_procedure(RICH_FORM, instructors=[agent])
    return make_dossier(procedure, answers=RICH_ANSWERS, file=True)


def test_for_agent_is_instructed_and_consulted_dossiers_never_own_ones(agent):
    procedure = make_procedure(instructors=[agent])
    filed = make_dossier(procedure, file=True)
    draft = make_dossier(procedure)
    own = make_dossier(make_procedure(), applicant=agent, file=True)
    elsewhere = make_dossier(make_procedure(instructors=[make_user()]), file=True)
    assert list(Dossier.objects.for_agent(agent)) == [filed]
    assert own in Dossier.objects.visible_to(agent)  # the applicant's side sees it
    assert not can_read_dossier_as_agent(agent, own) and can_read_dossier(agent, own)
    assert not can_read_dossier_as_agent(agent, draft)
    assert not can_read_dossier(agent, elsewhere)
    from parvis.cases import instruction

    instruction.request_opinion(elsewhere, instructor_of(elsewhere), agent, "Votre avis ?")
    assert set(Dossier.objects.for_agent(agent)) == {filed, elsewhere}
    assert not Dossier.objects.for_agent(make_user()).exists()


def test_is_agent():
    procedure = make_procedure(instructors=[member := make_user()])
    assert is_agent(member)
    assert is_agent(make_user(is_staff=True))
    applicant = make_dossier(procedure, file=True).applicant
    assert not is_agent(applicant)


def test_search_by_number_email_and_answers_with_accents(rich, agent):
    procedure = rich.procedure
    other = make_dossier(procedure, answers={**RICH_ANSWERS, "nom": "Martin"}, file=True)
    mine = Dossier.objects.for_agent(agent)
    assert rich in mine.search(str(rich.pk))  # a number, or a text in the answers
    assert list(mine.search(f"n° {other.pk}")) == [other]
    assert list(mine.search(f"N°{rich.pk}")) == [rich]
    assert list(mine.search("75002")) != []
    assert list(mine.search(rich.applicant.email.upper())) == [rich]
    assert list(mine.search("éléonore")) == [rich]  # accents, any case on the ASCII part
    assert list(mine.search("Dupré")) == [rich]
    assert set(mine.search("rue de la paix")) == {rich, other}
    assert not mine.search("introuvable").exists()
    assert mine.search("   ").count() == 2


def test_with_answer(rich, agent):
    procedure = rich.procedure
    other = make_dossier(
        procedure, answers={**RICH_ANSWERS, "nom": "Martin", "majeur": "non"}, file=True
    )
    mine = Dossier.objects.for_agent(agent)
    assert list(mine.with_answer("nom", "mart")) == [other]
    assert list(mine.with_answer("majeur", "Oui")) == [rich]
    assert list(mine.with_answer("majeur", "non")) == [other]
    assert list(mine.with_answer("commune", "69123").order_by("pk")) == [rich, other]


def test_assignment(rich, agent):
    assignment.assign(rich, agent)
    assert Dossier.objects.get(pk=rich.pk).assignee == agent
    assert list(Dossier.objects.assigned_to(agent)) == [rich]
    assert AuditEntry.objects.for_dossier(rich).last().action == "dossier.attribution"
    with pytest.raises(RoleNotAllowed):
        assignment.assign(rich, make_user())


def test_bulk_applies_each_transition_through_the_workflow(agent):
    procedure = make_procedure(instructors=[agent])
    first, second = (make_dossier(procedure, file=True) for _ in range(2))
    result = bulk.apply_to_many("passer_en_instruction", [first], actor=agent)
    assert result.done == [first.pk] and not result.refused
    result = bulk.apply_to_many(
        "passer_en_instruction", Dossier.objects.filter(pk__in=[first.pk, second.pk]), actor=agent
    )
    assert result.done == [second.pk]
    assert "en instruction" in result.refused[first.pk]
    result = bulk.apply_to_many("classer_sans_suite", [first], actor=agent)
    assert "Indiquez le motif" in result.refused[first.pk]
    result = bulk.apply_to_many("classer_sans_suite", [first], actor=agent, reason="Doublon")
    assert result.done == [first.pk]
    assert Dossier.objects.get(pk=first.pk).state == DossierState.SANS_SUITE
    assert first.transitions.last().reason == "Doublon"
    with pytest.raises(CaseError):
        bulk.apply_to_many("refuser", [second], actor=agent)


def test_readable_answers(rich):
    rows = display.answer_rows(rich.revision, rich.answers)
    texts = {row.label: row.text for row in rows}
    assert rows[0].kind == "heading"
    assert texts["Majeur ?"] == "Oui"
    assert texts["Date de naissance"] == "17/05/1990"
    assert texts["Revenu"] == "1234,5"
    assert texts["Aides"] == "APL, RSA"
    assert texts["Pays"] == "Allemagne"
    assert texts["Commune"] == "69123 (département 69)"
    assert texts["Adresse"] == "1 rue de la Paix, 75002 Paris"
    assert texts["Département"] == "Rhône – Lyon"
    assert texts["Pièce"] == "piece.pdf (2 Mo)"
    block = next(row for row in rows if row.kind == "block")
    assert block.rows[0][1].path == "enfants.0.acte"
    assert display.file_answer(rich.answers, "enfants.0.acte")["key"] == FILE["key"]
    assert display.file_answer(rich.answers, "piece")["name"] == "piece.pdf"
    for missing in ("nom", "enfants.3.acte", "enfants.0", "inconnu.x"):
        assert display.file_answer(rich.answers, missing) is None


def test_exports_csv_and_xlsx(rich, agent):
    formula = make_dossier(rich.procedure, answers={**RICH_ANSWERS, "nom": "=1+1"}, file=True)
    dossiers = Dossier.objects.for_agent(agent)
    lines = list(exports.csv_lines(dossiers))
    parsed = list(csv.reader(io.StringIO("".join(lines).lstrip("\ufeff")), delimiter=";"))
    header = parsed[0]
    assert header[:3] == ["Numéro", "Démarche", "État"]
    assert "Nom" in header and "Enfants" in header and "Pièce" in header
    assert len(parsed) == 3
    by_number = {row[0]: dict(zip(header, row, strict=True)) for row in parsed[1:]}
    assert by_number[str(rich.pk)]["Nom"] == "Éléonore Dupré"
    assert by_number[str(rich.pk)]["État"] == "En construction"
    assert by_number[str(rich.pk)]["Demandeur"] == rich.applicant.email
    assert by_number[str(formula.pk)]["Nom"] == "'=1+1"  # never a formula
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes(dossiers))).active
    values = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert values == parsed
