"""The agreement picker on the headers of every kali-data agreement (a real extract:
tests/agreements/fixtures/agreements.json, IDCC, title, short title, workforce)."""

import json
from pathlib import Path

import pytest

from parvis.agreements.names import SUPERSEDED, USUAL_NAMES
from parvis.agreements.picker import Agreement, idcc_of, near_idccs, pick, words

AGREEMENTS = tuple(
    Agreement(r["idcc"], r["title"], r["short_title"], r["effectif"])
    for r in json.loads((Path(__file__).parent / "fixtures" / "agreements.json").read_text())
)
BY_IDCC = {a.idcc: a for a in AGREEMENTS}


def first(query: str) -> str:
    found = pick(AGREEMENTS, query)
    return found[0].agreement.idcc if found else ""


@pytest.mark.parametrize(
    ("query", "idcc"),
    [
        ("843", "0843"),
        ("0843", "0843"),
        ("IDCC 843", "0843"),
        ("idcc0016", "0016"),
        ("16", "0016"),
        ("1486", "1486"),
        ("syntec", "1486"),
        ("SYNTEC", "1486"),
        ("sintec", "1486"),
        ("convention collective syntec", "1486"),
        ("BTP", "1597"),
        ("HCR", "1979"),
        ("hôtels cafés restaurants", "1979"),
        ("métallurgie", "3248"),
        ("metallurgie", "3248"),
        ("métalurgie", "3248"),
        ("boulangerie", "0843"),
        ("convention collective boulangerie", "0843"),
        ("boulangerie pâtisserie", "0843"),
        ("transport routier", "0016"),
        ("transports routiers", "0016"),
        ("restauration rapide", "1501"),
        ("bâtiment", "1597"),
        ("batiment etam", "2609"),
        ("pharmacie d'officine", "1996"),
        ("Pharmacie d officine", "1996"),
        ("bureaux d'études techniques", "1486"),
        ("commerce de détail et de gros à prédominance alimentaire", "2216"),
        ("propreté", "3043"),
        ("aide à domicile", "2941"),
        ("assistante maternelle", "3239"),
        ("ccn 66", "0413"),
        ("coifure", "2596"),
        ("immobilier", "1527"),
    ],
)
def test_picks_the_agreement_people_mean(query, idcc):
    assert first(query) == idcc, [m.agreement.idcc for m in pick(AGREEMENTS, query)]


def test_merged_metallurgy_agreements_point_to_3248():
    # a regional agreement merged in 2024, by number or by name: 3248 answers
    for query in ("54", "0054", "650", "Métallurgie : Région parisienne", "métallurgie Doubs"):
        found = pick(AGREEMENTS, query)
        assert found[0].agreement.idcc == "3248", query
        assert found[0].replaces, query
    # and no replaced agreement is ever offered
    for query in ("métallurgie", "industries métallurgiques", "métaux"):
        assert not {m.agreement.idcc for m in pick(AGREEMENTS, query, 50)} & set(SUPERSEDED)


def test_ties_go_to_the_larger_workforce():
    # "bâtiment ouvriers" names both workers' agreements equally: the larger first
    found = [m.agreement.idcc for m in pick(AGREEMENTS, "bâtiment ouvriers")][:2]
    assert found == ["1596", "1597"]
    assert BY_IDCC["1596"].effectif > BY_IDCC["1597"].effectif


def test_a_number_names_the_agreement_then_those_it_begins():
    found = pick(AGREEMENTS, "16", 10)
    assert found[0].agreement.idcc == "0016"
    for match in found:  # 1604, a merged metallurgy agreement, comes as 3248
        numbers = [match.agreement.idcc, *match.replaces]
        assert any(idcc.lstrip("0").startswith("16") for idcc in numbers), numbers


@pytest.mark.parametrize("query", ["", "   ", "!!!", "zzzzzzzz", "9998"])
def test_nothing_named_is_an_empty_list(query):
    assert pick(AGREEMENTS, query) == []


def test_long_queries_are_cut_and_limit_bounded():
    assert len(pick(AGREEMENTS, "boulangerie " * 100, limit=10**6)) <= 50
    assert len(pick(AGREEMENTS, "commerce", limit=0)) == 1


def test_idcc_of():
    assert idcc_of("843") == "0843"
    assert idcc_of(" IDCC 0016 ") == "0016"
    assert idcc_of("12345") == ""
    assert idcc_of("syntec") == ""


def test_near_idccs_suggest_close_numbers_and_no_replaced_agreement():
    near = [a.idcc for a in near_idccs(AGREEMENTS, "1468")]
    assert "1486" in near or "1486" in [a.idcc for a in near_idccs(AGREEMENTS, "1468", 10)]
    assert near and not set(near) & set(SUPERSEDED)


def test_usual_names_table_points_to_existing_agreements():
    """The written-down table: every IDCC exists, none is a replaced agreement, no two
    names become the same once compared as queries are."""
    for name, idccs in USUAL_NAMES.items():
        assert idccs, name
        for idcc in idccs:
            assert idcc in BY_IDCC, (name, idcc)
            assert idcc not in SUPERSEDED, (name, idcc)
    compared = [" ".join(words(name)) for name in USUAL_NAMES]
    assert len(set(compared)) == len(compared)


def test_usual_names_pick_their_first_agreement():
    for name, idccs in USUAL_NAMES.items():
        assert first(name) == idccs[0], name


def test_superseded_table_points_to_live_agreements():
    for idcc, (successor, _since) in SUPERSEDED.items():
        assert idcc in BY_IDCC and successor in BY_IDCC and successor not in SUPERSEDED
    # every territorial metallurgy agreement of kali-data is merged into 3248
    for agreement in AGREEMENTS:
        name = words(agreement.short_title + " " + agreement.title)
        if agreement.idcc != "3248" and any(w.startswith("metallurg") for w in name):
            assert SUPERSEDED.get(agreement.idcc, ("",))[0] == "3248", agreement.idcc


def test_accuracy_on_the_bench_test_set_stays_above_target():
    """bench/agreement_picker.py's figure, on a third of its test set (every third
    query, about 5 s): an edit of the names table or of the scoring that costs
    accuracy fails here, not only in BENCHMARKS.md."""
    path = Path(__file__).parents[2] / "bench" / "expected" / "agreement-picker-queries.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines()][::3]
    right = sum(first(row["query"]) in row["expected"] for row in rows)
    assert len(rows) > 500 and right / len(rows) >= 0.95, right / len(rows)
