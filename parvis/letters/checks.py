"""Every letter cites articles we hold, in force, under the number it names (the
calculators' check, parvis.rules.checks), and every article its text names is
among its references, so that the page links each one."""

from __future__ import annotations

import re

from parvis.letters.definitions import Letter, letters
from parvis.rules.checks import Problem, check_cited

# "article L. 1234-20", "articles L. 1333-1 et L. 1333-2", "R. 1232-13"
ARTICLE_NUMBER = re.compile(r"\b([LRD])\.\s?(\d{4}-\d+(?:-\d+)?)")


def named_articles(letter: Letter) -> set[str]:
    """The article numbers the letter's text and sending note name ("L1234-20")."""
    texts = [*letter.body, *letter.sending]
    return {f"{kind}{number}" for text in texts for kind, number in ARTICLE_NUMBER.findall(text)}


def check_letters(chosen: list[Letter] | None = None, held: dict | None = None) -> list[Problem]:
    """The problems found (empty when every letter is sound)."""
    chosen = list(letters().values()) if chosen is None else chosen
    problems = check_cited([(f"modeles/{x.slug}", x.references) for x in chosen], held)
    for letter in chosen:
        cited = {ref.label.removeprefix("Article").strip() for ref in letter.references}
        for number in sorted(named_articles(letter) - cited):
            reason = "article nommé dans le texte mais absent des références"
            problems.append(Problem(f"modeles/{letter.slug}", "", number, reason))
    return problems
