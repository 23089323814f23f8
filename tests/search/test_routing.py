"""Queries that name an article or an agreement."""

import pytest

from parvis.search.routing import article_number, idcc_number


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("L1234-5", "L1234-5"),
        ("article L. 1234-5", "L1234-5"),
        ("l 1234 5", "L1234-5"),
        ("Article L1234-5 du code du travail", "L1234-5"),
        ("R4624-10", "R4624-10"),
        ("d.3141-1-1", "D3141-1-1"),
        ("rupture L1234", None),
        ("13eme mois", None),
    ],
)
def test_article_numbers(query, number):
    assert article_number(query) == number


@pytest.mark.parametrize(
    ("query", "idcc"),
    [
        ("1516", "1516"),
        ("idcc 1516", "1516"),
        ("IDCC0044", "0044"),
        ("convention collective 44", "0044"),
        ("44", None),  # too short to be an IDCC on its own
        ("13 mois", None),
    ],
)
def test_idcc_numbers(query, idcc):
    assert idcc_number(query) == idcc
