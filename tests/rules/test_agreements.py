"""Agreement rules: the more favourable applies; without its definition, the law does."""

import shutil

from parvis.rules.definitions import DEFINITIONS_DIR, all_rules, calculators, load_calculator
from parvis.rules.evaluator import compute

CADRE = {"categorie_professionnelle": "Cadres", "anciennete": "Plus de 1 an"}


def test_the_agreement_applies_when_more_favourable():
    result = compute(
        "preavis-licenciement",
        {"anciennete_legale": "2 ans ou plus", "travailleur_handicape": "non", **CADRE},
        idcc="1351",
    )
    assert result.chosen == "agreement"
    assert (result.value, result.unit) == (3, "mois")
    assert (result.legal.value, result.agreement.value) == (2, 3)


def test_the_law_applies_when_more_favourable():
    # 15 days to a month of service: 7 calendar days for a cadre; the legal month wins.
    result = compute(
        "preavis-licenciement",
        {
            "anciennete_legale": "6 mois à moins de 2 ans",
            "travailleur_handicape": "non",
            "categorie_professionnelle": "Cadres",
            "anciennete": "15 jours à 1 mois",
        },
        idcc="1351",
    )
    assert result.chosen == "legal"
    assert (result.value, result.unit) == (1, "mois")


def test_removing_an_agreement_definition_makes_the_legal_rule_apply(tmp_path):
    copy = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS_DIR, copy)
    (copy / "preavis-licenciement" / "idcc-1351.toml").unlink()
    catalogue = {"preavis-licenciement": load_calculator(copy / "preavis-licenciement")}
    answers = {"anciennete_legale": "2 ans ou plus", "travailleur_handicape": "non"}
    result = compute("preavis-licenciement", answers, idcc="1351", catalogue=catalogue)
    assert result.agreement is None
    assert result.chosen == "legal"
    assert (result.value, result.unit) == (2, "mois")


def test_retirement_departure_keeps_the_legal_notice_when_the_agreement_is_longer():
    base = {
        "anciennete_mois": 30,
        "travailleur_handicape": "non",
        "categorie_professionnelle": "Cadres",
    }
    depart = compute(
        "preavis-retraite",
        {**base, "mise_a_la_retraite": "Le salarié (départ à la retraite)"},
        idcc="1351",
    )
    mise = compute(
        "preavis-retraite",
        {**base, "mise_a_la_retraite": "L'employeur (mise à la retraite)"},
        idcc="1351",
    )
    assert (depart.value, depart.unit) == (2, "mois")
    assert (mise.value, mise.unit) == (3, "mois")


def test_every_definition_loads_and_agreement_files_name_their_idcc():
    rules = list(all_rules())
    assert {rule.calculator for rule in rules} == set(calculators())
    for rule in rules:
        assert rule.references, rule.path
        if rule.scope == "agreement":
            assert rule.path.name == f"idcc-{rule.idcc}.toml"
            assert all(ref.key.startswith("kali:") for ref in rule.references), rule.path
