"""Which structures a fiche uses, and how many fiches of a package use each one.

`structures(fiche)` names the structures of one fiche (block types and their
variants, inline parts, decision trees, what surrounds the body), with the
service-public.fr XML element they come from; `StructureReport` counts the fiches
using each one (with the first example met) and the R items (forms, online
services...): how many there are, how many give an official URL, how many the
fiches (F and N) cite.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from parvis.corpus.fiche.blocks import (
    AllOf,
    AnyOf,
    Callout,
    Cases,
    Condition,
    Contact,
    Fiche,
    Fragment,
    Image,
    Introduction,
    IsUndefined,
    ListBlock,
    Paragraph,
    Problem,
    Questionnaire,
    Section,
    Service,
    Situations,
    Table,
    Text,
    inlines,
    walk,
    walk_branches,
)
from parvis.corpus.fiche.decisions import units
from parvis.corpus.fiche.links import linked_fiche_ids

# (name, description), in report order.
STRUCTURES = [
    ("Introduction", "introduction"),
    ("Paragraphe", "paragraphe"),
    ("Liste", "liste à puces"),
    ("Liste numero", "liste numérotée"),
    ("Chapitre", "chapitre"),
    ("SousChapitre", "sous-chapitre"),
    ("ListeSituations", "situations (onglets)"),
    ("ListeSituations sequentiel", "situations à la suite"),
    ("BlocCas onglet", "cas (onglets)"),
    ("BlocCas radio", "cas (choix)"),
    ("Tableau", "tableau"),
    ("Tableau complexe", "tableau à cellules fusionnées, en-têtes de ligne ou sur 2 lignes"),
    ("ANoter", "encadré « À noter »"),
    ("ASavoir", "encadré « À savoir »"),
    ("Attention", "encadré « Attention »"),
    ("Rappel", "encadré « Rappel »"),
    ("Avertissement", "avertissement daté"),
    ("ServiceEnLigne (texte)", "service en ligne ou formulaire dans le texte"),
    ("ServiceEnLigne", "services en ligne et formulaires de la fiche"),
    ("OuSAdresser (texte)", "« Où s'adresser » dans le texte"),
    ("OuSAdresser", "« Où s'adresser » de la fiche"),
    ("Image", "image ou illustration"),
    ("Questionnaire", "questionnaire (questions et choix)"),
    ("SiSelectionne", "choix ou réponse qui fixe des critères"),
    ("Condition", "contenu conditionné (tout type)"),
    ("Condition Chapitre", "chapitre ou sous-chapitre conditionné"),
    ("Condition Cas", "cas conditionné"),
    ("Condition Situation", "situation conditionnée"),
    ("Condition Item", "élément de liste conditionné"),
    ("FragmentConditionne", "fragment conditionné"),
    ("Condition ou/et", "condition composée (ou, et)"),
    ("estIndefini", "condition « critère non renseigné »"),
    ("Problematique", "recherche guidée : questions"),
    ("Branche", "recherche guidée : réponses"),
    ("RechercheGuidee", "lien vers une recherche guidée"),
    ("LienInterne", "lien vers une fiche"),
    ("LienExterne", "lien externe"),
    ("Abreviation", "sigle ou acronyme développé"),
    ("LienIntra glossaire", "terme du glossaire"),
    ("MiseEnEvidence", "texte mis en évidence"),
    ("Exposant/Indice", "exposant ou indice"),
    ("Reference", "références juridiques"),
    ("VoirAussi", "voir aussi"),
    ("QuestionReponse", "questions-réponses liées"),
    ("SousDossier", "dossier : liste de fiches"),
    ("PourEnSavoirPlus", "pour en savoir plus"),
    ("LienExterneCommente", "lien externe commenté"),
    ("CommentFaireSi", "comment faire si"),
    ("FicheLiee", "fiches liées (R)"),
    ("Definition", "définitions du glossaire"),
    ("ServiceComplementaire", "ressource R (formulaire, téléservice, modèle, simulateur...)"),
    ("NumeroCerfa", "numéro Cerfa (R)"),
    ("NoticeLiee", "notice (R)"),
    ("ServiceEnLigneAnnexe", "formulaire annexe"),
]
LABELS = dict(STRUCTURES)
CALLOUT_NAMES = {
    "anoter": "ANoter",
    "asavoir": "ASavoir",
    "attention": "Attention",
    "rappel": "Rappel",
    "avertissement": "Avertissement",
}
UNIT_NAMES = {
    "section": "Condition Chapitre",
    "case": "Condition Cas",
    "situation": "Condition Situation",
    "item": "Condition Item",
    "fragment": "FragmentConditionne",
}


def operators(condition: Condition) -> set[str]:
    if isinstance(condition, AnyOf | AllOf):
        found = {"Condition ou/et"}
        for term in condition.terms:
            found |= operators(term)
        return found
    return {"estIndefini"} if isinstance(condition, IsUndefined) else set()


def structures(fiche: Fiche) -> set[str]:
    """The names (keys of LABELS) of the structures this fiche uses."""
    found: set[str] = set()
    for block in walk(fiche.structure):
        if isinstance(block, Introduction):
            found.add("Introduction")
        elif isinstance(block, Paragraph):
            found.add("Paragraphe")
        elif isinstance(block, ListBlock):
            found.add("Liste numero" if block.ordered else "Liste")
        elif isinstance(block, Section):
            found.add("Chapitre" if block.kind == "chapitre" else "SousChapitre")
        elif isinstance(block, Situations):
            sequence = block.display == "sequence"
            found.add("ListeSituations sequentiel" if sequence else "ListeSituations")
        elif isinstance(block, Cases):
            found.add("BlocCas radio" if block.display == "choice" else "BlocCas onglet")
        elif isinstance(block, Table):
            found.add("Tableau" if block.simple else "Tableau complexe")
        elif isinstance(block, Callout):
            found.add(CALLOUT_NAMES[block.kind])
        elif isinstance(block, Service):
            found.add("ServiceEnLigne (texte)")
            if block.annexes:
                found.add("ServiceEnLigneAnnexe")
        elif isinstance(block, Contact):
            found.add("OuSAdresser (texte)")
        elif isinstance(block, Image):
            found.add("Image")
        elif isinstance(block, Fragment):
            found.add("FragmentConditionne")
        elif isinstance(block, Questionnaire):
            found.add("Questionnaire")
            if any(choice.sets for q in block.questions for choice in q.choices):
                found.add("SiSelectionne")
        elif isinstance(block, Problem):
            found.add("Problematique")
            branches = list(walk_branches(block.branches))
            if branches:
                found.add("Branche")
            if block.sets or any(branch.sets for branch in branches):
                found.add("SiSelectionne")
    for unit in units(fiche.structure):
        found |= {"Condition", UNIT_NAMES[unit.kind], *operators(unit.condition)}
    for blocks in fiche.bodies():
        for part in inlines(blocks):
            if part.type == "link":
                found.add("LienInterne" if part.fiche else "LienExterne")
            elif part.type == "abbr":
                found.add("Abreviation")
            elif part.type == "term":
                found.add("LienIntra glossaire")
            elif isinstance(part, Text) and part.type == "strong":
                found.add("MiseEnEvidence")
            elif isinstance(part, Text) and part.type in ("sup", "sub"):
                found.add("Exposant/Indice")
    surroundings = {
        "ServiceEnLigne": fiche.services,
        "OuSAdresser": fiche.contacts,
        "Reference": fiche.references,
        "VoirAussi": fiche.see_also,
        "QuestionReponse": fiche.questions,
        "SousDossier": fiche.folders,
        "PourEnSavoirPlus": fiche.more,
        "LienExterneCommente": fiche.external_links,
        "CommentFaireSi": fiche.how_to,
        "FicheLiee": fiche.related,
        "RechercheGuidee": fiche.guided_searches,
        "Definition": fiche.definitions,
    }
    found |= {name for name, items in surroundings.items() if items}
    if any(service.annexes for service in fiche.services):
        found.add("ServiceEnLigneAnnexe")
    if fiche.resource is not None:
        found.add("ServiceComplementaire")
        found |= {"NumeroCerfa"} if fiche.resource.cerfa else set()
        found |= {"NoticeLiee"} if fiche.resource.notice else set()
        found |= {"ServiceEnLigneAnnexe"} if fiche.resource.annexes else set()
    return found


@dataclass
class StructureReport:
    fiches: Counter = field(default_factory=Counter)  # by letter: F, N, R
    counts: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    resources: set[str] = field(default_factory=set)
    resources_with_url: set[str] = field(default_factory=set)
    cited_by_fiches: set[str] = field(default_factory=set)  # ids cited by an F or N fiche
    cited_by_resources: set[str] = field(default_factory=set)

    def add(self, fiche: Fiche) -> None:
        self.fiches[fiche.id[0]] += 1
        for name in structures(fiche):
            self.counts[name] += 1
            self.examples.setdefault(name, fiche.id)
        if fiche.resource is not None:
            self.resources.add(fiche.id)
            if fiche.resource.url:
                self.resources_with_url.add(fiche.id)
        linked = linked_fiche_ids(fiche)
        (self.cited_by_resources if fiche.resource else self.cited_by_fiches).update(linked)

    def rows(self) -> list[tuple[str, str, int, str]]:
        """(name, description, fiches using it, first example), in STRUCTURES order."""
        return [
            (name, label, self.counts[name], self.examples.get(name, ""))
            for name, label in STRUCTURES
        ]

    def resource_figures(self) -> dict[str, int]:
        return {
            "resources": len(self.resources),
            "with_url": len(self.resources_with_url),
            "cited": len(self.resources & self.cited_by_fiches),
            "cited_with_url": len(self.resources & self.cited_by_fiches & self.resources_with_url),
            "cited_only_by_resources": len(
                (self.resources & self.cited_by_resources) - self.cited_by_fiches
            ),
        }
