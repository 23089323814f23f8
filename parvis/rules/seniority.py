"""Seniority from dates and absences (R1234-1 and R1234-2 count years and months).

Whole months are counted between the entry date and the day after the exit
date (the exit date itself is worked), then each absence removes its duration
times the coefficient its motif has in the rule (1: deducted in full; 0.5:
full-time parental leave, L1225-54; work accidents are not deducted, L1226-7).
The result is in years and is not rounded, as the ministry's engine does.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

ABSENCE_LABELS = {
    "absenceMaladieNonPro": "Absence pour maladie non professionnelle",
    "absenceAccidentTrajet": "Arrêt maladie lié à un accident de trajet",
    "absenceCongesSabbatique": "Congé sabbatique",
    "absenceCongesCreationEntreprise": "Congé pour création d'entreprise",
    "absenceCongesParentalEducation": "Congé parental d'éducation à temps plein",
    "absenceCongesSansSolde": "Congés sans solde",
    "absenceGreve": "Grève",
    "absenceMiseAPied": "Mise à pied",
    "absenceAccidentTravail": "Accident du travail ou maladie professionnelle",
}


@dataclass(frozen=True)
class Absence:
    motif: str
    months: float


def add_months(day: date, months: int) -> date:
    """`day` plus whole months, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def whole_months(start: date, end: date) -> int:
    """Complete months from `start` to `end` (0 if `end` is not after `start`)."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return max(months, 0)


def deducted_months(absences: list[Absence], coefficients: dict, limits: tuple = ()) -> float:
    """Months removed from seniority: each absence times its motif's coefficient; the
    motifs of a limit are deducted only beyond it: up to n months counted as presence
    in all (`counted_months`), or each absence shorter than n months counted
    (`counted_if_shorter_than`)."""
    limited = {motif for limit in limits for motif in limit["motifs"]}
    deducted = sum(
        a.months * float(coefficients.get(a.motif, 0)) for a in absences if a.motif not in limited
    )
    for limit in limits:
        concerned = [a for a in absences if a.motif in limit["motifs"]]
        if "counted_if_shorter_than" in limit:  # each absence shorter than n months counts
            shortest = float(limit["counted_if_shorter_than"])
            deducted += sum(a.months for a in concerned if a.months >= shortest)
        else:  # presence up to n months in all
            total = sum(a.months for a in concerned)
            deducted += max(total - float(limit["counted_months"]), 0)
    return deducted


def seniority_years(
    entry: date, until: date, absences: list[Absence], coefficients: dict, limits: tuple = ()
) -> float:
    """Years of seniority from `entry` to the end of `until` (inclusive), net of absences."""
    months = whole_months(entry, until + timedelta(days=1))
    return max(months - deducted_months(absences, coefficients, limits), 0) / 12
