"""The body of a fiche (Introduction, Texte, ListeSituations, Questionnaire,
Problematiques, Avertissement) as typed blocks (parvis/corpus/fiche/blocks.py).

Anchors, stable within a fiche and shared with its passages: "introduction",
"chapitre-<k>" (chapters and guided-search questions, in order), "chapitre-<k>-<j>"
(sub-chapters), "cas-<b>-<c>" (case c of the b-th BlocCas), "situation-<k>";
ids: "questionnaire", "question-<q>", "question-<q>-choix-<c>", "<problem
anchor>-branche-<i>-<j>...", "fragment-<k>", "element-<k>" (conditioned list items).
"""

from __future__ import annotations

from parvis.corpus.fiche.blocks import (
    CALLOUT_TITLES,
    Block,
    Branch,
    Callout,
    Case,
    Cases,
    Cell,
    Choice,
    Fragment,
    Image,
    Introduction,
    Link,
    ListBlock,
    ListItem,
    Problem,
    Question,
    Questionnaire,
    Section,
    Situation,
    Situations,
    Table,
)
from parvis.corpus.loaders.vdd import services
from parvis.corpus.loaders.vdd.criteria import assignments_of, condition_of
from parvis.corpus.loaders.vdd.inlines import InlineBuilder
from parvis.corpus.loaders.vdd.scope import Scope
from parvis.corpus.loaders.vdd.xml import (
    NOT_TEXT,
    attr,
    elements,
    first,
    span,
    text_of,
    title_of,
)

MAX_LEVEL = 6
CALLOUTS = {"ANoter": "anoter", "ASavoir": "asavoir", "Attention": "attention", "Rappel": "rappel"}
MEDIA = {"Image", "Illustration"}
# Read elsewhere (titles, conditions, assignments) or not content.
SKIPPED = (NOT_TEXT - MEDIA) | {"Titre"}
# Containers whose children are read as if they were in the parent.
TRANSPARENT = {"Texte", "ContenuIllustre", "Contenu", "Description", "Aide", "Commentaire"}
# Top-level elements of a fiche that make its body, in document order.
BODY = ("Introduction", "Texte", "ListeSituations", "Questionnaire", "Problematiques")


class BodyBuilder:
    def __init__(self, scope: Scope, inline: InlineBuilder):
        self.scope = scope
        self.inline = inline
        self.chapters = 0
        self.sub_chapters = 0
        self.case_blocks = 0
        self.situations = 0
        self.fragments = 0
        self.items = 0

    def structure(self, root: dict) -> list[Block]:
        out: list[Block] = [self.warning(node, 2) for node in elements(root, "Avertissement")]
        for node in elements(root, *BODY):
            if node["name"] == "Introduction":
                blocks = self.blocks(node, 2)
                if blocks:
                    out.append(Introduction(anchor="introduction", blocks=blocks))
            else:
                self.block(node, 2, out)
        return out

    def blocks(self, node: dict, level: int) -> list[Block]:
        out: list[Block] = []
        for child in elements(node):
            self.block(child, level, out)
        return out

    def block(self, node: dict, level: int, out: list[Block]) -> None:
        name = node.get("name")
        level = min(level, MAX_LEVEL)
        if name in SKIPPED:
            return
        if name in TRANSPARENT or name == "Introduction":
            for child in elements(node):
                self.block(child, level, out)
        elif name == "Paragraphe":
            if paragraph := self.inline.paragraph(node):
                out.append(paragraph)
            out.extend(self.image(image) for image in elements(node, "Image"))
        elif name == "Liste":
            items = [self.item(item, level) for item in elements(node, "Item")]
            items = [item for item in items if item.blocks]
            if items:
                out.append(ListBlock(ordered=attr(node, "type") == "numero", items=items))
        elif name == "Tableau":
            out.append(self.table(node, level))
        elif name == "Chapitre":
            out.append(self.chapter(node, level))
        elif name == "SousChapitre":
            out.append(self.section(node, "souschapitre", self.sub_anchor(), level))
        elif name == "BlocCas":
            out.append(self.cases(node, level))
        elif name == "ListeSituations":
            out.append(self.situation_list(node, level))
        elif name in CALLOUTS:
            kind = CALLOUTS[name]
            out.append(
                Callout(
                    kind=kind,
                    title=title_of(node) or CALLOUT_TITLES[kind],
                    blocks=self.blocks(node, level + 1),
                )
            )
        elif name == "Avertissement":
            out.append(self.warning(node, level))
        elif name == "ServiceEnLigne":
            out.append(services.service(node, self.scope))
        elif name in ("OuSAdresser", "OuSAdresserSupport"):
            out.append(self.contact(node, level))
        elif name == "FragmentConditionne":
            out.append(self.fragment(node, level))
        elif name == "Questionnaire":
            out.append(self.questionnaire(node, level))
        elif name == "Problematiques":
            out.extend(self.problem(child, level) for child in elements(node, "Problematique"))
        elif name == "Problematique":
            out.append(self.problem(node, level))
        elif name in MEDIA:
            out.append(self.image(node))
        elif name in ("LienInterne", "LienExterne", "LienIntra"):
            if paragraph := self.inline.paragraph({"children": [node]}):
                out.append(paragraph)
        else:  # unknown element: keep whatever it says
            children = elements(node)
            if children:
                for child in children:
                    self.block(child, level, out)
            elif paragraph := self.inline.paragraph(node):
                out.append(paragraph)

    # units

    def sub_anchor(self) -> str:
        self.sub_chapters += 1
        return f"chapitre-{self.chapters}-{self.sub_chapters}"

    def chapter(self, node: dict, level: int) -> Section:
        self.chapters += 1
        self.sub_chapters = 0
        return self.section(node, "chapitre", f"chapitre-{self.chapters}", level)

    def section(self, node: dict, kind: str, anchor: str, level: int) -> Section:
        return Section(
            kind=kind,
            title=title_of(node),
            anchor=anchor,
            level=level,
            alt_title=text_of(first(node, "TitreAlternatif")),
            role=attr(node, "type"),
            condition=condition_of(node),
            blocks=self.blocks(node, level + 1),
        )

    def item(self, node: dict, level: int) -> ListItem:
        condition = condition_of(node)
        item_id = ""
        if condition is not None:
            self.items += 1
            item_id = f"element-{self.items}"
        return ListItem(id=item_id, condition=condition, blocks=self.blocks(node, level))

    def cases(self, node: dict, level: int) -> Cases:
        self.case_blocks += 1
        number = self.case_blocks
        cases = [
            Case(
                title=title_of(case) or f"Cas {index}",
                anchor=f"cas-{number}-{index}",
                kind=attr(case, "type"),
                condition=condition_of(case),
                blocks=self.blocks(case, level + 1),
            )
            for index, case in enumerate(elements(node, "Cas"), start=1)
        ]
        return Cases(
            display="choice" if attr(node, "affichage") == "radio" else "tabs",
            kind=attr(node, "type"),
            personalisable=attr(node, "personnalisable"),
            level=level,
            cases=cases,
        )

    def situation_list(self, node: dict, level: int) -> Situations:
        situations = []
        for index, situation in enumerate(elements(node, "Situation"), start=1):
            self.situations += 1
            situations.append(
                Situation(
                    title=title_of(situation) or f"Situation {index}",
                    anchor=f"situation-{self.situations}",
                    condition=condition_of(situation),
                    blocks=self.blocks(situation, level + 1),
                )
            )
        display = "sequence" if attr(node, "affichage") == "sequentiel" else "tabs"
        return Situations(display=display, level=level, situations=situations)

    def warning(self, node: dict, level: int) -> Callout:
        return Callout(
            kind="avertissement",
            title=title_of(node) or CALLOUT_TITLES["avertissement"],
            id=attr(node, "ID"),
            date=attr(node, "date"),
            blocks=self.blocks(node, level + 1),
        )

    def fragment(self, node: dict, level: int) -> Fragment:
        self.fragments += 1
        return Fragment(
            id=f"fragment-{self.fragments}",
            condition=condition_of(node),
            blocks=self.blocks(node, level),
        )

    def contact(self, node: dict, level: int):
        return services.contact(node, lambda texte: self.blocks(texte, level + 1))

    def image(self, node: dict) -> Image:
        return Image(
            file=attr(node, "LienPublication"),
            alt=text_of(first(node, "TexteDeRemplacement")),
            caption=text_of(first(node, "Legende")),
            credits=text_of(first(node, "Credits")),
        )

    def table(self, node: dict, level: int) -> Table:
        column_headers = [attr(column, "type") == "header" for column in elements(node, "Colonne")]
        head: list[list[Cell]] = []
        body: list[list[Cell]] = []
        for row in elements(node, "Rangée"):
            header_row = attr(row, "type") == "header"
            cells = []
            for position, cell in enumerate(elements(row, "Cellule")):
                row_header = (
                    not header_row and position < len(column_headers) and column_headers[position]
                )
                cells.append(
                    Cell(
                        header=header_row or row_header,
                        scope="col" if header_row else ("row" if row_header else ""),
                        colspan=span(attr(cell, "fusionHorizontale")),
                        rowspan=span(attr(cell, "fusionVerticale")),
                        blocks=self.blocks(cell, level + 1),
                    )
                )
            (head if header_row and not body else body).append(cells)
        return Table(
            title=title_of(node), summary=text_of(first(node, "Resume")), head=head, body=body
        )

    # decision trees

    def questionnaire(self, node: dict, level: int) -> Questionnaire:
        questions = []
        for q, question in enumerate(elements(node, "Question"), start=1):
            choices = [
                Choice(
                    id=f"question-{q}-choix-{c}",
                    title=title_of(choice),
                    label=text_of(first(choice, "IntituleSiSelectionne")),
                    sets=assignments_of(choice),
                )
                for c, choice in enumerate(elements(question, "Choix"), start=1)
            ]
            questions.append(
                Question(
                    id=f"question-{q}",
                    title=title_of(question),
                    help=self.help(question, level + 1),
                    choices=choices,
                )
            )
        return Questionnaire(
            description=self.blocks(first(node, "Description") or {}, level), questions=questions
        )

    def problem(self, node: dict, level: int) -> Problem:
        """A question of a guided search (Recherche guidée) and its answers."""
        self.chapters += 1
        self.sub_chapters = 0
        anchor = f"chapitre-{self.chapters}"
        return Problem(
            title=title_of(node),
            anchor=anchor,
            level=level,
            help=self.help(node, level + 1),
            sets=assignments_of(node),
            links=self.links(node),
            branches=self.branches(node, f"{anchor}-branche", level + 1),
        )

    def branches(self, node: dict, prefix: str, level: int) -> list[Branch]:
        out = []
        for index, branch in enumerate(elements(node, "Branche"), start=1):
            branch_id = f"{prefix}-{index}"
            out.append(
                Branch(
                    id=branch_id,
                    title=title_of(branch),
                    help=self.help(branch, level),
                    sets=assignments_of(branch),
                    links=self.links(branch),
                    branches=self.branches(branch, branch_id, level),
                )
            )
        return out

    def help(self, node: dict, level: int) -> list[Block]:
        return [block for aide in elements(node, "Aide") for block in self.blocks(aide, level)]

    def links(self, node: dict) -> list[Link]:
        found: list = []
        for link in elements(node, "LienInterne"):
            self.inline.internal_link(link, found)
        return [part for part in found if isinstance(part, Link)]
