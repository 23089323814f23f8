"""The company lookup adapter against a local HTTP server that replays responses
in the companies search API's shape, and plays it down, slow, failing once, or
answering garbage (tests/agreements/companies_server.py)."""

import time

import pytest

from parvis.agreements import companies
from tests.agreements import companies_server


@pytest.fixture
def api(settings):
    yield from companies_server.serve(settings)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("732 829 320 00074", ("siret", "73282932000074")),
        ("73282932000074", ("siret", "73282932000074")),
        ("732.829.320", ("siren", "732829320")),
        ("Boulangerie  Exemple", ("name", "Boulangerie Exemple")),
    ],
)
def test_identifiers_are_read_with_spaces(text, expected):
    assert companies.parse_identifier(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("123 456", "vous en avez saisi 6"),
        ("7328293200007", "vous en avez saisi 13"),
        ("73282932000075", "clé de contrôle (algorithme de Luhn)"),
        ("732829321", "Ce SIREN n’est pas valide"),
        ("   ", "Indiquez un SIRET"),
    ],
)
def test_malformed_identifiers_say_why(text, reason):
    with pytest.raises(
        companies.IdentifierError, match=reason.replace("(", r"\(").replace(")", r"\)")
    ):
        companies.parse_identifier(text)


def test_la_poste_establishments_pass_their_own_check():
    # La Poste's SIRETs are checked by the sum of their digits, not Luhn
    assert companies.parse_identifier("35600000000048")[0] == "siret"


def test_off_by_default(settings):
    settings.COMPANIES_API_URL = ""
    with pytest.raises(companies.CompaniesError, match="pas disponible sur ce site"):
        companies.lookup("73282932000074")


def test_siret_gives_its_establishment_agreements(api):
    [company] = companies.lookup("732 829 320 00074")
    assert company.siren == "732829320" and company.siret == "73282932000074"
    assert company.idccs == ("2216",)  # the establishment's, not the company's two
    assert "q=73282932000074" in api.requests[0]


def test_siren_gives_the_company_agreements(api):
    [company] = companies.lookup("732829320")
    assert company.idccs == ("1486", "2216") and company.siret == ""


def test_name_gives_companies_9999_and_none_mean_no_agreement(api):
    found = companies.lookup("boulangerie exemple")
    assert [c.name for c in found] == [
        "BOULANGERIE EXEMPLE",
        "EXEMPLE SANS CONVENTION",
        "EXEMPLE NON RENSEIGNE",
    ]
    assert found[0].idccs == ("0843",)  # padded to four digits
    assert found[1].idccs == () and found[1].declared_none and not found[1].has_agreement
    assert found[2].idccs == () and not found[2].has_agreement


def test_a_number_never_gives_another_company(api):
    api.scenario = "others"
    assert companies.lookup("73282932000074") == []


def test_one_retry_when_the_service_fails_once(api):
    api.scenario = "fail_once"
    assert companies.lookup("732829320")[0].siren == "732829320"
    assert len(api.requests) == 2


@pytest.mark.parametrize(
    ("scenario", "message", "requests"),
    [
        ("down", "ne répond pas", 2),
        ("slow", "met trop de temps à répondre", 2),
        ("garbage", "réponse illisible", 1),
        ("wrong_shape", "réponse illisible", 1),
        ("bad_idcc", "réponse illisible", 1),
        ("refused", "a refusé la demande (erreur 400)", 1),
    ],
)
def test_failures_are_clear_french_messages(api, scenario, message, requests):
    api.scenario = scenario
    started = time.monotonic()
    with pytest.raises(companies.CompaniesError) as error:
        companies.lookup("boulangerie exemple")
    assert message in str(error.value)
    assert len(api.requests) == requests
    assert time.monotonic() - started < 2  # two attempts of 0.2 s at most, and no more


def test_nothing_listening_is_down(settings):
    settings.COMPANIES_API_URL = "http://127.0.0.1:9"  # the discard port: refused
    settings.COMPANIES_API_TIMEOUT = 0.2
    with pytest.raises(companies.CompaniesError, match="ne répond pas"):
        companies.lookup("732829320")
