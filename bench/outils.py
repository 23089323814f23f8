"""Conformance of the labour calculators with the ministry's own test vectors.

Replays ../shared/eval/simulators/*.jsonl through the JSON API
(POST /api/v1/outils/{slug}, Django's test client, in process) with the mapping
of bench/outils_mapping.py, and prints, per calculator and per agreement, how
many vectors Parvis answers equally (to the cent, to the day), then every
mismatch with its cause. Kinds that assert only the ministry's wording or
links (formula, references, notifications) or which question comes next
(missing-args) are counted apart, not compared.

    PARVIS_DATA_DIR=var .venv/bin/python bench/outils.py \
        [--vectors DIR] [--mismatches N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parvis.settings")

COMPARED = {"result", "seniority", "required-seniority", "reference-salary", "ineligibility"}
UNIT_FAMILY = {
    "semaine": "semaine",
    "semaines": "semaine",
    "jour": "jour",
    "jours": "jour",
    "jour ouvré": "jour ouvré",
    "jours ouvrés": "jour ouvré",
    "jour calendaire": "jour calendaire",
    "jours calendaires": "jour calendaire",
    # The same durations, with the ministry's note in the unit.
    "mois sauf stipulation contractuelle différente": "mois",
    "mois de date à date": "mois",
    "semaine de date à date": "semaine",
}


def family(unit: str | None) -> str:
    return UNIT_FAMILY.get(unit or "", unit or "")


def observed(vector: dict, body: dict) -> object:
    """What Parvis answered, in the shape the vector asserts."""
    kind, portee = vector["kind"], None
    outcome = body
    if kind in ("seniority", "required-seniority", "reference-salary"):
        # Seniority and salary come with the result, or with the next question asked.
        scope = "conventionnel" if vector.get("idcc") else "legal"
        if body.get("_status") == 200:
            data = (body.get(scope) or {}).get("donnees")
        else:
            data = (body.get("donnees") or {}).get(scope)
        if not data:
            return None
        name = {
            "seniority": "anciennete_annees",
            "required-seniority": "anciennete_requise_annees",
            "reference-salary": "salaire_reference",
        }[kind]
        return data.get(name)
    if body.get("_status") != 200:
        return None
    scope = vector.get("result_scope")
    if "result" not in vector["expected"] and "agreement_result" in vector["expected"]:
        scope = "agreement"
    if scope == "legal":
        portee = body["legal"]
    elif scope == "agreement":
        portee = body["conventionnel"]
    if portee is not None or scope in ("legal", "agreement"):
        if not portee:
            return None
        outcome = {
            "valeur": 0 if portee["ineligibilite"] else portee["valeur"],
            "unite": portee["unite"],
            "texte": portee["texte"],
            "ineligibilite": portee["ineligibilite"],
        }
    if kind == "ineligibility":
        return bool(outcome["ineligibilite"])
    if vector["simulator"] == "heures-recherche-emploi":
        return outcome["texte"] or ""
    value = outcome["valeur"]
    if (
        value is None
        and outcome["ineligibilite"]
        and vector["simulator"] != "heures-recherche-emploi"
    ):
        value = 0
    return (value, outcome["unite"])


def equal(vector: dict, got) -> bool:
    kind = vector["kind"]
    if kind == "ineligibility":
        # `ineligibility: null` asserts the employee is entitled.
        return got is (vector["expected"].get("ineligibility", "") is not None)
    expected = vector["expected"].get("result") or vector["expected"].get("agreement_result", {})
    if expected.get("value", 0) is None and got is None:
        return True  # no result without the seniority: Parvis asks for it (400, question manquante)
    if kind in ("seniority", "required-seniority", "reference-salary"):
        return got is not None and abs(float(got) - float(expected["value"])) < 1e-6
    if vector["simulator"] == "heures-recherche-emploi":
        return got == (expected.get("value") or "")
    if got is None:
        return False
    value, unit = got
    want = expected.get("value")
    if expected.get("unit") == "€":
        return value is not None and abs(float(value) - float(want)) < 0.005
    if want is None:
        return value is None
    if value is None:
        return False
    if abs(float(value) - float(want)) > 1e-9:
        return False
    if want == 0:
        return True  # "0 mois" and "0 semaines" are the same notice
    return family(unit) == family(expected.get("unit"))


def explained(vector: dict, body: dict) -> str:
    """Known, deliberate differences with the ministry's engine, with the reason."""
    inputs = vector["inputs"]
    if vector["simulator"] == "rupture-conventionnelle" and any(
        k.endswith("inaptitude suite à un accident ou maladie professionnelle") and v == "oui"
        for k, v in inputs.items()
    ):
        return (
            "écart assumé : le doublement pour inaptitude (L1226-14) "
            "ne concerne que le licenciement"
        )
    if vector["simulator"] == "rupture-conventionnelle" and any(
        "licenciement économique" in k and v in ("'Oui'", "oui") for k, v in inputs.items()
    ):
        return (
            "écart assumé : une rupture conventionnelle n'est pas un licenciement économique ; "
            "Parvis n'applique pas la majoration conventionnelle qui lui est propre"
        )
    notified = inputs.get("contrat salarié . indemnité de licenciement . date de notification", "")
    if vector.get("idcc") == "275" and notified.endswith("/01/2024"):
        return (
            "version antérieure : le ministère applique à une notification de janvier 2024 "
            "l'article 20 d'avant sa révision (avenant du 25 avril 2023) ; "
            "Parvis, le texte en vigueur"
        )
    notice = inputs.get("salairesPendantPreavis") or []
    if vector["kind"] == "reference-salary" and any(m.get("prime") for m in notice):
        return (
            "écart assumé : le ministère ajoute la prime d'un mois de préavis à son salaire ; "
            "Parvis la tient pour comprise dans le salaire brut du mois, comme pour les autres mois"
        )
    if "motif d'absence inconnu : None" in body.get("detail", ""):
        return (
            "écart assumé : absence mal formée dans le test du ministère "
            "(motif imbriqué) refusée (400)"
        )
    if "absences dépassent la durée du contrat" in body.get("detail", ""):
        return (
            "écart assumé : absences plus longues que le contrat refusées (400) ; "
            "le ministère rend une ancienneté négative"
        )
    return ""


def cause(vector: dict, body: dict, request: dict, calculators) -> str:
    if why := explained(vector, body):
        return why
    idcc = (request["idcc"] or "").zfill(4) if request["idcc"] else ""
    calculator = calculators[request["slug"]]
    if idcc and idcc not in calculator.agreements and vector.get("idcc"):
        return "convention non encodée"
    if body.get("_status") != 200:
        return f"refusé ({body.get('_status')}) : {body.get('detail', '')[:140]}"
    if request.get("dropped"):
        return "question du ministère sans équivalent dans la règle Parvis : " + ", ".join(
            request["dropped"]
        )
    return "valeur différente"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", default="../shared/eval/simulators")
    parser.add_argument(
        "--mismatches", type=int, default=40, help="mismatches listed per calculator"
    )
    parser.add_argument("--json", help="write every result to this file")
    parser.add_argument(
        "--report", help="write every mismatch and its cause (Markdown) to this file"
    )
    args = parser.parse_args(argv)

    import logging

    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # 400s are expected here
    from django.test import Client
    from outils_mapping import SLUGS, request

    from parvis.api.outils import SCOPES
    from parvis.rules.answers import InvalidAnswer
    from parvis.rules.definitions import calculators
    from parvis.rules.evaluator import MissingAnswer
    from parvis.rules.service import UnknownAgreement, run

    client = Client()
    calcs = calculators()
    per_calc = defaultdict(Counter)
    per_idcc = defaultdict(Counter)
    not_compared = Counter()
    mismatches = defaultdict(list)
    timings = []
    engine_timings = []
    rows = []
    for simulator in SLUGS:
        path = Path(args.vectors) / f"{simulator}.jsonl"
        for line in path.open():
            vector = json.loads(line)
            if vector["kind"] not in COMPARED:
                not_compared[(simulator, vector["kind"])] += 1
                continue
            if vector["kind"] != "ineligibility" and not (
                set(vector["expected"].get("result") or {}) | set(vector["expected"])
            ) & {"value", "agreement_result"}:
                # Only the engine's internal variables are asserted (extraInfos).
                not_compared[(simulator, vector["kind"] + " (extraInfos)")] += 1
                continue
            req = request(vector)
            payload = {
                "reponses": req["reponses"],
                "idcc": req["idcc"] or None,
                "portee": req["portee"],
            }
            started = time.perf_counter()
            response = client.post(
                f"/api/v1/outils/{req['slug']}",
                json.dumps(payload, default=str),
                content_type="application/json",
            )
            timings.append(time.perf_counter() - started)
            started = time.perf_counter()
            try:
                run(req["slug"], req["reponses"], req["idcc"], SCOPES[req["portee"]])
            except (InvalidAnswer, MissingAnswer, UnknownAgreement):
                pass
            engine_timings.append(time.perf_counter() - started)
            body = response.json()
            body["_status"] = response.status_code
            got = observed(vector, body)
            ok = equal(vector, got)
            group = "légal" if not vector.get("idcc") else "conventionnel"
            per_calc[simulator][(group, ok)] += 1
            per_idcc[vector.get("idcc") or "légal"][ok] += 1
            why = "" if ok else cause(vector, body, req, calcs)
            if not ok:
                per_calc[simulator][("cause", why.split(" :")[0])] += 1
                mismatches[simulator].append((vector, got, why))
            encoded = bool(req["idcc"]) and req["idcc"].zfill(4) in calcs[req["slug"]].agreements
            rows.append(
                {
                    "simulator": simulator,
                    "idcc": vector.get("idcc"),
                    "kind": vector["kind"],
                    "ok": ok,
                    "cause": why,
                    "encoded": encoded,
                }
            )

    print(
        "| calculateur | sans convention | avec convention : tous | "
        "CC définie dans Parvis | CC sans définition (le Code s'applique) |"
    )
    print("|---|---|---|---|---|")
    groups = defaultdict(Counter)
    for row in rows:
        group = "legal" if not row["idcc"] else ("encoded" if row["encoded"] else "other")
        groups[(row["simulator"], group)][row["ok"]] += 1
        if row["idcc"]:
            groups[(row["simulator"], "cc")][row["ok"]] += 1

    def cell(counts):
        total = counts[True] + counts[False]
        return f"{counts[True]} / {total} ({100 * counts[True] / total:.1f} %)" if total else "—"

    for simulator in per_calc:
        print(
            f"| {simulator} | {cell(groups[(simulator, 'legal')])} | "
            f"{cell(groups[(simulator, 'cc')])} | "
            f"{cell(groups[(simulator, 'encoded')])} | {cell(groups[(simulator, 'other')])} |"
        )
    print()
    print("| IDCC | égaux / comparés |")
    print("|---|---|")
    for idcc, counts in sorted(
        per_idcc.items(), key=lambda item: -(item[1][True] + item[1][False])
    ):
        print(f"| {idcc} | {counts[True]} / {counts[True] + counts[False]} |")
    print()
    print("Non comparés (libellés, liens ou question suivante) :", dict(not_compared))
    for label, values in (
        ("appel de l'API (client de test, en processus)", timings),
        ("calcul seul (parvis.rules.service.run)", engine_timings),
    ):
        values.sort()
        p50, p95 = values[len(values) // 2] * 1000, values[int(len(values) * 0.95)] * 1000
        print(f"Temps par {label} : p50 {p50:.2f} ms, p95 {p95:.2f} ms ({len(values)} appels)")
    for simulator, items in mismatches.items():
        causes = Counter(why.split(" :")[0] for _, _, why in items)
        print(f"\n## {simulator}: {len(items)} écarts {dict(causes)}")
        for vector, got, why in [i for i in items if i[2] != "convention non encodée"][
            : args.mismatches
        ]:
            expected = vector["expected"].get("result", vector["expected"])
            print(
                f"- IDCC {vector.get('idcc')} {vector['kind']}: "
                f"attendu {json.dumps(expected, ensure_ascii=False)[:120]}, "
                f"obtenu {got!r:.120} ; {why}"
            )
    if args.report:
        lines = ["# Calculateurs : écarts avec les vecteurs du ministère", ""]
        lines.append(f"Produit par `bench/outils.py --report` ; {len(rows)} vecteurs comparés.")
        for simulator, items in mismatches.items():
            lines += ["", f"## {simulator} ({len(items)} écarts)", ""]
            unencoded = Counter(
                v.get("idcc") for v, _, why in items if why == "convention non encodée"
            )
            if unencoded:
                listed = ", ".join(f"{idcc} ({n})" for idcc, n in sorted(unencoded.items()))
                lines.append(f"- convention non encodée dans Parvis : {listed}")
            for vector, got, why in items:
                if why == "convention non encodée":
                    continue
                expected = vector["expected"].get("result") or vector["expected"]
                lines.append(
                    f"- IDCC {vector.get('idcc') or '—'} {vector['kind']} "
                    f"({vector.get('source', '')[-90:]}): attendu "
                    f"{json.dumps(expected, ensure_ascii=False)[:100]}, obtenu {got!r:.80} ; {why}"
                )
        Path(args.report).write_text("\n".join(lines) + "\n")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=0))


if __name__ == "__main__":
    main()
