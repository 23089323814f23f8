"""The one mapping from the ministry's simulator inputs (publicodes rule names and
the engine's own keys, as in ../shared/eval/simulators/INPUTS.md) to Parvis's
calculator questions, and from a vector to the API call that replays it.

Generic names are mapped one by one; an agreement's own question
(`contrat salarié . convention collective . <agreement> . … . <question>`) maps
to the slug of its last segment: Parvis's agreement definitions name their
questions that way (`catégorie professionnelle` -> `categorie_professionnelle`).
"""

from __future__ import annotations

import json
import re
import unicodedata

SLUGS = {
    "indemnite-licenciement": "indemnite-licenciement",
    "rupture-conventionnelle": "indemnite-rupture-conventionnelle",
    "indemnite-precarite": "indemnite-precarite",
    "preavis-demission": "preavis-demission",
    "preavis-licenciement": "preavis-licenciement",
    "preavis-retraite": "preavis-retraite",
    "heures-recherche-emploi": "heures-recherche-emploi",
}
IL = "contrat salarié . indemnité de licenciement . "
CS = "contrat salarié . "
CC = "contrat salarié . convention collective"

GENERIC = {
    IL + "ancienneté en année": "anciennete_annees",
    IL + "ancienneté requise en année": "anciennete_requise_annees",
    IL + "salaire de référence": "salaire_reference",
    IL + "inaptitude suite à un accident ou maladie professionnelle": "inaptitude",
    IL + "date d'entrée": "date_entree",
    IL + "date de sortie": "date_sortie",
    IL + "date de notification": "date_notification",
    IL + "ancienneté conventionnelle en année": "anciennete_conventionnelle_annees",
    IL + "ancienneté conventionnelle requise en année": "anciennete_conventionnelle_requise_annees",
    IL + "salaire de référence conventionnel": "salaire_reference_conventionnel",
    "absencePeriods": "absences",
    "salaryPeriods": "salaires",
    "salaires": "salaires",
    "catPro": "categorie_professionnelle",
    "noticeSalaryPeriods": "salaires_preavis",
    "salairesPendantPreavis": "salaires_preavis",
    "category": "categorie_professionnelle",
    "typeContratTravail": "type_contrat",
    "licenciementFauteGrave": "faute_grave",
    "dateEntree": "date_entree",
    "dateSortie": "date_sortie",
    "dateNotification": "date_notification",
    CS + "contractType": "type_contrat",
    CS + "type de cdd": "type_cdd",
    CS + "finContratPeriodeDessai": "fin_periode_essai",
    CS + "propositionCDIFindeContrat": "embauche_cdi",
    CS + "refusCDIFindeContrat": "refus_cdi",
    CS + "interruptionFauteGrave": "rupture_anticipee",
    CS + "refusRenouvellementAuto": "refus_renouvellement",
    CS + "cttFormation": "mission_formation",
    CS + "ruptureContratFauteGrave": "rupture_anticipee_mission",
    CS + "propositionCDIFinContrat": "cdi_entreprise_utilisatrice",
    CS + "refusSouplesse": "refus_souplesse",
    CS + "salaire de référence": "remuneration_totale",
    CS + "embauché en cdi": "embauche_cdi",
    CS + "avec proposition cdi": "avec_proposition_cdi",
    CS + "embauché en cdi sans interruption": "embauche_cdi_sans_interruption",
    CS + "travailleur handicapé": "travailleur_handicape",
    CS + "mise à la retraite": "mise_a_la_retraite",
    CS + "ancienneté": "anciennete_mois",
    CC + " . ancienneté légal": "anciennete_legale",
}
# Keys the ministry's engine reads for its own screens, or ignores.
IGNORED = {
    IL + "arrêt de travail",
    IL + "licenciement pour faute grave",
    IL + "type du contrat de travail",
}
VALUES = {
    "type_contrat": {"cdi": "CDI", "cdd": "CDD ou intérim", "CDD": "CDD", "CTT": "Intérim"},
    "mise_a_la_retraite": {
        "oui": "L'employeur (mise à la retraite)",
        "non": "Le salarié (départ à la retraite)",
    },
    "anciennete_legale": {"Plus de 2 ans": "2 ans ou plus"},
}
# Questions Parvis's calculator does not ask (the ministry's RC engine reuses the
# dismissal's: notification date, unfitness; a rupture conventionnelle has neither).
NOT_ASKED = {
    "indemnite-rupture-conventionnelle": {
        "inaptitude",
        "faute_grave",
        "date_notification",
        "licenciement_economique_age",
        "licenciement_economique",
        "age",
        "anciennete_requise_annees",
        "anciennete_conventionnelle_requise_annees",
    },
}
# The ministry's simulators name some agreement categories differently from one
# calculator to the next; Parvis uses one label per category.
AGREEMENT_VALUES = {
    "44": {
        "Inférieur à 160": 159,
        "Entre 160 inclus et 175": 160,
        "Inférieur à 190": 189,
        "190 et plus": 190,
        "Inférieur à 275": 274,
        "Supérieur à 275 inclus": 275,
        "Ouvriers": "Ouvriers et collaborateurs",
        "Employés": "Ouvriers et collaborateurs",
        "Agents de maîtrise": "Agents de maîtrise et Techniciens",
    },
    "1486": {
        "De 240 à 355": 355,
        "de 240 à 355": 355,
        "De 400 à 500": 400,
        "Moins de 2 ans": "2 ans ou moins",
        "2 ans ou plus": "Plus de 2 ans",
    },
    "1090": {
        "De 17 à 19": 17,
        "De 20 à 25": 20,
        "1 et 2": 1,
        "De 3 à 12": 3,
        "Moins de 2 ans": "6 mois à 2 ans",
    },
    "1979": {
        "6 mois à 2 ans": "6 mois à moins de 2 ans",
        "Plus de 6 mois": "Plus de 2 ans",
        "Maîtrises": "Agents de maîtrise",
    },
    "1505": {
        "Agents de maîtrise (AM1 et AM2)": "Agents de maîtrise AM1 et AM2",
        "Cadres (C1 et C2)": "Cadres C1 et C2",
        "Employés (E1 à E7)": "Employés E1 à E7",
    },
    "2511": {
        "Ouvriers, Employés": "Ouvriers",
        "Techniciens et agents de maîtrise TAM": "Techniciens",
    },
    "1266": {"2 ans ou moins": "6 mois à 2 ans"},
    # Over 55 with under 15 years of seniority is taken as 2 to 15 years (the
    # ministry's question does not tell under 2 years); under 55, 2 years or more
    # is 2 to 15 years or beyond, which gives the same notice.
    "2609/preavis-licenciement": {"2 ans ou plus": "2 ans à moins de 15 ans"},
    "2614/preavis-licenciement": {"2 ans ou plus": "2 ans à moins de 15 ans"},
    "2609": {
        "Au moins 15 ans d'ancienneté": "15 ans ou plus",
        "Moins de 15 ans d'ancienneté": "2 ans à moins de 15 ans",
    },
    "2614": {
        "55 ans et plus": "Plus de 55 ans",
        "Au moins 15 ans d'ancienneté": "15 ans ou plus",
        "Moins de 15 ans d'ancienneté": "2 ans à moins de 15 ans",
    },
    "1501": {
        "2 ans ou moins": "6 mois à 2 ans",
        "6 mois et plus": "6 mois à 2 ans",
        "Ouvriers, Employés": "Employés",
        "Agents de maîtrise": "Maîtrises",
    },
    "2148": {"Moins de 2 ans": "2 ans ou moins"},
    "3043": {"Techniciens et Agents de maîtrise (TAM)": "Techniciens et agents de maîtrise TAM"},
    "1527": {
        "Négociateur non VRP": "Négociateur non-VRP",
        "Cadres": "Cadres non-VRP",
        "Employés et ouvriers": "Ouvriers, Employés",
    },
}
# The ministry's setSituation() skips the contract questions: they are answered so.
SET_SITUATION_DEFAULTS = {
    "indemnite-licenciement": {"type_contrat": "CDI", "faute_grave": "non", "inaptitude": "non"},
    "indemnite-rupture-conventionnelle": {"type_contrat": "CDI"},
}
# Questions the ministry's engine answers "non" when a test leaves them out.
DEFAULTS = {
    "preavis-licenciement": {"travailleur_handicape": "non"},
    "preavis-retraite": {"travailleur_handicape": "non"},
}


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "_", folded).strip("_")


def unquote(value):
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def question_name_of(name: str, engine_keys: set[str]) -> bool:
    """Whether a Parvis question name did not come from one of the engine's own keys."""
    return all(question_name(key) != name for key in engine_keys)


def question_name(key: str) -> str | None:
    if key in GENERIC:
        return GENERIC[key]
    if key in IGNORED or key == CC:
        return None
    if key.startswith(CC + " . "):
        return slug(key.rsplit(" . ", 1)[-1])
    if " . " not in key:  # the engine's own keys of an agreement (category, catPro...)
        return slug(re.sub(r"(?<!^)([A-Z])", r" \1", key))
    return None


def answers(vector: dict) -> tuple[dict, str]:
    """(answers by Parvis question name, IDCC) for one vector."""
    out, idcc = {}, vector.get("idcc") or ""
    for key, value in vector["inputs"].items():
        if key == CC:
            idcc = unquote(value).removeprefix("IDCC") or idcc
            continue
        name = question_name(key)
        if name is None:
            continue
        value = unquote(value)
        if value == "__undefined__":  # the test left the input undefined
            continue
        if name == "absences":
            value = json.loads(value) if isinstance(value, str) else value
        if name in ("salaires", "salaires_preavis") and isinstance(value, str):
            value = json.loads(value) if value.strip() else []
        if isinstance(value, str):
            value = VALUES.get(name, {}).get(value, value)
            idcc_ = (vector.get("idcc") or "").lstrip("0")
            for table in (f"{idcc_}/{vector['simulator']}", idcc_):
                value = AGREEMENT_VALUES.get(table, {}).get(value, value)
        out[name] = value
    return out, idcc


def regroup_44(body: dict) -> dict:
    """IDCC 44: the ministry asks a professional group (I to V) in the dismissal
    notice; Parvis asks the agreement's avenant, which the group decides
    (technicians of group IV are under avenant 2), and the coefficient."""
    group = body.pop("groupe", None)
    if body.get("categorie_professionnelle") == "Techniciens":
        body["categorie_professionnelle"] = (
            "Agents de maîtrise et Techniciens" if group == "IV" else "Ouvriers et collaborateurs"
        )
    if body.get("categorie_professionnelle") == "Ingénieurs, Cadres":
        body.pop("coefficient", None)
    return body


def regroup_2148(body: dict) -> dict:
    """IDCC 2148: the ministry's retirement notice names the classification group
    'catégorie professionnelle'; Parvis asks it as the group everywhere."""
    if "categorie_professionnelle" in body:
        body["groupe"] = body.pop("categorie_professionnelle")
    return body


def regroup_1517(body: dict) -> dict:
    """IDCC 1517: the ministry's retirement notice asks a category that names its
    levels; Parvis asks the level everywhere (the first of the category's)."""
    category = body.pop("categorie_professionnelle", None)
    if category:
        body["niveau"] = {
            "Employés (Niveaux I à V)": "I",
            "Agents de maîtrise (Niveau VI)": "VI",
            "Cadres (Niveaux VII à IX)": "VII",
        }.get(category, category)
    return body


def regroup_1404(body: dict) -> dict:
    """IDCC 1404: the ministry asks categories and levels in several spellings
    (roman, arabic, ranges); Parvis asks the level alone."""
    category = body.pop("categorie_professionnelle", None) or ""
    level = body.pop("niveau", None)
    arabic = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V", "6": "VI", "I à II": "I"}
    level = arabic.get(str(level), level) if level is not None else None
    if category.startswith("Cadres"):
        level = "VII et plus"
    elif level is None:
        level = {
            "Ouvriers, Employés niveaux I et II": "I",
            "Ouvriers, Employés niveau III": "III",
            "Agents de maîtrise niveau IV et V": "IV",
            "Techniciens et agents de maîtrise": "IV",
        }.get(category)
    if level:
        body["niveau"] = level
    return body


def regroup_2609(body: dict) -> dict:
    """IDCC 2609: the ministry names the age question after its wording."""
    if "age_a_la_fin_de_son_preavis" in body:
        body["age"] = body.pop("age_a_la_fin_de_son_preavis")
    return body


REGROUP = {
    "44": regroup_44,
    "2148": regroup_2148,
    "1517": regroup_1517,
    "1404": regroup_1404,
    "2609": regroup_2609,
}


def asked(slug_: str, idcc: str) -> set[str]:
    """The questions Parvis's calculator has for this agreement."""
    from parvis.rules.evaluator import get_calculator, questions_of

    return {
        q.name for q in questions_of(get_calculator(slug_), (idcc or "").zfill(4) if idcc else "")
    }


def request(vector: dict) -> dict:
    """The API request body that replays one vector."""
    slug_ = SLUGS[vector["simulator"]]
    body, idcc = answers(vector)
    body = REGROUP.get((vector.get("idcc") or "").lstrip("0"), dict)(body)
    # The engine's own keys for an agreement (hasCommission, lastMonthSalary...)
    # are dropped when Parvis's rule for it does not ask them.
    engine_keys = {k for k in vector["inputs"] if " . " not in k and k not in GENERIC}
    engine_keys |= {"noticeSalaryPeriods", "salairesPendantPreavis"} & set(vector["inputs"])
    known = asked(slug_, idcc)
    engine_dropped = [k for k in body if k not in known and not question_name_of(k, engine_keys)]
    body = {k: v for k, v in body.items() if k not in engine_dropped}
    # An agreement question of the ministry that Parvis's rule does not have is
    # dropped too, and named in the mismatch's cause if the results differ.
    dropped = sorted(engine_dropped + [k for k in body if k not in known])
    body = {k: v for k, v in body.items() if k not in dropped}
    scope = {"legal": "legal", "agreement": "conventionnel"}.get(
        vector.get("result_scope"), "final"
    )
    if vector["api"].endswith((".setSituation", ".calculate")):
        # The ministry's engine takes missing contract questions as a CDI, no faute grave.
        body = {**SET_SITUATION_DEFAULTS.get(slug_, {}), **body}
    body = {**DEFAULTS.get(slug_, {}), **body}
    body = {k: v for k, v in body.items() if k not in NOT_ASKED.get(slug_, ())}
    if vector["kind"] in ("seniority", "required-seniority", "reference-salary"):
        body = {"type_contrat": "CDI", "faute_grave": "non", "inaptitude": "non", **body}
        if vector["kind"] == "required-seniority":
            body["date_sortie"] = body.get("date_notification")
        if vector["kind"] == "seniority":
            body.setdefault("date_notification", body.get("date_sortie"))
        if "salaires" not in body:
            body["salaire_reference"] = 1000
        if "date_entree" not in body:
            body.update(anciennete_annees=1, anciennete_requise_annees=1)
        scope = "conventionnel" if vector.get("idcc") else "legal"
    return {"slug": slug_, "reponses": body, "idcc": idcc, "portee": scope, "dropped": dropped}
