"""Reference salary of the dismissal indemnity (R1234-4).

The more favourable of: the monthly average of the last twelve months (or of
all the months worked when fewer), and a third of the last three months, where
an annual or exceptional bonus paid in those months counts only pro rata
(a twelfth of it). The bonus is included in its month's gross salary.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MonthSalary:
    value: float
    bonus: float = 0.0


def average_twelve(months: list[MonthSalary]) -> float:
    last = months[:12]
    return sum(m.value for m in last) / len(last) if last else 0.0


def average_three(months: list[MonthSalary]) -> float:
    last = months[:3]
    bonuses = sum(m.bonus for m in last)
    return bonuses / 12 + (sum(m.value for m in last) - bonuses) / 3


def reference_salary(months: list[MonthSalary]) -> float:
    """Months most recent first; not rounded (the amount is)."""
    if not months:
        return 0.0
    return max(average_twelve(months), average_three(months))


def average_last_year(months: list[MonthSalary], notice: list[MonthSalary]) -> float:
    """An agreement's "average of the last year of presence": the notice period is
    presence, so the salaries paid during it come first."""
    return average_twelve([*notice, *months])


def last_month_or_twelve(months: list[MonthSalary], notice: list[MonthSalary]) -> float:
    """The pay of the month before leaving, at least the average of the last 12 months."""
    return max(months[0].value, average_twelve(months)) if months else 0.0


def legal_to_contract_end(months: list[MonthSalary], notice: list[MonthSalary]) -> float:
    """The better of the 12 and 3 last months before the contract ends: the salaries
    paid during the notice come first."""
    return reference_salary([*notice, *months])


def last_month(months: list[MonthSalary], notice: list[MonthSalary]) -> float:
    """The pay of the last month before the notification."""
    return months[0].value if months else 0.0


METHODS = {
    "legal": lambda months, notice: reference_salary(months),  # R1234-4: better of 12 and 3
    "average-12": average_last_year,
    "last-month-or-12": last_month_or_twelve,
    "legal-to-contract-end": legal_to_contract_end,
    "last-month": last_month,
}
