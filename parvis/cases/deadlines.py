"""Implied decisions (« le silence vaut accord » / « vaut rejet »).

Code des relations entre le public et l'administration: the delay runs from the
receipt of the application (L231-1, L231-4), and when the application is
incomplete, from the receipt of the missing pieces (L114-5). Here:
- at filing, the decision date is the filing time plus the procedure's delay;
- while a correction is awaited the silence does not run (no decision date);
- when the applicant answers a correction for missing pieces (`incomplete`), the
  full delay starts again; for any other correction, what was left of it resumes.
The delay and the regime are read from the procedure when the clock (re)starts;
changing them later does not move the dates of dossiers already running.
"""

import datetime as dt

from parvis.cases.enums import ImpliedDecision


def full_delay(procedure) -> dt.timedelta | None:
    if procedure.implied_decision == ImpliedDecision.NONE:
        return None
    return dt.timedelta(days=procedure.implied_decision_delay_days)


def due_after_filing(procedure, filed_at: dt.datetime) -> dt.datetime | None:
    delay = full_delay(procedure)
    return filed_at + delay if delay else None


def due_after_correction(procedure, correction, resolved_at: dt.datetime) -> dt.datetime | None:
    delay = full_delay(procedure)
    if delay is None:
        return None
    if correction.incomplete or correction.remaining_delay is None:
        return resolved_at + delay
    return resolved_at + correction.remaining_delay
