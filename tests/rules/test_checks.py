"""The reference check, on the fixture corpus (real extracts of the data packages)."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from parvis.rules.checks import check_references
from parvis.rules.definitions import Reference, Rule

pytestmark = pytest.mark.django_db


def rule_citing(*references):
    return Rule(
        calculator="preavis-licenciement",
        scope="legal",
        idcc="",
        title="Test",
        path=Path("legal.toml"),
        references=tuple(Reference(key, label) for key, label in references),
    )


def test_articles_held_and_in_force_pass(corpus):
    rule = rule_citing(("legi:LEGIARTI000006901112", "Article L1234-1"))
    assert check_references([rule]) == []


def test_an_article_not_held_or_no_longer_in_force_fails(corpus):
    # R1234-3 was repealed: the data package, hence the corpus, has no such article.
    rule = rule_citing(("legi:LEGIARTI000018483192", "Article R1234-3"))
    (problem,) = check_references([rule])
    assert "plus en vigueur" in problem.reason


def test_a_key_naming_another_article_fails(corpus):
    rule = rule_citing(("legi:LEGIARTI000006901112", "Article L1234-9"))
    (problem,) = check_references([rule])
    assert "L1234-1, pas L1234-9" in problem.reason


def test_the_command_fails_on_the_fixture_corpus_which_lacks_most_articles(corpus, capsys):
    with pytest.raises(CommandError, match="problème"):
        call_command("check_rules")
    assert "R1234-4" in capsys.readouterr().out
