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


def test_the_rupture_conventionnelle_uses_the_agreement_dismissal_indemnity():
    # IDCC 2216, cadre with 12 years: 3/10 × 10 + 4/10 × 2 = 3.8 months, more than
    # the legal 1/4 × 10 + 1/3 × 2 = 3.17 months; no economic majoration in an RC.
    answers = {"type_contrat": "CDI", "anciennete_annees": 12, "salaire_reference": 1000}
    result = compute(
        "indemnite-rupture-conventionnelle",
        {**answers, "categorie_professionnelle": "Cadres"},
        idcc="2216",
    )
    assert result.chosen == "agreement"
    assert result.value == 3800.0
    assert result.legal.value == 3166.67


def test_sickness_counts_as_presence_up_to_a_year_in_2216():
    base = {
        "type_contrat": "CDI",
        "faute_grave": "non",
        "inaptitude": "non",
        "date_entree": "01/01/2010",
        "date_notification": "01/10/2021",
        "date_sortie": "31/12/2021",
        "salaire_reference": 2000,
        "categorie_professionnelle": "Employés et ouvriers, personnel de livraison",
        "licenciement_economique": "non",
    }
    sick = [{"motif": "absenceMaladieNonPro", "duree_mois": 8}] * 2  # 16 months
    result = compute("indemnite-licenciement", {**base, "absences": sick}, idcc="2216")
    assert result.legal.derived["anciennete_annees"] == 12 - 16 / 12
    assert result.agreement.derived["anciennete_annees"] == 12 - 4 / 12


def test_an_agreement_reference_salary_over_the_last_year_notice_included():
    # IDCC 2596, cadre: the average of the last year of presence, notice included,
    # where the legal one would take the better of 12 and 3 months.
    answers = {
        "type_contrat": "CDI",
        "faute_grave": "non",
        "inaptitude": "non",
        "anciennete_annees": 4,
        "anciennete_requise_annees": 4,
        "categorie_professionnelle": "Cadres",
        "salaires": [{"value": 2000}, {"value": 2000}],
        "salaires_preavis": [{"value": 5000}, {"value": 5000}],
    }
    result = compute("indemnite-licenciement", answers, idcc="2596")
    assert result.agreement.derived["salaire_reference"] == 3500
    assert result.legal.derived["salaire_reference"] == 2000
    assert result.agreement.value == 3500.0  # 1/4 × 4 years
