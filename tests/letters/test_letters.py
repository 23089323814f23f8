"""The letter templates: definitions load and are checked, every letter is filled
from test answers, bad answers are refused with the reason."""

import io
from dataclasses import replace

import pytest
from docx import Document
from pypdf import PdfReader

from parvis.letters.definitions import PLACEHOLDER, DefinitionError, letters, load_letter
from parvis.letters.documents import letter_docx, letter_pdf
from parvis.letters.filling import InvalidLetterInput, fill
from tests.letters.answers import sample_answers as answers_for

SLUGS = sorted(letters())


def test_at_least_fifteen_letters_for_workers_and_employers():
    assert len(SLUGS) >= 15
    senders = {letter.sender for letter in letters().values()}
    assert senders == {"salarie", "employeur"}
    for slug in (
        "lettre-de-demission",
        "demande-de-rupture-conventionnelle",
        "convocation-entretien-prealable-licenciement",
        "contestation-avertissement",
        "demande-de-conges-payes",
        "demande-de-documents-de-fin-de-contrat",
        "reclamation-de-salaire-impaye",
    ):
        assert slug in letters()


@pytest.mark.parametrize("slug", SLUGS)
def test_every_letter_is_filled_from_a_test_form(slug):
    letter = letters()[slug]
    answers, shown = answers_for(letter)
    filled = fill(letter, answers)
    # and with each choice's last option (paragraphs kept for one choice only)
    last = {f.name: f.choices[-1] for f in letter.fields if f.type == "choice"}
    text = filled.text + fill(letter, {**answers, **last}).text
    placeholders = {
        name
        for line in (
            *letter.body,
            *letter.from_lines,
            *letter.to_lines,
            letter.subject,
            letter.place_date,
            letter.how_sent,
            letter.signature,
        )
        for name in PLACEHOLDER.findall(line)
    }
    for name in placeholders:
        assert shown.get(name, last.get(name)) in text, name
    assert "{" not in text and "[" not in text
    assert filled.subject and filled.paragraphs and filled.signature
    assert letter.references and letter.sending


def test_a_paragraph_about_an_empty_optional_field_is_left_out():
    letter = letters()["lettre-de-demission"]
    answers, _ = answers_for(letter)
    with_dispense = fill(letter, answers).text
    without = fill(letter, {**answers, "dispense": ""}).text
    assert "dispenser" in with_dispense and "dispenser" not in without


def test_the_line_saying_how_the_letter_is_sent_is_optional():
    letter = letters()["contestation-du-solde-de-tout-compte"]
    answers, _ = answers_for(letter)
    sent = fill(letter, {**answers, "envoi": "Lettre recommandée avec avis de réception"})
    assert sent.how_sent == "Lettre recommandée avec avis de réception"
    assert "Lettre recommandée avec avis de réception\n\nObjet :" in sent.text
    assert fill(letter, {**answers, "envoi": ""}).how_sent == ""


def test_a_paragraph_kept_only_for_one_choice():
    letter = letters()["convocation-entretien-prealable-licenciement"]
    answers, _ = answers_for(letter)
    assert "conseiller du salarié" not in fill(letter, {**answers, "representants": "oui"}).text
    text = fill(letter, {**answers, "representants": "non"}).text
    assert "conseiller du salarié" in text and answers["mairie"] in text


def test_a_field_required_by_another_answer():
    """Without staff representatives, the convocation must say where the list of
    the conseillers du salarié is kept (R1232-1)."""
    letter = letters()["convocation-entretien-prealable-licenciement"]
    answers, _ = answers_for(letter)
    fill(letter, {**answers, "representants": "oui", "mairie": "", "inspection_travail": ""})
    with pytest.raises(InvalidLetterInput) as error:
        fill(letter, {**answers, "representants": "non", "mairie": ""})
    reason = error.value.errors["mairie"]
    assert reason.startswith("obligatoire quand « L’entreprise a-t-elle des représentants")


def test_a_date_before_the_one_it_follows_is_refused():
    letter = letters()["demande-de-conges-payes"]
    answers, _ = answers_for(letter)
    with pytest.raises(InvalidLetterInput) as error:
        fill(letter, {**answers, "date_debut": "10/08/2026", "date_fin": "01/08/2026"})
    assert error.value.errors == {"date_fin": "date antérieure à « Premier jour de congé »"}
    same_day = fill(letter, {**answers, "date_debut": "10/08/2026", "date_fin": "10/08/2026"})
    assert "du 10 août 2026 au 10 août 2026" in same_day.subject


def test_dates_and_numbers_as_a_letter_writes_them():
    letter = letters()["reclamation-de-salaire-impaye"]
    answers, _ = answers_for(letter)
    text = fill(letter, {**answers, "date_courrier": "01/03/2026", "montant": "1234,5"}).text
    assert "le 1er mars 2026" in text and "1\u202f234,50 euros" in text


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("salarie_nom", "", "ce champ est obligatoire"),
        ("salarie_nom", "   ", "ce champ est obligatoire"),
        ("date_courrier", "31/02/2026", "date attendue au format JJ/MM/AAAA"),
        ("date_courrier", "01/01/1900", "date entre 1950 et 2100 attendue"),
        ("montant", "-5", "nombre supérieur ou égal à 0,01 attendu"),
        ("montant", "beaucoup", "nombre attendu"),
        ("delai_jours", "365", "nombre inférieur ou égal à 90 attendu"),
        ("salarie_adresse", "x" * 201, "200 caractères au plus"),
        ("champ_invente", "x", "champ inconnu de ce modèle"),
    ],
)
def test_bad_answers_are_refused_with_the_reason(field, value, reason):
    letter = letters()["reclamation-de-salaire-impaye"]
    answers, _ = answers_for(letter)
    with pytest.raises(InvalidLetterInput) as error:
        fill(letter, {**answers, field: value})
    assert error.value.errors == {field: reason}


def test_an_unknown_choice_is_refused():
    letter = letters()["contestation-avertissement"]
    answers, _ = answers_for(letter)
    with pytest.raises(InvalidLetterInput) as error:
        fill(letter, {**answers, "sanction": "un licenciement"})
    assert error.value.errors["sanction"].startswith("choix inconnu")


BASE = """
title = "Essai"
summary = "Essai"
sender = "salarie"
include = ["courrier"]
subject = "Objet"
from = ["{ville}"]
to = ["{ville}"]
sending = "Par recommandé."
references = [{key = "legi:LEGIARTI000006901112", label = "Article L1234-1"}]
"""


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('body = "Le {inconnu}."', "champ inconnu {inconnu}"),
        ('body = "[inconnu] Texte."', "condition sur un champ inconnu"),
        ('body = "Texte."\n[[fields]]\nname = "x"\nlabel = "x"', "jamais utilisés"),
        ('body = "{x}"\n[[fields]]\nname = "x"\nlabel = "x"\ntype = "liste"', "type inconnu"),
        ('body = "{x}"\n[[fields]]\nname = "x"\nlabel = "x"\nafter = "ville"', "after doit nommer"),
        (
            'body = "{x}"\n[[fields]]\nname = "x"\nlabel = "x"\nrequired_if = "ville=Lyon"',
            "required_if invalide",
        ),
    ],
)
def test_malformed_definitions_are_refused(tmp_path, extra, message):
    path = tmp_path / "essai.toml"
    path.write_text(BASE + extra, encoding="utf-8")
    with pytest.raises(DefinitionError, match=message):
        load_letter(path)


def test_a_definition_without_references_is_refused(tmp_path):
    path = tmp_path / "essai.toml"
    text = BASE.replace(
        'references = [{key = "legi:LEGIARTI000006901112", label = "Article L1234-1"}]', ""
    )
    path.write_text(text + 'body = "{date_courrier}"', encoding="utf-8")
    with pytest.raises(DefinitionError, match="aucune référence"):
        load_letter(path)


def test_a_well_formed_definition_loads(tmp_path):
    path = tmp_path / "essai.toml"
    path.write_text(BASE + 'body = "Écrit le {date_courrier}."', encoding="utf-8")
    letter = load_letter(path)
    filled = fill(letter, {"ville": "Lyon", "date_courrier": "2026-03-02"})
    assert filled.paragraphs == ("Écrit le 2 mars 2026.",)
    assert replace(letter, title="Autre").title == "Autre"


def test_a_long_letter_runs_onto_a_second_pdf_page_and_keeps_its_line_breaks():
    letter = letters()["prise-d-acte-de-la-rupture"]
    answers, _ = answers_for(letter)
    facts = "\n".join(
        f"Le {day} mars 2026 : salaire non versé, relance restée sans réponse."
        for day in range(1, 40)
    )
    filled = fill(letter, {**answers, "manquements": facts[:3000]})
    reader = PdfReader(io.BytesIO(letter_pdf(filled)))
    assert len(reader.pages) >= 2
    assert "Le 39 mars 2026" in " ".join(page.extract_text() for page in reader.pages)
    document = Document(io.BytesIO(letter_docx(filled)))
    paragraph = next(p for p in document.paragraphs if "Le 1 mars 2026" in p.text)
    assert "\nLe 2 mars 2026" in paragraph.text  # a line break inside the paragraph
