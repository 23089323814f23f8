"""The Code du travail's rules of the seven calculators, on hand-computed cases."""

import pytest

from parvis.rules.answers import InvalidAnswer
from parvis.rules.evaluator import MissingAnswer, compute

DISMISSAL = {"type_contrat": "CDI", "faute_grave": "non", "inaptitude": "non"}


def dismissal(**answers):
    return compute("indemnite-licenciement", {**DISMISSAL, **answers})


def test_quarter_month_a_year_up_to_ten_years_then_a_third():
    # R1234-2: 10 × 1/4 × 2,000 + 2 × 1/3 × 2,000
    result = dismissal(anciennete_annees=12, anciennete_requise_annees=12, salaire_reference=2000)
    assert result.value == 6333.33
    assert result.unit == "€"
    assert result.chosen == "legal"
    assert [line.name for line in result.legal.lines] == [
        "sref",
        "a",
        "indemnite_simple",
        "montant",
    ]


def test_from_dates_absences_and_salaries():
    # 01/04/2022 to the end of 31/12/2023 is 21 months, less 3 months of sickness;
    # the reference salary is the average of the months given.
    result = dismissal(
        date_entree="01/04/2022",
        date_notification="01/10/2023",
        date_sortie="31/12/2023",
        absences=[{"motif": "absenceMaladieNonPro", "duree_mois": 3}],
        salaires=[{"value": 2000, "prime": 0}, {"value": 2000}, {"value": 2000}],
    )
    assert result.legal.derived["anciennete_annees"] == pytest.approx(18 / 12)
    assert result.value == 750.0


def test_eight_months_condition_faute_grave_and_fixed_term_contracts():
    short = dismissal(anciennete_annees=0.6, anciennete_requise_annees=0.6, salaire_reference=2000)
    assert short.chosen == "none"
    assert "8 mois" in short.ineligible
    assert "faute grave" in dismissal(faute_grave="oui").ineligible
    cdd = compute("indemnite-licenciement", {"type_contrat": "CDD ou intérim"})
    assert "CDD" in cdd.ineligible


def test_unfitness_doubles_the_rounded_amount_without_the_eight_months():
    # L1226-14: 8/12 year × 1,000 € = 166.67, doubled: 333.34
    result = dismissal(
        inaptitude="oui",
        anciennete_annees=8 / 12,
        anciennete_requise_annees=0.5,
        salaire_reference=1000,
    )
    assert result.value == 333.34


def test_rupture_conventionnelle_has_no_seniority_condition():
    result = compute(
        "indemnite-rupture-conventionnelle",
        {"type_contrat": "CDI", "anciennete_annees": 0.5, "salaire_reference": 1000},
    )
    assert result.value == 125.0


def test_precarite_ten_percent_and_its_exclusions():
    answers = {
        "type_contrat": "CDD",
        "type_cdd": "Autres",
        "fin_periode_essai": "non",
        "embauche_cdi": "non",
        "refus_cdi": "non",
        "rupture_anticipee": "non",
        "refus_renouvellement": "non",
        "remuneration_totale": "12 345,67",
    }
    assert compute("indemnite-precarite", answers).value == 1234.57
    refused = compute("indemnite-precarite", {**answers, "refus_cdi": "oui"})
    assert refused.chosen == "none" and "CDI" in refused.ineligible
    seasonal = compute("indemnite-precarite", {**answers, "type_cdd": "CDD saisonnier"})
    assert "L1243-10" in seasonal.ineligible


@pytest.mark.parametrize(
    ("bracket", "disabled", "months"),
    [
        ("Moins de 6 mois", "non", 0),
        ("6 mois à moins de 2 ans", "non", 1),
        ("2 ans ou plus", "non", 2),
        ("6 mois à moins de 2 ans", "oui", 2),
        ("2 ans ou plus", "oui", 3),
    ],
)
def test_dismissal_notice(bracket, disabled, months):
    result = compute(
        "preavis-licenciement", {"anciennete_legale": bracket, "travailleur_handicape": disabled}
    )
    assert (result.value, result.unit) == (months, "mois")


@pytest.mark.parametrize(
    ("months", "disabled", "expected"),
    [
        (3, "non", (0, "semaines")),
        (6, "non", (1, "mois")),
        (24, "non", (2, "mois")),
        (6, "oui", (2, "mois")),
        (30, "oui", (3, "mois")),
    ],
)
def test_retirement_notice_without_agreement(months, disabled, expected):
    for who in ("L'employeur (mise à la retraite)", "Le salarié (départ à la retraite)"):
        result = compute(
            "preavis-retraite",
            {
                "mise_a_la_retraite": who,
                "anciennete_mois": months,
                "travailleur_handicape": disabled,
            },
        )
        assert (result.value, result.unit) == expected


def test_resignation_notice_and_job_search_hours_come_from_agreements():
    resignation = compute("preavis-demission", {})
    assert resignation.value == 0 and "ne fixe pas" in resignation.legal.notifications[0]
    hours = compute("heures-recherche-emploi", {})
    assert hours.value is None and hours.text == ""


@pytest.mark.parametrize(
    ("answers", "name", "reason"),
    [
        ({"salaire_reference": -1}, "salaire_reference", "au moins 0"),
        ({"salaire_reference": "1e12"}, "salaire_reference", "au plus"),
        ({"date_entree": "01/01/2024", "date_sortie": "01/01/2023"}, "date_sortie", "précède"),
        ({"date_entree": "31/02/2024"}, "date_entree", "JJ/MM/AAAA"),
        (
            {
                "date_entree": "01/01/2024",
                "date_sortie": "01/03/2024",
                "absences": [{"motif": "absenceGreve", "duree_mois": 6}],
            },
            "absences",
            "dépassent",
        ),
        ({"absences": [{"motif": "vacances", "duree_mois": 1}]}, "absences", "motif"),
        ({"salaires": [{"value": -5}]}, "salaires", "négatif"),
        ({"couleur": "bleu"}, "couleur", "question inconnue"),
    ],
)
def test_bad_answers_are_refused_with_the_reason(answers, name, reason):
    with pytest.raises(InvalidAnswer) as error:
        dismissal(**answers)
    assert error.value.name == name
    assert reason in error.value.reason


def test_a_missing_answer_names_the_question_to_ask():
    with pytest.raises(MissingAnswer) as missing:
        dismissal(salaire_reference=2000)
    assert missing.value.question.name == "date_entree"
