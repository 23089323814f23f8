"""Analysis: the same terms for the index and the queries."""

import pytest

from parvis.search.analysis import analyze, expand_synonyms, fold


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("salariés", "salaries"),  # accents folded before stemming
        ("salarié", "salariés"),  # plural
        ("l'indemnité", "indemnite"),  # elision
        ("d’ancienneté", "anciennete"),  # typographic apostrophe
        ("Congés payés", "conges payes"),
        ("S.M.I.C.", "smic"),  # dotted acronym
        ("cœur", "coeur"),  # ligature
    ],
)
def test_variants_meet(a, b):
    assert analyze(a) == analyze(b) != []


def test_stop_words_are_removed_but_meaningful_words_kept():
    assert analyze("le de la des") == []
    assert analyze("sans préavis") == analyze("sans preavis") and len(analyze("sans préavis")) == 2


def test_fold():
    assert fold("Élève À l'École") == "eleve a l'ecole"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cdd", {"contrat", "dure"}),
        ("cse", {"comit", "social", "econom"}),
    ],
)
def test_acronyms_expand_to_their_meaning(query, expected):
    assert expected <= set(expand_synonyms(analyze(query)))


def test_hostile_strings_analyse_without_error():
    for text in ['"([: OR AND -', "<script>alert(1)</script>", "'; DROP TABLE x; --", "\x00\u202e"]:
        assert isinstance(analyze(text), list)
