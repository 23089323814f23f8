"""Every field type: good values normalised, bad values refused with a French message."""

import pytest

from parvis.cases.fields import (
    Commune,
    Country,
    Date,
    Decimal,
    Email,
    FieldError,
    File,
    Iban,
    IdentityDocument,
    Integer,
    LinkedChoice,
    LongText,
    MultipleChoice,
    Nationality,
    Phone,
    PostalAddress,
    RepeatedBlock,
    SectionHeading,
    ShortText,
    SingleChoice,
    Siret,
    YesNo,
)

SHA = "a" * 64


def _file(**overrides):
    return {
        "name": "piece.pdf",
        "size": 1000,
        "content_type": "application/pdf",
        "sha256": SHA,
        "key": "dossiers/1/piece.pdf",
        **overrides,
    }


GOOD = [
    (ShortText(id="f", label="L"), "  Jean   Dupont ", "Jean Dupont"),
    (LongText(id="f", label="L"), "ligne 1\r\nligne 2", "ligne 1\nligne 2"),
    (Integer(id="f", label="L"), "1 234", 1234),
    (Integer(id="f", label="L", min_value=0, max_value=10), 10, 10),
    (Integer(id="f", label="L"), "-3", -3),
    (Decimal(id="f", label="L"), "1 234,50", "1234.5"),
    (Decimal(id="f", label="L"), "12.00", "12"),
    (Decimal(id="f", label="L", decimal_places=0), "10", "10"),
    (Date(id="f", label="L"), "29/02/2024", "2024-02-29"),
    (Date(id="f", label="L"), "2024-12-25", "2024-12-25"),
    (YesNo(id="f", label="L"), "oui", True),
    (YesNo(id="f", label="L"), False, False),
    (SingleChoice(id="f", label="L", options=["a", "b"]), "b", "b"),
    (MultipleChoice(id="f", label="L", options=["a", "b", "c"]), ["c", "a", "c"], ["a", "c"]),
    (Email(id="f", label="L"), "Jean.Dupont@Exemple.FR", "Jean.Dupont@exemple.fr"),
    (Phone(id="f", label="L"), "06 12 34 56 78", "+33612345678"),
    (Phone(id="f", label="L"), "+33 (0)1 23 45 67 89", "+33123456789"),
    (Phone(id="f", label="L"), "0033 1.23.45.67.89", "+33123456789"),
    (Phone(id="f", label="L"), "+262 262 12 34 56", "+262262123456"),
    (Commune(id="f", label="L"), "2a004", "2A004"),
    (Country(id="f", label="L"), "de", "DE"),
    (Nationality(id="f", label="L"), "FR", "FR"),
    (Iban(id="f", label="L"), "fr76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189"),
    (Iban(id="f", label="L"), "DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
    (Siret(id="f", label="L"), "732 829 320 00074", "73282932000074"),
    (Siret(id="f", label="L"), "35600000000048", "35600000000048"),  # La Poste, head office
    (Siret(id="f", label="L"), "35600000010000", "35600000010000"),  # La Poste: digit sum
]


@pytest.mark.parametrize(("definition", "raw", "expected"), GOOD)
def test_good_values_are_normalised(definition, raw, expected):
    assert definition.clean(raw) == expected


BAD = [
    (ShortText(id="f", label="L", max_length=3), "abcd", "ne doit pas dépasser 3 caractères"),
    (ShortText(id="f", label="L"), ["liste"], "Saisissez un texte"),
    (Integer(id="f", label="L"), "12,5", "Saisissez un nombre entier"),
    (Integer(id="f", label="L"), True, "Saisissez un nombre entier"),
    (Integer(id="f", label="L", min_value=1), "0", "supérieure ou égale à 1"),
    (Integer(id="f", label="L", max_value=10), 11, "inférieure ou égale à 10."),
    (Decimal(id="f", label="L"), "douze", "Saisissez un nombre"),
    (Decimal(id="f", label="L"), "1,234", "au plus 2 chiffres après la virgule"),
    (Decimal(id="f", label="L", decimal_places=0), "1,5", "sans décimales"),
    (Decimal(id="f", label="L", min_value="0.5"), "0,4", "supérieure ou égale à 0,5"),
    (Date(id="f", label="L"), "31/02/2024", "La date 31/02/2024 n'existe pas"),
    (Date(id="f", label="L"), "29/02/2023", "n'existe pas"),
    (Date(id="f", label="L"), "demain", "au format JJ/MM/AAAA"),
    (Date(id="f", label="L", max_date="2025-01-01"), "02/01/2025", "le 01/01/2025 ou avant"),
    (YesNo(id="f", label="L"), "peut-être", "oui ou par non"),
    (SingleChoice(id="f", label="L", options=["a"]), "z", "une des options proposées"),
    (MultipleChoice(id="f", label="L", options=["a"]), ["a", "z"], "parmi les options"),
    (Email(id="f", label="L"), "jean@", "adresse électronique valide"),
    (Phone(id="f", label="L"), "06 12 34 56", "numéro de téléphone français valide"),
    (Phone(id="f", label="L"), "+44 20 7946 0958", "numéro de téléphone français valide"),
    (Phone(id="f", label="L"), "00 12 34 56 78", "numéro de téléphone français valide"),
    (Commune(id="f", label="L"), "7505", "code INSEE"),
    (Country(id="f", label="L"), "XX", "Choisissez un pays"),
    (Nationality(id="f", label="L"), "France", "Choisissez une nationalité"),
    (Iban(id="f", label="L"), "FR7630006000011234567890188", "clé de contrôle"),
    (Iban(id="f", label="L"), "FR76300060000112345678901", "compte 27 caractères"),
    (Iban(id="f", label="L"), "1234", "Saisissez un IBAN valide"),
    (Siret(id="f", label="L"), "73282932000075", "clé de contrôle"),
    (Siret(id="f", label="L"), "35600000010001", "clé de contrôle"),
    (Siret(id="f", label="L"), "7328293200007", "14 chiffres"),
    (PostalAddress(id="f", label="L"), {"street": "1 rue A", "postal_code": "750"}, "5 chiffres"),
    (PostalAddress(id="f", label="L"), {"postal_code": "75007", "city": "Paris"}, "nom de la voie"),
    (PostalAddress(id="f", label="L"), "1 rue A", "Saisissez une adresse"),
    (File(id="f", label="L"), _file(content_type="image/png"), "Formats acceptés : PDF"),
    (File(id="f", label="L", max_size=2**20), _file(size=3 * 2**20), "maximale est de 1 Mo"),
    (File(id="f", label="L"), _file(size=0), "vide"),
    (File(id="f", label="L"), {"name": "x.pdf"}, "Joignez un fichier"),
    (IdentityDocument(id="f", label="L"), _file(content_type="application/zip"), "JPEG, PNG, PDF"),
]  # fmt: skip


@pytest.mark.parametrize(("definition", "raw", "message"), BAD)
def test_bad_values_are_refused_in_french(definition, raw, message):
    with pytest.raises(FieldError) as error:
        definition.clean(raw)
    assert message in error.value.message


def test_postal_address_is_normalised():
    address = PostalAddress(id="f", label="L").clean(
        {"street": " 1  rue de la Paix ", "postal_code": "75002", "city": "Paris"}
    )
    assert address == {
        "street": "1 rue de la Paix",
        "complement": "",
        "postal_code": "75002",
        "city": "Paris",
    }


def test_file_keeps_only_its_description():
    assert File(id="f", label="L").clean({**_file(), "extra": "x"}) == _file()


LINKED = LinkedChoice(
    id="f",
    label="Département",
    secondary_label="Commune",
    required=True,
    options={"Rhône": ["Lyon", "Villeurbanne"], "Paris": []},
)


def test_linked_choice_second_level_follows_the_first():
    assert LINKED.clean({"primary": "Rhône", "secondary": "Lyon"}) == {
        "primary": "Rhône",
        "secondary": "Lyon",
    }
    assert LINKED.clean("Paris") == {"primary": "Paris", "secondary": None}
    with pytest.raises(
        FieldError, match="« Lyon » ne fait pas partie des choix possibles pour « Paris »"
    ):
        LINKED.clean({"primary": "Paris", "secondary": "Lyon"})
    with pytest.raises(FieldError, match="Choisissez aussi : Commune"):
        LINKED.clean({"primary": "Rhône"})
    with pytest.raises(FieldError, match="première liste"):
        LINKED.clean({"primary": "Gironde", "secondary": "Bordeaux"})


def test_repeated_block_checks_each_row():
    block = RepeatedBlock(
        id="enfants",
        label="Enfants",
        min_rows=1,
        children=[
            {"type": "short_text", "id": "prenom", "label": "Prénom", "required": True},
            {"type": "date", "id": "naissance", "label": "Date de naissance"},
        ],
    )
    rows = [{"prenom": "Léa", "naissance": "01/02/2020"}, {"prenom": "", "naissance": ""}]
    assert block.clean(rows) == [{"prenom": "Léa", "naissance": "2020-02-01"}]
    with pytest.raises(FieldError) as error:
        block.clean([{"prenom": "Léa"}, {"naissance": "30/02/2020"}])
    assert error.value.errors == {
        "1.prenom": "Ce champ est obligatoire.",
        "1.naissance": "La date 30/02/2020 n'existe pas.",
    }
    with pytest.raises(FieldError, match="au moins 1 lignes"):
        block.clean([{}])


@pytest.mark.parametrize(
    ("definition", "message"),
    [
        ({"type": "single_choice", "id": "f", "label": "L", "options": []}, "at least 1"),
        ({"type": "single_choice", "id": "f", "label": "L", "options": ["a", "a"]}, "différentes"),
        ({"type": "integer", "id": "f", "label": "L", "min_value": 5, "max_value": 1}, "min_value"),
        ({"type": "section", "id": "f", "label": "L", "required": True}, "obligatoire"),
        ({"type": "short_text", "id": "Nom Complet", "label": "L"}, "pattern"),
        ({"type": "unknown", "id": "f", "label": "L"}, "does not match any of the expected tags"),
        ({"type": "short_text", "id": "f", "label": "L", "colour": "red"}, "Extra inputs"),
    ],
)
def test_invalid_definitions_are_refused(definition, message):
    from pydantic import ValidationError

    from parvis.cases.form import FormDefinition

    with pytest.raises(ValidationError, match=message):
        FormDefinition.model_validate([definition])


def test_layout_blocks_carry_no_answer():
    assert SectionHeading(id="s", label="Partie 1").carries_value is False


def test_places_helpers():
    from parvis.cases.fields.places import country_name, departement_of

    assert country_name("DE") == "Allemagne" and country_name("FR") == "France"
    assert [departement_of(code) for code in ("69123", "2A004", "97411")] == ["69", "2A", "974"]
