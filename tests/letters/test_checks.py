"""The letters' references: the calculators' check (parvis.rules.checks) on the
fixture corpus, and every letter against the Code du travail the site ingests."""

import json
from dataclasses import replace

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from parvis.corpus.loaders.legi import IN_FORCE, iter_articles
from parvis.corpus.text import squash
from parvis.letters.checks import check_letters, named_articles
from parvis.letters.definitions import letters
from parvis.rules.definitions import Reference

HELD = Reference("legi:LEGIARTI000006901112", "Article L1234-1")  # in the fixture corpus
REPEALED = Reference("legi:LEGIARTI000018483192", "Article R1234-3")
CODE_DU_TRAVAIL = "legi-data/data/LEGITEXT000006072050.json"


def letter_citing(*references, text="Aucun article nommé."):
    letter = letters()["lettre-de-demission"]
    return replace(letter, references=references, body=(text,), sending=("Par recommandé.",))


@pytest.mark.django_db
def test_a_letter_citing_articles_held_passes(corpus):
    assert check_letters([letter_citing(HELD)]) == []


@pytest.mark.django_db
def test_a_letter_citing_an_article_not_held_or_repealed_fails(corpus):
    (problem,) = check_letters([letter_citing(HELD, REPEALED)])
    assert problem.key == REPEALED.key and "plus en vigueur" in problem.reason


@pytest.mark.django_db
def test_a_key_naming_another_article_fails(corpus):
    (problem,) = check_letters([letter_citing(Reference(HELD.key, "Article L1234-9"))])
    assert "L1234-1, pas L1234-9" in problem.reason


@pytest.mark.django_db
def test_an_article_named_in_the_text_must_be_a_reference(corpus):
    letter = letter_citing(
        HELD, text="Selon les articles L. 1234-1 et L. 1234-9 du Code du travail."
    )
    assert named_articles(letter) == {"L1234-1", "L1234-9"}
    (problem,) = check_letters([letter])
    assert problem.label == "L1234-9" and "absent des références" in problem.reason


@pytest.mark.django_db
def test_the_command_fails_on_the_fixture_corpus_which_lacks_most_articles(corpus, capsys):
    with pytest.raises(CommandError, match="problème"):
        call_command("check_letters")
    assert "R1232-13" in capsys.readouterr().out


def test_every_letter_cites_articles_in_force_in_the_code_the_site_ingests():
    """The check against the legi-data package itself: its articles in force,
    kept as the loader keeps them (held by the corpus once ingested)."""
    path = settings.DATA_PACKAGES_DIR / CODE_DU_TRAVAIL
    tree = json.loads(path.read_text(encoding="utf-8"))
    held = {
        f"legi:{art['cid']}": squash(art["num"])
        for _crumbs, art in iter_articles(tree)
        if art.get("etat") in IN_FORCE and art.get("num") and art.get("cid")
    }
    assert check_letters(held=held) == []
