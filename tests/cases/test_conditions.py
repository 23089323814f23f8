"""Conditional display: the condition tree, and what a hidden field becomes."""

import pytest
from pydantic import ValidationError

from parvis.cases.form import FormDefinition

FORM = FormDefinition.model_validate(
    [
        {"type": "integer", "id": "age", "label": "Âge"},
        {"type": "date", "id": "arrivee", "label": "Date d'arrivée en France"},
        {"type": "decimal", "id": "revenu", "label": "Revenu"},
        {"type": "multiple_choice", "id": "aides", "label": "Aides", "options": ["APL", "RSA"]},
        {"type": "short_text", "id": "ville", "label": "Ville"},
        {
            "type": "short_text",
            "id": "tuteur",
            "label": "Nom du tuteur",
            "required": True,
            "condition": {"op": "less_than", "field": "age", "value": 18},
        },
        {
            "type": "long_text",
            "id": "situation",
            "label": "Situation",
            "required": True,
            "condition": {
                "op": "or",
                "conditions": [
                    {"op": "contains", "field": "aides", "value": "RSA"},
                    {
                        "op": "and",
                        "conditions": [
                            {"op": "greater_than", "field": "arrivee", "value": "01/01/2020"},
                            {"op": "less_than", "field": "revenu", "value": "1000,5"},
                        ],
                    },
                ],
            },
        },
        {
            "type": "explanation",
            "id": "aide_ville",
            "label": "Aide",
            "condition": {"op": "contains", "field": "ville", "value": "lyon"},
        },
        {
            "type": "short_text",
            "id": "autre",
            "label": "Autre",
            "condition": {
                "op": "and",
                "conditions": [
                    {"op": "is_empty", "field": "ville"},
                    {"op": "not_equals", "field": "age", "value": 30},
                ],
            },
        },
        {
            "type": "short_text",
            "id": "pour_tuteur",
            "label": "Chaîne de conditions",
            "condition": {"op": "is_not_empty", "field": "tuteur"},
        },
    ]
)


def test_hidden_field_is_never_required_and_its_answer_is_dropped():
    checked = FORM.check({"age": "40", "tuteur": "Martin", "pour_tuteur": "x"}, complete=True)
    assert checked.ok
    assert "tuteur" not in checked.values
    assert "tuteur" not in checked.visible
    # A field conditioned on a hidden one sees it as empty.
    assert "pour_tuteur" not in checked.values


def test_visible_required_field_must_be_answered():
    checked = FORM.check({"age": "12"}, complete=True)
    assert checked.errors == {"tuteur": "Ce champ est obligatoire."}
    assert FORM.check({"age": "12"}, complete=False).ok


def test_numbers_compare_as_numbers_not_text():
    # "9" > "18" as text; as numbers 9 < 18.
    assert "tuteur" in FORM.check({"age": "9"}, complete=False).visible


def test_and_or_tree_with_dates_and_decimals():
    visible = lambda answers: "situation" in FORM.check(answers, complete=False).visible  # noqa: E731
    assert visible({"aides": ["RSA"]})
    assert visible({"arrivee": "2021-05-01", "revenu": "1000,4"})
    assert not visible({"arrivee": "2021-05-01", "revenu": "1000,5"})
    assert not visible({"arrivee": "31/12/2019", "revenu": "10"})
    assert not visible({"aides": ["APL"]})
    assert not visible({})


def test_contains_on_text_ignores_case_and_empty_and_not_equals():
    checked = FORM.check({"ville": "Villeurbanne près de Lyon"}, complete=False)
    assert "aide_ville" in checked.visible and "autre" not in checked.visible
    assert "autre" in FORM.check({"age": "31"}, complete=False).visible
    assert "autre" not in FORM.check({"age": "30"}, complete=False).visible


def test_invalid_answer_counts_as_empty_for_conditions():
    checked = FORM.check({"age": "douze"}, complete=True)
    assert checked.errors == {"age": "Saisissez un nombre entier, par exemple 12."}
    assert "tuteur" not in checked.visible


def test_unknown_answers_are_dropped():
    assert FORM.check({"pirate": "x", "ville": "Nantes"}, complete=False).values == {
        "ville": "Nantes"
    }


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"op": "equals", "field": "plus_loin", "value": 1}, "n'est pas un champ placé avant lui"),
        ({"op": "less_than", "field": "ville", "value": "a"}, "ne peut pas utiliser « less_than »"),
        ({"op": "equals", "field": "age", "value": "vingt"}, "valeur impossible"),
        ({"op": "contains", "field": "aides", "value": "CAF"}, "valeur impossible"),
        ({"op": "or", "conditions": []}, "at least 1"),
    ],
)
def test_conditions_are_checked_when_the_form_is_saved(condition, message):
    definition = [
        {"type": "integer", "id": "age", "label": "Âge"},
        {"type": "short_text", "id": "ville", "label": "Ville"},
        {"type": "multiple_choice", "id": "aides", "label": "Aides", "options": ["APL"]},
        {"type": "short_text", "id": "champ", "label": "Champ", "condition": condition},
        {"type": "short_text", "id": "plus_loin", "label": "Plus loin"},
    ]
    with pytest.raises(ValidationError, match=message):
        FormDefinition.model_validate(definition)


def test_duplicate_ids_are_refused_even_inside_blocks():
    with pytest.raises(ValidationError, match="identifiants de champ en double : nom"):
        FormDefinition.model_validate(
            [
                {"type": "short_text", "id": "nom", "label": "Nom"},
                {
                    "type": "repeated_block",
                    "id": "bloc",
                    "label": "Bloc",
                    "children": [{"type": "short_text", "id": "nom", "label": "Nom"}],
                },
            ]
        )


def test_condition_in_a_block_row_sees_siblings_and_fields_before_the_block():
    form = FormDefinition.model_validate(
        [
            {"type": "yes_no", "id": "detail", "label": "Détailler ?"},
            {
                "type": "repeated_block",
                "id": "enfants",
                "label": "Enfants",
                "children": [
                    {"type": "yes_no", "id": "scolarise", "label": "Scolarisé ?"},
                    {
                        "type": "short_text",
                        "id": "ecole",
                        "label": "École",
                        "required": True,
                        "condition": {
                            "op": "and",
                            "conditions": [
                                {"op": "equals", "field": "scolarise", "value": True},
                                {"op": "equals", "field": "detail", "value": True},
                            ],
                        },
                    },
                ],
            },
        ]
    )
    rows = [{"scolarise": "oui", "ecole": "Jules Ferry"}, {"scolarise": "non", "ecole": "X"}]
    assert form.check({"detail": "oui", "enfants": rows}, complete=True).values["enfants"] == [
        {"scolarise": True, "ecole": "Jules Ferry"},
        {"scolarise": False},
    ]
    checked = form.check({"detail": "oui", "enfants": [{"scolarise": "oui"}]}, complete=True)
    assert checked.errors["enfants.0.ecole"] == "Ce champ est obligatoire."
    assert form.check({"detail": "non", "enfants": [{"scolarise": "oui"}]}, complete=True).ok
