"""How an answer's reference to an agreement article finds the article: by id, by
number within the right text, by a point of an article, never by a wrong text."""

import pytest

from parvis.corpus.agreement_citations import AgreementArticles, number_key

# texts and articles as kali-data names them (IDCC 0292, plasturgie; 0044, chimie)
TEXTS = [
    {
        "group": "base",
        "title": "Convention collective nationale de la plasturgie du 1er juillet 1960",
        "cid": "KALITEXT000005682020",
        "articles": ["kali:BASE8", "kali:BASE31"],
    },
    {
        "group": "attached",
        "title": "Avenant Cadres du 15 mai 1991",
        "cid": "KALITEXT000005682099",
        "articles": ["kali:CADRES8"],
    },
    {
        "group": "attached",
        "title": "Accord du 26 octobre 1994 relatif à l'observatoire des métiers",
        "cid": "KALITEXT000005682111",
        "articles": ["kali:OBS32"],
    },
]
ARTICLES = {
    "kali:BASE8": ("8", "Article 8", ["Plasturgie", TEXTS[0]["title"], "Chapitre II : Contrat"]),
    "kali:BASE31": ("31", "Article 31", ["Plasturgie", TEXTS[0]["title"], "Chapitre IV"]),
    "kali:CADRES8": ("8", "Article 8", ["Plasturgie", TEXTS[1]["title"], "Préavis"]),
    "kali:OBS32": ("3-2", "Article 3-2", ["Plasturgie", TEXTS[2]["title"], "Le secrétaire"]),
}


@pytest.fixture
def index():
    found = AgreementArticles(by_id={"KALIARTI000005856325": "kali:BASE8"})
    found.add_agreement("0292", TEXTS, ARTICLES)
    return found


@pytest.mark.parametrize(
    ("cited", "stored"),
    [("1er", "1"), ("3-2", "3.2"), ("04.05.1", "4.5.1"), ("4 bis", "4bis"), ("8.", "8")],
)
def test_numbers_compare_as_written_either_way(cited, stored):
    assert number_key(cited) == number_key(stored)


@pytest.mark.parametrize(
    ("title", "url", "keys"),
    [
        ("KALIARTI000005856325", "", ["kali:BASE8"]),  # by id
        ("Article 8", "affichIDCCArticle.do?idArticle=KALIARTI000005856325", ["kali:BASE8"]),
        ("KALIARTI000009999999", "", []),  # an id of no article in force
        ("Article 8", "", ["kali:BASE8"]),  # the base text when nothing else decides
        ("Avenant Cadres, Article 8", "", ["kali:CADRES8"]),  # the text named
        ("Article 8 de l'avenant cadres", "", ["kali:CADRES8"]),
        ("Chapitre II Article 8", "", ["kali:BASE8"]),
        ("Article 31. 4", "", ["kali:BASE31"]),  # a point of article 31
        ("Article 31.1.b", "", ["kali:BASE31"]),
        ("Avenant Collaborateurs, Article 3-2", "", []),  # a text we don't hold
        ("KALITEXT000005682099", "", ["kali:CADRES8"]),  # a whole text: its first article
        ("Article 99", "", []),
    ],
)
def test_resolve(index, title, url, keys):
    assert index.resolve("0292", title, url) == keys


def test_another_agreements_articles_are_not_candidates(index):
    assert index.resolve("0044", "Article 8") == []
