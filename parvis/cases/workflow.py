"""The dossier lifecycle as an explicit state machine.

Each `Transition` declares the states it starts from, the state it leads to and the
one role allowed to fire it. `apply()` is the only way a dossier changes state:

1. it locks the dossier row (SELECT … FOR UPDATE on PostgreSQL; on SQLite the
   transaction holds the database's write lock from its start) and reads the
   state again under the lock;
2. it checks the role, then the state, then what the transition needs (a reason,
   complete answers, a due date), raising a French `CaseError` with nothing changed;
3. it writes the new state with a conditional UPDATE (… WHERE state = <read state>),
   so that two agents deciding at once give exactly one decision even without the
   lock, then the transition log entry and the audit entry, in the same transaction.

    brouillon ─déposer→ en_construction ─passer en instruction→ en_instruction
    en_construction ─retirer→ retiré
    en_instruction ─demander une correction→ correction_demandée ─corriger→ en_instruction
    en_instruction ─accepter / refuser / classer sans suite→ accepté / refusé / sans suite
    en_construction, en_instruction ─décision implicite (système)→ accepté / refusé
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from parvis.cases import audit_log, deadlines, routing
from parvis.cases.enums import DossierState, ImpliedDecision, Role
from parvis.cases.exceptions import CaseError, InvalidDossier, RoleNotAllowed, TransitionNotAllowed
from parvis.cases.models import CorrectionRequest, Dossier, DossierTransition
from parvis.cases.roles import roles_of

S = DossierState


@dataclass(frozen=True)
class Transition:
    name: str
    action: str  # French, an infinitive phrase: « accepter le dossier »
    sources: frozenset[DossierState]
    target: DossierState
    role: Role
    reason_required: bool = False


def _t(name, action, sources, target, role, reason_required=False) -> Transition:
    return Transition(name, action, frozenset(sources), target, role, reason_required)


TRANSITIONS = {
    t.name: t
    for t in (
        _t("deposer", "déposer le dossier", {S.BROUILLON}, S.EN_CONSTRUCTION, Role.APPLICANT),
        _t("retirer", "retirer le dossier", {S.EN_CONSTRUCTION}, S.RETIRE, Role.APPLICANT),
        _t(
            "passer_en_instruction",
            "passer le dossier en instruction",
            {S.EN_CONSTRUCTION},
            S.EN_INSTRUCTION,
            Role.INSTRUCTOR,
        ),
        _t(
            "demander_correction",
            "demander une correction",
            {S.EN_INSTRUCTION},
            S.CORRECTION_DEMANDEE,
            Role.INSTRUCTOR,
            reason_required=True,
        ),
        _t(
            "corriger",
            "renvoyer le dossier corrigé",
            {S.CORRECTION_DEMANDEE},
            S.EN_INSTRUCTION,
            Role.APPLICANT,
        ),
        _t("accepter", "accepter le dossier", {S.EN_INSTRUCTION}, S.ACCEPTE, Role.INSTRUCTOR),
        _t(
            "refuser",
            "refuser le dossier",
            {S.EN_INSTRUCTION},
            S.REFUSE,
            Role.INSTRUCTOR,
            reason_required=True,
        ),
        _t(
            "classer_sans_suite",
            "classer le dossier sans suite",
            {S.EN_INSTRUCTION},
            S.SANS_SUITE,
            Role.INSTRUCTOR,
            reason_required=True,
        ),
        _t(
            "accepter_implicitement",
            "accepter le dossier implicitement",
            {S.EN_CONSTRUCTION, S.EN_INSTRUCTION},
            S.ACCEPTE,
            Role.SYSTEM,
        ),
        _t(
            "refuser_implicitement",
            "refuser le dossier implicitement",
            {S.EN_CONSTRUCTION, S.EN_INSTRUCTION},
            S.REFUSE,
            Role.SYSTEM,
        ),
    )
}

_WHO = {
    Role.APPLICANT: "le demandeur du dossier",
    Role.INSTRUCTOR: "un instructeur du groupe chargé du dossier",
    Role.SYSTEM: "le système, à l'échéance du délai de décision implicite",
}


def _de(phrase: str) -> str:
    return f"d'{phrase}" if phrase[0] in "aeéèêiouyh" else f"de {phrase}"


def available(dossier: Dossier, user) -> list[Transition]:
    """The transitions `user` may fire on the dossier now (for pages and the API)."""
    roles = roles_of(user, dossier)
    return [t for t in TRANSITIONS.values() if t.role in roles and dossier.state in t.sources]


def apply(
    name: str, dossier: Dossier, *, actor, reason: str = "", incomplete: bool = False, now=None
) -> Dossier:
    """Fire transition `name` on the dossier as `actor` (None: the system). `reason` is
    the motivation logged with it; `incomplete` marks a correction asked for missing
    pieces (see deadlines.py). Returns the dossier as saved (the caller's instance is
    left as it was); raises a CaseError and changes nothing if refused."""
    transition = TRANSITIONS[name]
    now = now or timezone.now()
    reason = reason.strip()
    with transaction.atomic():
        locked = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("procedure", "revision", "group")
            .get(pk=dossier.pk)
        )
        if transition.role not in roles_of(actor, locked):
            raise RoleNotAllowed(
                f"Vous ne pouvez pas {transition.action} : seul {_WHO[transition.role]} le peut."
            )
        if locked.state not in transition.sources:
            raise TransitionNotAllowed(
                f"Impossible {_de(transition.action)} : le dossier est "
                f"« {DossierState(locked.state).label.lower()} »."
            )
        if transition.reason_required and not reason:
            raise CaseError(f"Indiquez le motif pour {transition.action}.")
        changes = _EFFECTS[name](locked, actor, reason, now, {"incomplete": incomplete})
        changes["state"] = transition.target
        updated = Dossier.objects.filter(pk=locked.pk, state=locked.state).update(
            updated_at=now, **changes
        )
        if updated != 1:  # decided meanwhile by someone else (SQLite without row locks)
            raise TransitionNotAllowed(
                f"Impossible {_de(transition.action)} : le dossier vient d'être modifié par "
                "quelqu'un d'autre."
            )
        DossierTransition.objects.create(
            dossier=locked,
            name=name,
            from_state=locked.state,
            to_state=transition.target,
            role=transition.role,
            author=actor,
            reason=reason,
            at=now,
        )
        audit_log.record(
            f"dossier.{name}",
            actor=actor,
            dossier=locked,
            payload={"from": locked.state, "to": transition.target, "reason": reason},
            now=now,
        )
    locked.refresh_from_db()
    return locked


# What each transition changes beyond the state; each returns the fields to write.


def _file(dossier, actor, reason, now, options):
    checked = dossier.revision.form.check(dossier.answers, complete=True)
    if not checked.ok:
        raise InvalidDossier(checked.errors)
    return {
        "answers": checked.values,
        "group": routing.route(dossier, checked.values),
        "filed_at": now,
        "implied_decision_due_at": deadlines.due_after_filing(dossier.procedure, now),
    }


def _start_instruction(dossier, actor, reason, now, options):
    return {"instruction_started_at": now}


def _ask_correction(dossier, actor, reason, now, options):
    due = dossier.implied_decision_due_at
    CorrectionRequest.objects.create(
        dossier=dossier,
        requested_by=actor,
        reason=reason,
        incomplete=options["incomplete"],
        requested_at=now,
        remaining_delay=max(due - now, dt.timedelta(0)) if due else None,
    )
    return {"implied_decision_due_at": None}


def _correct(dossier, actor, reason, now, options):
    checked = dossier.revision.form.check(dossier.answers, complete=True)
    if not checked.ok:
        raise InvalidDossier(checked.errors)
    correction = dossier.corrections.get(resolved_at__isnull=True)
    correction.resolved_at = now
    correction.save(update_fields=["resolved_at"])
    return {
        "answers": checked.values,
        "implied_decision_due_at": deadlines.due_after_correction(
            dossier.procedure, correction, now
        ),
    }


def _close(dossier, actor, reason, now, options):
    return {"closed_at": now, "implied_decision_due_at": None}


def _implied(regime):
    def effect(dossier, actor, reason, now, options):
        if dossier.procedure.implied_decision != regime:
            raise TransitionNotAllowed("Cette démarche ne prévoit pas cette décision implicite.")
        due = dossier.implied_decision_due_at
        if due is None or due > now:
            raise TransitionNotAllowed("Le délai de décision implicite n'est pas écoulé.")
        return _close(dossier, actor, reason, now, options)

    return effect


_EFFECTS = {
    "deposer": _file,
    "retirer": _close,
    "passer_en_instruction": _start_instruction,
    "demander_correction": _ask_correction,
    "corriger": _correct,
    "accepter": _close,
    "refuser": _close,
    "classer_sans_suite": _close,
    "accepter_implicitement": _implied(ImpliedDecision.ACCEPTANCE),
    "refuser_implicitement": _implied(ImpliedDecision.REJECTION),
}
