"""Every field type through the applicant's form: rendered with its DSFR widget, a
good value kept (normalised at filing), a bad one refused with the field type's own
French message, shown under the field."""

import html

import pytest
from django.test import Client
from django.urls import reverse

from parvis.cases import editing
from tests.cases.factories import make_procedure, make_user

pytestmark = pytest.mark.django_db

CASES = [
    # (definition, good POST data, bad POST data, expected message)
    (
        {"type": "short_text", "max_length": 5},
        {"": "abc"},
        {"": "abcdefgh"},
        "Le texte ne doit pas dépasser 5 caractères.",
    ),
    (
        {"type": "long_text", "max_length": 11},
        {"": "ligne\r\nligne"},
        {"": "x" * 12},
        "Le texte ne doit pas dépasser 11 caractères.",
    ),
    (
        {"type": "integer", "min_value": 0},
        {"": "1 200"},
        {"": "douze"},
        "Saisissez un nombre entier, par exemple 12.",
    ),
    (
        {"type": "integer", "max_value": 10},
        {"": "10"},
        {"": "11"},
        "La valeur doit être inférieure ou égale à 10.",
    ),
    (
        {"type": "decimal"},
        {"": "12,5"},
        {"": "12,345"},
        "Saisissez au plus 2 chiffres après la virgule.",
    ),
    ({"type": "date"}, {"": "2024-02-29"}, {"": "31/02/2024"}, "La date 31/02/2024 n'existe pas."),
    ({"type": "yes_no"}, {"": "oui"}, {"": "peut-être"}, "Répondez par oui ou par non."),
    (
        {"type": "single_choice", "options": ["A", "B"]},
        {"": "A"},
        {"": "C"},
        "Choisissez une des options proposées.",
    ),
    (
        {"type": "multiple_choice", "options": ["A", "B"]},
        {"": ["A", "B"]},
        {"": ["Z"]},
        "Choisissez parmi les options proposées.",
    ),
    (
        {
            "type": "linked_choice",
            "secondary_label": "Commune",
            "options": {"Rhône": ["Lyon", "Villeurbanne"], "Ain": ["Bourg"]},
        },
        {"": "Rhône", "secondary": "Rhône::Lyon"},
        {"": "Ain", "secondary": "Rhône::Lyon"},
        "« Lyon » ne fait pas partie des choix possibles pour « Ain ».",
    ),
    (
        {"type": "email"},
        {"": "a@Example.FR"},
        {"": "pas-une-adresse"},
        "Saisissez une adresse électronique valide, par exemple nom@domaine.fr.",
    ),
    (
        {"type": "phone"},
        {"": "06 12 34 56 78"},
        {"": "12345"},
        "Saisissez un numéro de téléphone français valide",
    ),
    (
        {"type": "postal_address"},
        {"street": "20 avenue de Ségur", "complement": "", "postal_code": "75007", "city": "Paris"},
        {"street": "20 avenue de Ségur", "complement": "", "postal_code": "7500", "city": "Paris"},
        "Le code postal compte 5 chiffres, par exemple 75007.",
    ),
    (
        {"type": "commune"},
        {"": "2A004"},
        {"": "Lyon"},
        "Choisissez une commune dans la liste (code INSEE à 5 caractères).",
    ),
    ({"type": "country"}, {"": "DE"}, {"": "XX"}, "Choisissez un pays dans la liste."),
    ({"type": "nationality"}, {"": "FR"}, {"": "ZZ"}, "Choisissez une nationalité dans la liste."),
    (
        {"type": "iban"},
        {"": "FR76 3000 6000 0112 3456 7890 189"},
        {"": "FR76 3000 6000 0112 3456 7890 188"},
        "Cet IBAN n'est pas valide : sa clé de contrôle ne correspond pas.",
    ),
    (
        {"type": "siret"},
        {"": "732 829 320 00074"},
        {"": "732 829 320 00075"},
        "Ce numéro SIRET n'est pas valide : sa clé de contrôle ne correspond pas.",
    ),
]


def post_data(values: dict) -> dict:
    data = {"action": "suivant"}
    for suffix, value in values.items():
        data[f"f_champ__{suffix}" if suffix else "f_champ"] = value
    return data


@pytest.fixture
def make_form():
    def make(definition):
        procedure = make_procedure(
            [{"id": "champ", "label": "Le champ", "required": True, **definition}]
        )
        applicant = make_user()
        dossier = editing.start_dossier(procedure, applicant)
        client = Client()
        client.force_login(applicant)
        return client, dossier, reverse("www:dossier_step", kwargs={"pk": dossier.pk, "step": 1})

    return make


@pytest.mark.parametrize(
    ("definition", "good", "bad", "message"),
    CASES,
    ids=[f"{c[0]['type']}-{i}" for i, c in enumerate(CASES)],
)
def test_field_type_through_the_form(make_form, definition, good, bad, message):
    client, dossier, url = make_form(definition)
    page = client.get(url).content.decode()
    assert 'name="f_champ' in page and "Le champ" in page

    response = client.post(url, post_data(bad))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert message in page
    assert (
        "fr-input-group--error" in page
        or "fr-fieldset--error" in page
        or ("fr-select-group--error" in page)
    )

    response = client.post(url, post_data(good))
    assert response.status_code == 302, html.unescape(response.content.decode())[-3000:]
    dossier.refresh_from_db()
    assert dossier.revision.form.check(dossier.answers, complete=True).ok


def test_required_field_message(make_form):
    client, _, url = make_form({"type": "short_text"})
    response = client.post(url, {"f_champ": "", "action": "suivant"})
    assert "Ce champ est obligatoire." in response.content.decode()
    # "Enregistrer le brouillon" keeps an incomplete draft without complaint.
    response = client.post(url, {"f_champ": "", "action": "enregistrer"})
    assert response.status_code == 302


def test_layout_blocks_and_optional_marker(make_form):
    procedure_fields = {"type": "short_text"}
    client, _, url = make_form(procedure_fields)
    page = client.get(url).content.decode()
    assert "(facultatif)" not in page.split("Le champ")[1][:30]
