"""Durations with units: compared in days, shown in the unit the ministry shows."""

from __future__ import annotations

from parvis.rules.expressions import round_half_up

DAYS_PER_MONTH = 365 / 12

UNIT_DAYS = {
    "jour": 1,
    "jours": 1,
    "jour calendaire": 1,
    "jours calendaires": 1,
    "jour ouvré": 7 / 5,
    "jours ouvrés": 7 / 5,
    "jour ouvrable": 7 / 6,
    "jours ouvrables": 7 / 6,
    "semaine": 7,
    "semaines": 7,
    "semaine de date à date": 7,
    "mois": DAYS_PER_MONTH,
    "mois de date à date": DAYS_PER_MONTH,
    "mois sauf stipulation contractuelle différente": DAYS_PER_MONTH,
    "mois et demi": DAYS_PER_MONTH,
}


def in_days(value: float, unit: str) -> float:
    """A duration in days; 'mois et demi' reads as value + 0.5 months."""
    if unit == "mois et demi":
        value = value + 0.5
    return value * UNIT_DAYS.get(unit, DAYS_PER_MONTH)


def best_unit(days: float) -> tuple[float, str]:
    """Days shown as the ministry shows them: whole weeks in weeks, whole years or
    fractional days in months (rounded), anything else in days."""
    if days == int(days):
        whole = int(days)
        if whole == 0 or (whole % 7 == 0 and whole % 365 != 0):
            weeks = whole // 7
            return weeks, "semaine" if weeks == 1 else "semaines"
        if whole % 365 != 0:
            return whole, "jour" if whole == 1 else "jours"
    months = round_half_up(days / DAYS_PER_MONTH, 0)
    return int(months), "mois"
