"""Analysis: the same terms for the index and the queries."""

import pytest

from parvis.search import analysis
from parvis.search.analysis import (
    MissingDataPackage,
    analyze,
    expand_synonyms,
    fold,
    plain_text,
)


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


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ('"([: OR AND -', ["or", "and"]),  # query syntax is plain text here
        ("<script>alert(1)</script>", ["script", "alert", "1", "script"]),
        ("'; DROP TABLE x; --", ["drop", "tabl"]),  # "x": a one-letter stop word
        ("\x00\u202e", []),
        ("🙂 *", []),
    ],
)
def test_hostile_strings_are_plain_words(text, terms):
    assert analyze(text) == terms


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("<b>préavis</b>", "préavis"),
        ('"préavis*', "préavis"),
        ("(préavis) AND [congés] OR", "préavis congés"),
        ("and or not", "and or not"),  # words, not operators, in lower case
        ("préavis\\ -", "préavis"),
        ("Quel préavis ? L'employeur peut-il…", "Quel préavis L'employeur peut-il…"),
        ("C.D.D. de 3/4 à 50 %", "C.D.D. de 3/4 à 50 %"),  # meaning kept
        ("a < b", "a b"),  # not a tag
        ("<br>", "<br>"),  # nothing left: the text as typed
    ],
)
def test_encoder_reads_the_query_without_syntax_or_markup(text, plain):
    assert plain_text(text) == plain


@pytest.fixture
def fresh_analysis():
    """The package files are read once per process: read them again, before and after."""
    cached = (analysis.stop_words, analysis.synonym_groups, analysis._synonym_index)
    for function in cached:
        function.cache_clear()
    yield
    for function in cached:
        function.cache_clear()


@pytest.mark.parametrize("reader", [analysis.stop_words, analysis.synonym_groups])
def test_missing_data_package_is_an_error(settings, tmp_path, fresh_analysis, reader):
    settings.DATA_PACKAGES_DIR = tmp_path / "node_modules" / "@socialgouv"
    with pytest.raises(MissingDataPackage) as error:
        reader()
    message = str(error.value)
    assert str(tmp_path / "node_modules" / "@socialgouv" / "cdtn-elasticsearch") in message
    assert "npm ci --ignore-scripts" in message
    with pytest.raises(MissingDataPackage):
        analyze("licenciement")  # never an analysis without stop words


def test_installed_data_package_gives_stop_words_and_synonyms(fresh_analysis):
    assert {"le", "de", "des"} <= analysis.stop_words()
    assert len(analysis.synonym_groups()) > 1000  # 1,545 in 2.77.13
