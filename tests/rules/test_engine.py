"""The expression language, seniority, reference salary and durations."""

from datetime import date

import pytest

from parvis.rules.durations import best_unit, in_days
from parvis.rules.expressions import ExpressionError, MissingInput, evaluate, round_half_up
from parvis.rules.salary import MonthSalary, reference_salary
from parvis.rules.seniority import Absence, seniority_years, whole_months

LEGAL = {
    "absenceMaladieNonPro": 1,
    "absenceCongesParentalEducation": 0.5,
    "absenceAccidentTravail": 0,
}


def test_expressions_compute_and_short_circuit():
    env = {"a": 12, "sref": 2000, "cat": "Cadres"}
    assert evaluate(
        "1 / 4 * sref * min(a, 10) + 1 / 3 * sref * max(a - 10, 0)", env
    ) == pytest.approx(6333.333333)
    assert evaluate("cat == 'Cadres' and a >= 2", env) is True
    assert evaluate("cat in ('Ouvriers', 'Employés') and missing > 1", env) is False
    with pytest.raises(MissingInput) as missing:
        evaluate("cat == 'Cadres' and missing > 1", env)
    assert missing.value.name == "missing"


@pytest.mark.parametrize(
    "source", ["__import__('os')", "a.__class__", "open('x')", "[x for x in a]", "lambda: 1", "a["]
)
def test_expressions_refuse_anything_but_arithmetic_and_logic(source):
    with pytest.raises(ExpressionError):
        evaluate(source, {"a": 1})


def test_rounding_is_half_up_like_the_ministry():
    assert round_half_up(166.665) == 166.67
    assert round_half_up(458.335) == 458.34
    assert round_half_up(2.5, 0) == 3


def test_whole_months_count_complete_months_only():
    assert whole_months(date(2020, 2, 20), date(2021, 2, 21)) == 12
    assert whole_months(date(2020, 2, 20), date(2021, 2, 19)) == 11
    # A month ends on the same day of the next month, or on its last day when shorter.
    assert whole_months(date(2020, 1, 31), date(2020, 2, 28)) == 0
    assert whole_months(date(2020, 1, 31), date(2020, 2, 29)) == 1
    assert whole_months(date(2021, 1, 1), date(2020, 1, 1)) == 0


def test_seniority_counts_to_the_end_of_the_exit_day_net_of_absences():
    entry, exit_ = date(2020, 2, 20), date(2021, 2, 20)
    assert seniority_years(entry, exit_, [], LEGAL) == 1
    sick = [Absence("absenceMaladieNonPro", 1)]
    assert seniority_years(entry, exit_, sick, LEGAL) == pytest.approx(11 / 12)
    parental = [Absence("absenceCongesParentalEducation", 1)]
    assert seniority_years(entry, exit_, parental, LEGAL) == pytest.approx(11.5 / 12)
    work_accident = [Absence("absenceAccidentTravail", 6)]
    assert seniority_years(entry, exit_, work_accident, LEGAL) == 1


def test_reference_salary_is_the_better_of_twelve_and_three_months():
    # A 2,500 € bonus in the oldest month only helps the 12-month average.
    months = [MonthSalary(1700)] * 11 + [MonthSalary(3000, 2500)]
    assert reference_salary(months) == pytest.approx((1700 * 11 + 3000) / 12)
    # A raise in the last three months, with a 300 € bonus each: the bonuses count
    # for a twelfth, the rest for a third; better than the 12-month average (2,250).
    recent = [MonthSalary(3000, 300)] * 3 + [MonthSalary(2000)] * 9
    assert reference_salary(recent) == pytest.approx(900 / 12 + 8100 / 3)
    assert reference_salary([]) == 0


def test_durations_compare_in_days_and_show_in_the_ministry_unit():
    assert in_days(2, "mois") > in_days(8, "semaines") > in_days(14, "jours calendaires")
    assert best_unit(0) == (0, "semaines")
    assert best_unit(7) == (1, "semaine")
    assert best_unit(in_days(2, "mois")) == (2, "mois")
    assert best_unit(10) == (10, "jours")
